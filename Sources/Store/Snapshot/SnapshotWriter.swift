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
            var fields = JSONObject([
                ("t", .string(type)), ("id", .string(id)), ("created", .int64(e.created)),
                ("lastModified", .int64(e.lastModified)), ("version", .int64(e.version)), ("key", .string(e.nameKey)),
            ])
            if let ext = e.externalId { fields["ext"] = .string(ext) }
            do throws(StorageIOError) {
                try output.resourceLine(fields, attributes: e.attributes)
                guard table.kind == .group, let members = s.memberLists[id] else { return true }
                var chunk: [JSONValue] = []
                chunk.reserveCapacity(SnapshotFormat.membersPerLine)
                var pending: StorageIOError?
                members.forEach { member in
                    chunk.append(.object(member))
                    if chunk.count == SnapshotFormat.membersPerLine {
                        do throws(StorageIOError) { try output.membersLine(id, chunk) } catch { pending = error; return false }
                        chunk.removeAll(keepingCapacity: true)
                    }
                    return true
                }
                if let pending { throw pending }
                if !chunk.isEmpty { try output.membersLine(id, chunk) }
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

        /// A user or group line: the fields, then the attributes' JSON text as the last member.
        mutating func resourceLine(_ fields: JSONObject, attributes: [UInt8]) throws(StorageIOError) {
            let start = buffer.bytes.count
            buffer.writeRaw("{")
            LogOperation.writeMembers(fields, to: &buffer)
            buffer.writeRaw(SnapshotFormat.attributesMarker)
            buffer.writeRaw(attributes)
            buffer.writeRaw("}\n")
            buffer.bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            records += 1
            if buffer.bytes.count >= SnapshotWriter.flushBytes { try flush() }
        }

        mutating func membersLine(_ groupID: String, _ members: [JSONValue]) throws(StorageIOError) {
            try line([("t", .string(SnapshotFormat.LineType.members)), ("group", .string(groupID)), ("members", .array(members))])
        }

        mutating func flush() throws(StorageIOError) {
            guard !buffer.bytes.isEmpty else { return }
            try fileSystem.write(handle, buffer.bytes)
            written += buffer.bytes.count
            buffer = JSONSerializer(reservingCapacity: SnapshotWriter.flushBytes + 65536)
        }
    }
}
