/// The few fields of a user the Users table searches, filters and sorts on, extracted once from
/// its stored attributes so a page view doesn't decode 100,000 resources.
struct AdminUserSummary: Sendable {
    let id: String
    let integrationID: String
    let integrationName: String
    let active: Bool
    let shownName: String
    let userName: String
    let email: String
    let title: String
    let department: String
    /// userName, displayName, name.formatted/givenName/familyName and every e-mail, for search.
    let searchable: [String]

    func sortKey(_ key: AdminUserSortKey) -> String {
        switch key {
        case .displayName: return shownName
        case .userName: return userName
        case .email: return email
        case .title: return title
        case .department: return department
        case .active: return active ? "1" : "0"
        case .integration: return integrationName
        }
    }
}
