import SCIMCore

/// One snapshot line as `SnapshotLineDecoder` hands it to the loader: everything that follows from
/// the line's bytes alone is done (framing, checksum, JSON syntax, hashing the keys); what depends
/// on the lines before it (which integration it belongs to, duplicates) is left to the loader.
enum SnapshotLine: Sendable {
    /// A user or group line.
    case resource(ResourceKind, offset: Int, Resource)
    /// A members line in the writer's layout (`SnapshotLineScanner.membersLine`).
    case members(offset: Int, groupID: String, members: [Member])
    /// Any other line after the header: its "t" and the whole object.
    case entity(offset: Int, type: String, object: JSONObject)
    /// The file is unusable from here on; nothing follows.
    case failed(SnapshotReader.Failure)
    /// The trailer verified and nothing follows it: the header's sequence, the lines before the
    /// trailer, the file's size.
    case ended(sequence: UInt64, records: Int, bytes: Int)

    enum Resource: Sendable {
        /// Read by `SnapshotLineScanner`.
        case scanned(Scanned)
        /// The fields before "attributes", parsed as JSON (any layout the scanner does not take).
        case parsed(JSONObject, attributes: [UInt8])
        /// Not a valid user or group line, for this reason.
        case malformed(String)
    }

    struct Scanned: Sendable {
        var keys: ResourceKeys
        /// Complete but for its ordinal, which the table assigns.
        var entry: ResourceEntry
    }

    struct Member: Sendable {
        /// The member's "value", hashed.
        var value: HashedKey<String>
        var type: String?
    }
}
