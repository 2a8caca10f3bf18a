import SCIMCore
import Store
import Synchronization

/// The user summaries of the whole directory as of one log sequence number, rebuilt only when the
/// directory has changed since: repeated page views, searches and sorts cost a scan of small
/// structs, not a decode of every stored user.
final class AdminUserSummaryCache: Sendable {
    private struct Snapshot { let sequence: UInt64; let summaries: [AdminUserSummary] }
    private let current = Mutex<Snapshot?>(nil)

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
