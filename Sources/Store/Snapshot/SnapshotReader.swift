import Crypto
import Glibc
import SCIMCore

/// Loads a snapshot file into a fresh state: `SnapshotLineDecoder` streams it in big reads and
/// decodes the lines on a second thread while this one inserts them, in file order, so errors
/// are found and reported as a single pass would. A snapshot counts only if its trailer verifies.
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

        // Reading, checksumming and parsing on one thread, building the indexes on this one.
        let queue = BoundedQueue<[SnapshotLine]>(capacity: 8)
        let decoder = WorkerThread(name: "scimd-snapshot-read") {
            SnapshotLineDecoder.run(handle: handle, fileSystem: fileSystem, queue: queue)
        }
        defer { decoder.join() }
        var loader = Loader()
        while true {
            // Taken out of the batch one by one (moved, not copied: no reference counting on
            // objects the other thread just made).
            var batch = queue.pop()
            for i in batch.indices {
                var line = SnapshotLine.ended(sequence: 0, records: 0, bytes: 0)
                swap(&line, &batch[i])
                do throws(Failure) {
                    if case .ended(let sequence, let records, let bytes) = line {
                        return Loaded(state: loader.finish(sequence: sequence), sequence: sequence, records: records, bytes: bytes)
                    }
                    try loader.apply(consume line)
                } catch {
                    queue.cancel()
                    throw error
                }
            }
        }
    }

    /// Builds the state line by line, in file order.
    private struct Loader {
        var state = DirectoryState()
        var current: IntegrationState?

        mutating func apply(_ line: consuming SnapshotLine) throws(Failure) {
            switch consume line {
            case .resource(let kind, let offset, let resource):
                do throws(RecordDecodingError) { try self.resource(resource, kind: kind) } catch {
                    throw .damaged(offset: offset, reason: error.description)
                }
            case .members(let offset, let groupID, let members):
                do throws(RecordDecodingError) { try addScannedMembers(members, to: groupID) } catch {
                    throw .damaged(offset: offset, reason: error.description)
                }
            case .entity(let offset, let type, let object):
                do throws(RecordDecodingError) { try entity(type, FieldReader(object)) } catch {
                    throw .damaged(offset: offset, reason: error.description)
                }
            case .failed(let failure):
                throw failure
            case .ended:
                break
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

        /// A user or group line: it belongs to the integration above it and its id is new there.
        mutating func resource(_ resource: consuming SnapshotLine.Resource, kind: ResourceKind) throws(RecordDecodingError) {
            guard current != nil else { throw RecordDecodingError("a resource line before any integration line") }
            switch consume resource {
            case .malformed(let reason):
                throw RecordDecodingError(reason)
            case .scanned(let s):
                guard !current!.containsResource(s.keys.id) else { throw RecordDecodingError("resource \(s.keys.id.key) appears twice") }
                if kind == .user { current!.users.append(s.entry, keys: s.keys) } else { current!.groups.append(s.entry, keys: s.keys) }
            case .parsed(let object, let attributes):
                let fields = FieldReader(object)
                let id = try fields.string("id")
                guard !current!.containsResource(id) else { throw RecordDecodingError("resource \(id) appears twice") }
                let record = ResourceRecord(
                    id: id, kind: kind, integrationID: current!.integration.id, created: try fields.int64("created"),
                    lastModified: try fields.int64("lastModified"), version: try fields.int64("version"),
                    attributes: attributes, nameKey: try fields.string("key"), externalId: try fields.optionalString("ext"))
                current!.withTable(kind) { $0.insert(record) }
            }
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

        /// A members line read by `SnapshotLineScanner`: what `addMembers` does for the same line
        /// parsed as JSON.
        mutating func addScannedMembers(_ members: [SnapshotLine.Member], to groupID: String) throws(RecordDecodingError) {
            guard current?.groups.contains(groupID) == true else { throw RecordDecodingError("members of an unknown group \(groupID)") }
            var list = current!.takeMemberList(groupID)
            for member in members {
                if list.add(value: member.value.key, type: member.type, key: member.value) {
                    current!.memberOf.modify(member.value) { $0 = IDList.adding(groupID, to: $0) }
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

        mutating func finish(sequence: UInt64) -> DirectoryState {
            flushIntegration()
            state.lastSequence = sequence
            return state
        }
    }
}
