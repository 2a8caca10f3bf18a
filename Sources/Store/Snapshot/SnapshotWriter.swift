import Crypto
import SCIMCore

/// Serialises a point-in-time copy of the state to `snapshot-<seq>.jsonl.tmp` and fsyncs it; the
/// caller renames it into place once the log is durable up to `seq`.
enum SnapshotWriter {
    static let flushBytes = 1 << 20

    struct Written {
        var temporaryPath: String
        var finalPath: String
        var bytes: Int
        var records: Int
    }

    static func write(_ state: consuming DirectoryState, sequence: UInt64, created: Int64, directory: String,
                      fileSystem: any StorageFileSystem) throws(StorageIOError) -> Written {
        let finalPath = DataFileName.join(directory, DataFileName.snapshot(sequence: sequence))
        let temporaryPath = finalPath + DataFileName.temporarySuffix
        let handle = try fileSystem.openForAppend(temporaryPath, create: true, truncate: true)
        var output = Output(fileSystem: fileSystem, handle: handle)
        do throws(StorageIOError) {
            try output.line([
                ("t", .string(SnapshotFormat.LineType.header)), ("v", .int(SnapshotFormat.formatVersion)),
                ("seq", .number(JSONNumber(Int(sequence)))), ("created", .int64(created)),
            ])
            if let admin = state.adminPassword {
                try output.line([("t", .string(SnapshotFormat.LineType.admin)), ("record", .string(admin))])
            }
            for id in state.integrationOrder {
                guard let s = state.integrationStates[id] else { continue }
                let i = s.integration
                try output.line([
                    ("t", .string(SnapshotFormat.LineType.integration)), ("id", .string(i.id)), ("name", .string(i.name)),
                    ("tokenHash", .string(Hex.encode(i.tokenHash))), ("tokenHint", .string(i.tokenHint)),
                    ("createdAt", .int64(i.createdAt)), ("tokenRotatedAt", .int64(i.tokenRotatedAt)),
                ])
                try writeResources(s.users, of: s, to: &output)
                try writeResources(s.groups, of: s, to: &output)
            }
            let crc = output.crc.value
            let records = output.records
            try output.line([
                ("t", .string(SnapshotFormat.LineType.end)), ("records", .int(records)), ("crc", .string(Hex.encode(crc))),
            ], counted: false)
            try output.flush()
            try fileSystem.fsync(handle)
        } catch {
            fileSystem.close(handle)
            try? fileSystem.unlink(temporaryPath)
            throw error
        }
        fileSystem.close(handle)
        return Written(temporaryPath: temporaryPath, finalPath: finalPath, bytes: output.written, records: output.records)
    }

    private static func writeResources(_ table: ResourceTable, of s: IntegrationState, to output: inout Output) throws(StorageIOError) {
        let type = table.kind == .user ? SnapshotFormat.LineType.user : SnapshotFormat.LineType.group
        var failure: StorageIOError?
        table.order.forEach { id in
            guard let e = table.entry(id) else { return true }
            do throws(StorageIOError) {
                try output.resourceLine(type: type, id: id, e)
                guard table.kind == .group, let members = s.memberLists[id] else { return true }
                var inLine = 0
                var pending: StorageIOError?
                members.forEachElement { element in
                    if inLine == 0 { output.beginMembersLine(id) } else { output.buffer.writeRaw([UInt8(ascii: ",")]) }
                    element.write(to: &output.buffer)
                    inLine += 1
                    if inLine == SnapshotFormat.membersPerLine {
                        inLine = 0
                        do throws(StorageIOError) { try output.endMembersLine() } catch { pending = error; return false }
                    }
                    return true
                }
                if let pending { throw pending }
                if inLine > 0 { try output.endMembersLine() }
            } catch {
                failure = error
                return false
            }
            return true
        }
        if let failure { throw failure }
    }

    /// Buffered output with a running CRC and line count.
    private struct Output {
        let fileSystem: any StorageFileSystem
        let handle: StorageHandle
        var buffer = JSONSerializer(reservingCapacity: SnapshotWriter.flushBytes + 65536)
        var crc = CRC32C()
        var records = 0
        var written = 0

        init(fileSystem: any StorageFileSystem, handle: StorageHandle) {
            self.fileSystem = fileSystem
            self.handle = handle
        }

        mutating func line(_ fields: [(String, JSONValue)], counted: Bool = true) throws(StorageIOError) {
            let start = buffer.bytes.count
            buffer.write(.object(JSONObject(fields)))
            buffer.writeRaw([UInt8(ascii: "\n")])
            if counted {
                // The trailer's CRC covers every line before it.
                buffer.bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
                records += 1
            }
            if buffer.bytes.count >= SnapshotWriter.flushBytes { try flush() }
        }

        /// A user or group line: `{"t":type,"id":..,"created":..,"lastModified":..,"version":..,"key":..[,"ext":..]`,
        /// then the attributes' JSON text as the last member (the bytes a `JSONObject` of those
        /// fields would serialise to, written without building one).
        mutating func resourceLine(type: String, id: String, _ e: ResourceEntry) throws(StorageIOError) {
            let start = buffer.bytes.count
            buffer.writeRaw(#"{"t":"#)
            buffer.writeString(type)
            buffer.writeRaw(#","id":"#)
            buffer.writeString(id)
            buffer.writeRaw(#","created":"#)
            buffer.writeRaw(String(e.created))
            buffer.writeRaw(#","lastModified":"#)
            buffer.writeRaw(String(e.lastModified))
            buffer.writeRaw(#","version":"#)
            buffer.writeRaw(String(e.version))
            buffer.writeRaw(#","key":"#)
            buffer.writeString(e.nameKey)
            if let ext = e.externalId {
                buffer.writeRaw(#","ext":"#)
                buffer.writeString(ext)
            }
            buffer.writeRaw(SnapshotFormat.attributesMarker)
            buffer.writeRaw(e.attributes)
            buffer.writeRaw("}\n")
            endLine(from: start)
            if buffer.bytes.count >= SnapshotWriter.flushBytes { try flush() }
        }

        private var membersLineStart = 0

        /// Starts `{"t":"members","group":id,"members":[`; the members follow, comma-separated.
        mutating func beginMembersLine(_ groupID: String) {
            membersLineStart = buffer.bytes.count
            buffer.writeRaw(#"{"t":"members","group":"#)
            buffer.writeString(groupID)
            buffer.writeRaw(#","members":["#)
        }

        mutating func endMembersLine() throws(StorageIOError) {
            buffer.writeRaw("]}\n")
            endLine(from: membersLineStart)
            if buffer.bytes.count >= SnapshotWriter.flushBytes { try flush() }
        }

        /// Counts the line that starts at `start` and ends the buffer into the trailer's CRC.
        private mutating func endLine(from start: Int) {
            buffer.bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            records += 1
        }

        mutating func flush() throws(StorageIOError) {
            guard !buffer.bytes.isEmpty else { return }
            try fileSystem.write(handle, buffer.bytes)
            written += buffer.bytes.count
            buffer = JSONSerializer(reservingCapacity: SnapshotWriter.flushBytes + 65536)
        }
    }
}
