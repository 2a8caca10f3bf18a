import Crypto
import Glibc
import SCIMCore

/// Loads a snapshot file into a fresh state, streaming it in big reads and parsing each line in
/// place (no per-line copies). A snapshot counts only if its trailer verifies.
enum SnapshotReader {
    enum Failure: Error {
        /// The file is not a complete, valid snapshot (at this byte offset).
        case damaged(offset: Int, reason: String)
        /// Reading failed: the file may be fine, the disk is not.
        case io(StorageIOError)
    }

    struct Loaded {
        var state: DirectoryState
        var sequence: UInt64
        var records: Int
        var bytes: Int
    }

    static let readSize = 8 << 20
    static let maxLineBytes = 512 << 20

    static func load(path: String, fileSystem: any StorageFileSystem) throws(Failure) -> Loaded {
        let handle: StorageHandle
        do throws(StorageIOError) { handle = try fileSystem.openForReading(path) } catch { throw .io(error) }
        defer { fileSystem.close(handle) }

        var capacity = readSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0        // valid bytes in buffer
        var start = 0         // first unprocessed byte
        var fileOffset = 0    // file offset of buffer[0]
        var loader = Loader()
        var atEnd = false

        while true {
            // Every complete line in buffer[start..<filled].
            while start < filled, let found = memchr(buffer + start, Int32(UInt8(ascii: "\n")), filled - start) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(start: buffer + start, count: newline - start)
                let withNewline = UnsafeRawBufferPointer(start: buffer + start, count: newline - start + 1)
                do throws(Failure) { try loader.line(line, withNewline: withNewline, offset: fileOffset + start) } catch { throw error }
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
                guard capacity < maxLineBytes else { throw .damaged(offset: fileOffset, reason: "a line longer than \(maxLineBytes) bytes") }
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
        guard loader.ended else { throw .damaged(offset: fileOffset + filled, reason: "no trailer (the snapshot is incomplete)") }
        return Loaded(state: loader.finish(), sequence: loader.sequence, records: loader.records, bytes: fileOffset + filled)
    }

    /// Builds the state line by line.
    private struct Loader {
        var state = DirectoryState()
        var current: IntegrationState?
        var crc = CRC32C()
        var records = 0
        var sequence: UInt64 = 0
        var ended = false

        var scratch: [UInt8] = []
        var memberScratch: [(value: String, type: String?)] = []
        static let userPrefix = Array(#"{"t":"user","#.utf8)
        static let groupPrefix = Array(#"{"t":"group","#.utf8)
        static let membersPrefix = Array(#"{"t":"members","#.utf8)
        static let marker = Array(SnapshotFormat.attributesMarker.utf8)

        static func starts(_ line: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
            guard line.count >= prefix.count else { return false }
            for i in 0..<prefix.count where line[i] != prefix[i] { return false }
            return true
        }

        mutating func line(_ line: UnsafeBufferPointer<UInt8>, withNewline: UnsafeRawBufferPointer, offset: Int) throws(Failure) {
            guard !ended else { throw .damaged(offset: offset, reason: "data after the trailer") }
            if records > 0 {
                let kind: ResourceKind? = Self.starts(line, with: Self.userPrefix) ? .user : Self.starts(line, with: Self.groupPrefix) ? .group : nil
                if let kind {
                    crc.update(withNewline)
                    records += 1
                    do throws(RecordDecodingError) { try resourceLine(line, kind: kind) } catch {
                        throw .damaged(offset: offset, reason: error.description)
                    }
                    return
                }
                if Self.starts(line, with: Self.membersPrefix), let groupID = SnapshotLineScanner.membersLine(line, into: &memberScratch) {
                    crc.update(withNewline)
                    records += 1
                    do throws(RecordDecodingError) { try addScannedMembers(to: groupID) } catch {
                        throw .damaged(offset: offset, reason: error.description)
                    }
                    return
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
                    return
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
                    return
                }
                try entity(type, fields)
            } catch {
                throw .damaged(offset: offset, reason: error.description)
            }
        }

        mutating func entity(_ type: String, _ fields: FieldReader) throws(RecordDecodingError) {
            switch type {
            case SnapshotFormat.LineType.admin:
                state.adminPassword = try fields.string("record")
            case SnapshotFormat.LineType.integration:
                flushIntegration()
                let integration = Integration(
                    id: try fields.string("id"), name: try fields.string("name"), tokenHash: try fields.hex("tokenHash"),
                    tokenHint: try fields.string("tokenHint"), createdAt: try fields.int64("createdAt"),
                    tokenRotatedAt: try fields.int64("tokenRotatedAt"))
                guard state.integrationStates[integration.id] == nil else { throw RecordDecodingError("integration \(integration.id) appears twice") }
                current = IntegrationState(integration: integration)
            case SnapshotFormat.LineType.members:
                let groupID = try fields.string("group")
                guard current?.groups.contains(groupID) == true else { throw RecordDecodingError("members of an unknown group \(groupID)") }
                try addMembers(try fields.array("members"), to: groupID)
            default:
                throw RecordDecodingError("unknown line type \"\(type)\"")
            }
        }

        /// A user or group line: parse the fields before the attributes, keep the attributes' text.
        mutating func resourceLine(_ line: UnsafeBufferPointer<UInt8>, kind: ResourceKind) throws(RecordDecodingError) {
            guard current != nil else { throw RecordDecodingError("a resource line before any integration line") }
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
                throw RecordDecodingError("a resource line without attributes at its end")
            }
            let attributes = Array(UnsafeBufferPointer(rebasing: line[attributesStart..<(line.count - 1)]))
            let prefixLength = kind == .user ? Self.userPrefix.count : Self.groupPrefix.count
            if let f = SnapshotLineScanner.resourceFields(UnsafeBufferPointer(rebasing: line[0..<at]), from: prefixLength) {
                let key = HashedKey(f.id)
                guard !current!.containsResource(key) else { throw RecordDecodingError("resource \(f.id) appears twice") }
                let record = ResourceRecord(
                    id: f.id, kind: kind, integrationID: current!.integration.id, created: f.created,
                    lastModified: f.lastModified, version: f.version, attributes: attributes,
                    nameKey: f.key, externalId: f.externalId)
                current!.withTable(kind) { $0.insert(record, key: key) }
                return
            }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<at]))
            scratch.append(UInt8(ascii: "}"))
            let value: JSONValue
            do throws(JSONError) { value = try JSONParser.parse(scratch, maxDepth: SnapshotFormat.maxDepth) } catch {
                throw RecordDecodingError("invalid JSON: \(error)")
            }
            guard let object = value.objectValue else { throw RecordDecodingError("a line is not a JSON object") }
            let fields = FieldReader(object)
            let id = try fields.string("id")
            guard !current!.containsResource(id) else { throw RecordDecodingError("resource \(id) appears twice") }
            let record = ResourceRecord(
                id: id, kind: kind, integrationID: current!.integration.id, created: try fields.int64("created"),
                lastModified: try fields.int64("lastModified"), version: try fields.int64("version"),
                attributes: attributes, nameKey: try fields.string("key"), externalId: try fields.optionalString("ext"))
            current!.withTable(kind) { $0.insert(record) }
        }

        mutating func addMembers(_ members: [JSONValue], to groupID: String) throws(RecordDecodingError) {
            var list = current!.takeMemberList(groupID)
            for m in members {
                guard let object = m.objectValue, let value = MemberList.value(of: object) else {
                    current!.putMemberList(list, groupID: groupID)
                    throw RecordDecodingError("a member without a string \"value\"")
                }
                if list.add(object, value: value) {
                    current!.memberOf.modify(value) { $0 = IDList.adding(groupID, to: $0) }
                    current!.membershipCount += 1
                }
            }
            current!.putMemberList(list, groupID: groupID)
        }

        /// A members line read by `SnapshotLineScanner` (`memberScratch`): what `addMembers` does
        /// for the same line parsed as JSON.
        mutating func addScannedMembers(to groupID: String) throws(RecordDecodingError) {
            guard current?.groups.contains(groupID) == true else { throw RecordDecodingError("members of an unknown group \(groupID)") }
            var list = current!.takeMemberList(groupID)
            for (value, type) in memberScratch {
                let key = HashedKey(value)
                if list.add(value: value, type: type, key: key) {
                    current!.memberOf.modify(key) { $0 = IDList.adding(groupID, to: $0) }
                    current!.membershipCount += 1
                }
            }
            current!.putMemberList(list, groupID: groupID)
        }

        mutating func flushIntegration() {
            guard let s = current else { return }
            current = nil
            let i = s.integration
            state.integrationStates[i.id] = s
            state.integrationOrder.append(i.id)
            state.integrationNames[i.name.asciiLowercased] = i.id
            state.tokenIndex[i.tokenHash] = i.id
        }

        mutating func finish() -> DirectoryState {
            flushIntegration()
            state.lastSequence = sequence
            return state
        }
    }
}
