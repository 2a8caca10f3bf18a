import Synchronization

/// The recent SCIM requests of each integration, in memory only (it is a debugging aid, not an audit
/// trail: it starts empty after a restart). Bounded per integration, so a chatty IdP can't grow it.
public final class ActivityLog: Sendable {
    public let capacityPerIntegration: Int
    private let state: Mutex<[String: Ring]>

    /// The bucket for requests whose token matched no integration (failed "Test connection" with a bad token).
    public static let unauthenticatedKey = ""

    struct Ring {
        var entries: [ActivityEntry] = []
        var next = 0
        mutating func append(_ e: ActivityEntry, capacity: Int) {
            if entries.count < capacity { entries.append(e) } else { entries[next] = e; next = (next + 1) % capacity }
        }
        /// Newest first.
        func newest(_ limit: Int) -> [ActivityEntry] {
            var out: [ActivityEntry] = []
            out.reserveCapacity(min(limit, entries.count))
            let n = entries.count
            var i = 0
            while i < n && out.count < limit {
                let idx = (next - 1 - i + n * 2) % n
                out.append(entries[idx])
                i += 1
            }
            return out
        }
        var last: ActivityEntry? { entries.isEmpty ? nil : entries[(next - 1 + entries.count) % entries.count] }
    }

    public init(capacityPerIntegration: Int = 500) {
        self.capacityPerIntegration = capacityPerIntegration
        self.state = Mutex([:])
    }

    public func record(_ entry: ActivityEntry) {
        let cap = capacityPerIntegration
        state.withLock { $0[entry.integrationID ?? Self.unauthenticatedKey, default: Ring()].append(entry, capacity: cap) }
    }

    /// Newest first; nil integration = all integrations merged (and the unauthenticated bucket).
    public func recent(integrationID: String?, limit: Int) -> [ActivityEntry] {
        state.withLock { rings in
            if let id = integrationID { return rings[id]?.newest(limit) ?? [] }
            var all: [ActivityEntry] = []
            for ring in rings.values { all.append(contentsOf: ring.newest(limit)) }
            all.sort { $0.time > $1.time }
            return Array(all.prefix(limit))
        }
    }

    public func lastRequest(integrationID: String) -> ActivityEntry? {
        state.withLock { $0[integrationID]?.last }
    }

    public func forget(integrationID: String) {
        _ = state.withLock { $0.removeValue(forKey: integrationID) }
    }
}
