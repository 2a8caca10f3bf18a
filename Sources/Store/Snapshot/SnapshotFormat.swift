/// The snapshot file, `snapshot-<seq>.jsonl`: JSON lines.
///
///     {"t":"snapshot","v":1,"seq":S,"created":ms}                      header
///     {"t":"admin","record":"..."}                                      if an admin password is set
///     {"t":"integration","id":..,"name":..,"tokenHash":hex,...}         then that integration's
///     {"t":"user","id":..,"created":..,"lastModified":..,"version":..,"attributes":{..}}   users, in order
///     {"t":"group",...same...,"members":[first 1000 members]}           groups, in order, each followed by
///     {"t":"members","group":id,"members":[next 1000]}                  continuation lines for big groups
///     {"t":"end","records":N,"crc":"<crc32c hex>"}                      trailer
///
/// The trailer's CRC-32C covers every byte before it and `records` counts the lines before it; a
/// snapshot without a verifying trailer is not used. User and group lines belong to the
/// integration line above them. The order of lines is the creation order, so loading restores it.
enum SnapshotFormat {
    static let formatVersion = 1
    static let membersPerLine = 1000
    static let maxDepth = 64

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
