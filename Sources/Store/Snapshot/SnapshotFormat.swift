/// The snapshot file, `snapshot-<seq>.jsonl`: JSON lines.
///
///     {"t":"snapshot","v":1,"seq":S,"created":ms}                      header
///     {"t":"admin","record":"..."}                                      if an admin password is set
///     {"t":"integration","id":..,"name":..,"tokenHash":hex,...}         then that integration's
///     {"t":"user","id":..,"created":..,"lastModified":..,"version":..,"key":"<lowercased userName>",
///      "ext":"<externalId>","attributes":{..}}                          users, in order
///     {"t":"group",...the same, key = lowercased displayName...}        groups, in order, each followed by
///     {"t":"members","group":id,"members":[up to 1000 members]}         its members, in order
///     {"t":"end","records":N,"crc":"<crc32c hex>"}                      trailer
///
/// The trailer's CRC-32C covers every byte before it and `records` counts the lines before it; a
/// snapshot without a verifying trailer is not used. User and group lines belong to the
/// integration line above them. The order of lines is the creation order, so loading restores it.
/// `attributes` is always the last member of a user or group line and the other members are flat,
/// so the loader parses only the fields before it and keeps the attributes' JSON text as it is
/// (the first `,"attributes":` of such a line is that member: a quote inside a JSON string is
/// always escaped).
enum SnapshotFormat {
    static let formatVersion = 1
    static let membersPerLine = 1000
    static let maxDepth = 64
    static let attributesMarker = ",\"attributes\":"

    enum LineType {
        static let header = "snapshot"
        static let admin = "admin"
        static let integration = "integration"
        static let user = "user"
        static let group = "group"
        static let members = "members"
        static let end = "end"
    }
}
