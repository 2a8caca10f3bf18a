import Crypto
import Glibc
import SCIMCore

/// The reading half of snapshot loading, on a thread of its own so that reading, checksumming and
/// parsing overlap with building the indexes: reads the file in big chunks, splits it into lines,
/// keeps the trailer's running CRC-32C and line count, checks the header and the trailer, and
/// decodes every other line into a `SnapshotLine`. Lines go to the loader in order, in batches;
/// the last one sent is always `.failed` or `.ended`.
struct SnapshotLineDecoder {
    private var crc = CRC32C()
    private var records = 0
    private var sequence: UInt64 = 0
    private var ended = false
    private var scratch: [UInt8] = []

    static let batchLines = 4096
    static let batchBytes = 4 << 20

    static let userPrefix = Array(#"{"t":"user","#.utf8)
    static let groupPrefix = Array(#"{"t":"group","#.utf8)
    static let membersPrefix = Array(#"{"t":"members","#.utf8)
    static let marker = Array(SnapshotFormat.attributesMarker.utf8)

    /// Decodes the open file `handle` into `queue` until the end, a failure, or the consumer's cancel.
    static func run(handle: StorageHandle, fileSystem: any StorageFileSystem, queue: BoundedQueue<[SnapshotLine]>) {
        var decoder = SnapshotLineDecoder()
        var batch: [SnapshotLine] = []
        var bytes = 0
        var open = true
        do throws(SnapshotReader.Failure) {
            try decoder.readAll(handle, fileSystem) { line, size in
                batch.append(line)
                bytes += size
                guard batch.count >= batchLines || bytes >= batchBytes else { return true }
                open = queue.push(batch)
                batch = []
                bytes = 0
                return open
            }
        } catch {
            batch.append(.failed(error))
        }
        if open && !batch.isEmpty { _ = queue.push(batch) }
    }

    /// Every line of the file, then `.ended`, to `emit` (given each line and its size); stops early
    /// when `emit` returns false.
    private mutating func readAll(_ handle: StorageHandle, _ fileSystem: any StorageFileSystem,
                                  emit: (SnapshotLine, Int) -> Bool) throws(SnapshotReader.Failure) {
        var capacity = SnapshotReader.readSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0        // valid bytes in buffer
        var start = 0         // first unprocessed byte
        var fileOffset = 0    // file offset of buffer[0]
        var atEnd = false

        while true {
            // Every complete line in buffer[start..<filled].
            while start < filled, let found = memchr(buffer + start, Int32(UInt8(ascii: "\n")), filled - start) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(start: buffer + start, count: newline - start)
                let withNewline = UnsafeRawBufferPointer(start: buffer + start, count: newline - start + 1)
                if let decoded = try self.line(line, withNewline: withNewline, offset: fileOffset + start),
                   !emit(decoded, withNewline.count) { return }
                start = newline + 1
            }
            if atEnd {
                if start < filled { throw .damaged(offset: fileOffset + start, reason: "the last line is incomplete") }
                break
            }
            if start > 0 {
                if filled > start { (buffer).update(from: buffer + start, count: filled - start) }
                fileOffset += start
                filled -= start
                start = 0
            }
            if filled == capacity {
                guard capacity < SnapshotReader.maxLineBytes else {
                    throw .damaged(offset: fileOffset, reason: "a line longer than \(SnapshotReader.maxLineBytes) bytes")
                }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n: Int
            do throws(StorageIOError) {
                n = try fileSystem.read(handle, into: UnsafeMutableRawBufferPointer(start: buffer + filled, count: capacity - filled))
            } catch {
                throw .io(error)
            }
            if n == 0 { atEnd = true } else { filled += n }
        }
        guard ended else { throw .damaged(offset: fileOffset + filled, reason: "no trailer (the snapshot is incomplete)") }
        _ = emit(.ended(sequence: sequence, records: records, bytes: fileOffset + filled), 0)
    }

    private static func starts(_ line: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        guard line.count >= prefix.count else { return false }
        for i in 0..<prefix.count where line[i] != prefix[i] { return false }
        return true
    }

    /// One line (without its newline); nil for the header and the trailer, which it checks itself.
    private mutating func line(_ line: UnsafeBufferPointer<UInt8>, withNewline: UnsafeRawBufferPointer,
                               offset: Int) throws(SnapshotReader.Failure) -> SnapshotLine? {
        guard !ended else { throw .damaged(offset: offset, reason: "data after the trailer") }
        if records > 0 {
            let kind: ResourceKind? = Self.starts(line, with: Self.userPrefix) ? .user : Self.starts(line, with: Self.groupPrefix) ? .group : nil
            if let kind {
                crc.update(withNewline)
                records += 1
                return .resource(kind, offset: offset, resource(line, kind: kind))
            }
            if Self.starts(line, with: Self.membersPrefix), let (groupID, members) = SnapshotLineScanner.membersLine(line) {
                crc.update(withNewline)
                records += 1
                return .members(offset: offset, groupID: groupID, members: members)
            }
        }
        let value: JSONValue
        do throws(JSONError) { value = try JSONParser.parse(line, maxDepth: SnapshotFormat.maxDepth) } catch {
            throw .damaged(offset: offset, reason: "invalid JSON: \(error)")
        }
        guard let object = value.objectValue else { throw .damaged(offset: offset, reason: "a line is not a JSON object") }
        let fields = FieldReader(object)
        do throws(RecordDecodingError) {
            let type = try fields.string("t")
            if type == SnapshotFormat.LineType.end {
                let count = try fields.int64("records")
                guard let stored = Hex.decode(try fields.string("crc")), stored.count == 4 else {
                    throw RecordDecodingError("the trailer's \"crc\" is not 8 hex digits")
                }
                let value = stored.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard count == Int64(records) else { throw RecordDecodingError("the trailer counts \(count) lines, the file has \(records)") }
                guard value == crc.value else { throw RecordDecodingError("checksum mismatch: the trailer does not match the content") }
                ended = true
                return nil
            }
            crc.update(withNewline)
            records += 1
            if records == 1 {
                guard type == SnapshotFormat.LineType.header else { throw RecordDecodingError("the first line is not a snapshot header") }
                let version = try fields.int64("v")
                guard version == Int64(SnapshotFormat.formatVersion) else {
                    throw RecordDecodingError("snapshot format version \(version) is not supported by this scimd")
                }
                sequence = UInt64(max(0, try fields.int64("seq")))
                return nil
            }
            return .entity(offset: offset, type: type, object: object)
        } catch {
            throw .damaged(offset: offset, reason: error.description)
        }
    }

    /// A user or group line: the fields before the attributes, and the attributes' text as it is.
    private mutating func resource(_ line: UnsafeBufferPointer<UInt8>, kind: ResourceKind) -> SnapshotLine.Resource {
        let marker = Self.marker
        var at = -1
        var i = 0
        let last = line.count - marker.count
        while i <= last {
            if line[i] == marker[0] {
                var k = 1
                while k < marker.count && line[i + k] == marker[k] { k += 1 }
                if k == marker.count { at = i; break }
            }
            i += 1
        }
        let attributesStart = at + marker.count
        guard at > 0, line[line.count - 1] == UInt8(ascii: "}"), attributesStart < line.count - 1,
              line[attributesStart] == UInt8(ascii: "{"), line[line.count - 2] == UInt8(ascii: "}") else {
            return .malformed("a resource line without attributes at its end")
        }
        let attributes = Array(UnsafeBufferPointer(rebasing: line[attributesStart..<(line.count - 1)]))
        let prefixLength = kind == .user ? Self.userPrefix.count : Self.groupPrefix.count
        if let f = SnapshotLineScanner.resourceFields(UnsafeBufferPointer(rebasing: line[0..<at]), from: prefixLength) {
            return .scanned(SnapshotLine.Scanned(
                keys: ResourceKeys(id: f.id, nameKey: f.key, externalId: f.externalId),
                entry: ResourceEntry(attributes: attributes, nameKey: f.key, externalId: f.externalId, created: f.created,
                                     lastModified: f.lastModified, version: f.version, ordinal: 0)))
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<at]))
        scratch.append(UInt8(ascii: "}"))
        let value: JSONValue
        do throws(JSONError) { value = try JSONParser.parse(scratch, maxDepth: SnapshotFormat.maxDepth) } catch {
            return .malformed("invalid JSON: \(error)")
        }
        guard let object = value.objectValue else { return .malformed("a line is not a JSON object") }
        return .parsed(object, attributes: attributes)
    }
}
