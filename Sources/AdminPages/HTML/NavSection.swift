/// The left navigation's entries.
enum NavSection: CaseIterable {
    case integrations, users, groups, activity

    var title: String {
        switch self {
        case .integrations: return "Integrations"
        case .users: return "Users"
        case .groups: return "Groups"
        case .activity: return "Activity"
        }
    }

    var path: String {
        switch self {
        case .integrations: return "/integrations"
        case .users: return "/users"
        case .groups: return "/groups"
        case .activity: return "/activity"
        }
    }
}
