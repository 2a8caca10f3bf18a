/// Recognises JumpCloud's "Test Connection" in the activity log: within one minute, one
/// integration creates a user and a group and deletes them again.
enum JumpCloudTestDetector {
    struct Sighting: Sendable, Equatable {
        let integrationID: String
        let integrationName: String
        /// When the test ended (the last of the four requests), ms.
        let time: Int64
    }

    static let windowMs: Int64 = 60_000

    /// One sighting per integration (the newest), newest first. The input is the activity log's
    /// order, newest first, bounded by the activity page's limit, so the pairwise matching stays small.
    static func detect(_ activity: [AdminActivity]) -> [Sighting] {
        var byIntegration: [String: [(order: Int, event: AdminActivity)]] = [:]
        for (n, a) in activity.enumerated() where (200..<300).contains(a.status) {
            byIntegration[a.integrationID, default: []].append((activity.count - n, a))
        }
        var found: [Sighting] = []
        for (id, entries) in byIntegration {
            // Oldest first; requests within the same millisecond keep the log's order (a fast client's
            // POST and DELETE often share one), so a DELETE never seems to come before its POST.
            let sorted = entries.sorted { $0.event.time != $1.event.time ? $0.event.time < $1.event.time : $0.order < $1.order }.map(\.event)
            let users = pairs(sorted, resource: "users")
            let groups = pairs(sorted, resource: "groups")
            var best: Int64?
            for u in users {
                for g in groups {
                    let start = min(u.created, g.created), end = max(u.deleted, g.deleted)
                    if end - start <= windowMs, best.map({ end > $0 }) ?? true { best = end }
                }
            }
            if let best, let name = sorted.last?.integrationName {
                found.append(Sighting(integrationID: id, integrationName: name, time: best))
            }
        }
        return found.sorted { $0.time > $1.time }
    }

    private struct Pair { let created: Int64; let deleted: Int64 }

    /// Create/delete pairs of one resource type: a POST to the collection, then a DELETE of the
    /// created id (any id when the POST's id is unknown) within the window.
    private static func pairs(_ events: [AdminActivity], resource: String) -> [Pair] {
        var out: [Pair] = []
        for (i, c) in events.enumerated() where c.method == "POST" {
            guard let target = target(of: c.path), target.collection == resource, target.id == nil else { continue }
            for d in events[(i + 1)...] where d.method == "DELETE" {
                if d.time - c.time > windowMs { break }
                guard let t = Self.target(of: d.path), t.collection == resource, let deletedID = t.id else { continue }
                if c.resourceID == nil || c.resourceID == deletedID {
                    out.append(Pair(created: c.time, deleted: d.time))
                    break
                }
            }
        }
        return out
    }

    /// ("users" | "groups", id?) from a SCIM path such as `/api/v1/scim/Users/abc`.
    static func target(of path: String) -> (collection: String, id: String?)? {
        let clean = path.split(separator: "?", maxSplits: 1).first ?? ""
        let parts = clean.split(separator: "/").map { $0.lowercased() }
        guard let i = parts.lastIndex(where: { $0 == "users" || $0 == "groups" }) else { return nil }
        let rest = parts[(i + 1)...]
        if rest.isEmpty { return (parts[i], nil) }
        if rest.count == 1 { return (parts[i], String(clean.split(separator: "/")[i + 1])) }
        return nil
    }
}
