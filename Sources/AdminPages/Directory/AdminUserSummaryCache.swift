import SCIMCore
import Store
import Synchronization

/// The user summaries of the whole directory as of one log sequence number, rebuilt only when the
/// directory has changed since: repeated page views, searches and sorts cost a scan of small
/// structs, not a decode of every stored user.
final class AdminUserSummaryCache: Sendable {
    private struct Snapshot { let sequence: UInt64; let summaries: [AdminUserSummary] }
    private let current = Mutex<Snapshot?>(nil)
    /// Per sort column, the summaries' indexes in ascending order, for the same sequence number:
    /// a page of any depth is then a walk, not a sort.
    private let orders = Mutex<(sequence: UInt64, byKey: [AdminUserSortKey: [Int]])>((0, [:]))

    /// The summaries and their ascending order by `key` (stable: equal keys keep creation order).
    func sorted(_ state: borrowing DirectoryState, by key: AdminUserSortKey) -> ([AdminUserSummary], [Int]) {
        let list = summaries(state)
        let sequence = state.lastSequence
        if let cached = orders.withLock({ $0.sequence == sequence ? $0.byKey[key] : nil }) { return (list, cached) }
        let keys = list.map { $0.sortKey(key) }
        let order = list.indices.sorted { a, b in
            let c = NaturalOrder.compare(keys[a], keys[b])
            return c != 0 ? c < 0 : a < b
        }
        orders.withLock { o in
            if o.sequence != sequence { o = (sequence, [:]) }
            o.byKey[key] = order
        }
        return (list, order)
    }

    func summaries(_ state: borrowing DirectoryState) -> [AdminUserSummary] {
        let sequence = state.lastSequence
        if let cached = current.withLock({ $0 }), cached.sequence == sequence { return cached.summaries }
        var out: [AdminUserSummary] = []
        out.reserveCapacity(state.userCount)
        for i in state.integrations {
            state.forEachResource(.user, integrationID: i.id) { r in
                out.append(Self.summary(r, integrationName: i.name))
                return true
            }
        }
        current.withLock { $0 = Snapshot(sequence: sequence, summaries: out) }
        return out
    }

    static func summary(_ r: StoredResource, integrationName: String) -> AdminUserSummary {
        let a = r.attributes
        let name = a["name"]
        var searchable: [String] = []
        for v in [a["userName"], a["displayName"], name?["formatted"], name?["givenName"], name?["familyName"]] {
            if let s = v?.stringValue { searchable.append(s) }
        }
        for e in a["emails"]?.arrayValue ?? [] { if let s = e["value"]?.stringValue { searchable.append(s) } }
        let userName = a["userName"]?.stringValue ?? ""
        return AdminUserSummary(
            id: r.id, integrationID: r.integrationID, integrationName: integrationName,
            active: a["active"]?.boolValue ?? true,
            shownName: a["displayName"]?.stringValue ?? name?["formatted"]?.stringValue ?? userName,
            userName: userName, email: StoreAdminDirectory.primaryEmail(a) ?? "",
            title: a["title"]?.stringValue ?? "",
            department: a[SCIMSchemaURN.enterpriseUser]?["department"]?.stringValue ?? "",
            searchable: searchable)
    }
}
