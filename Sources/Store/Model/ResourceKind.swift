/// The two SCIM resource types the directory stores.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    case user = "User"
    case group = "Group"

    /// The attribute that names a resource uniquely (case-insensitively) within its integration.
    public var uniqueAttribute: String {
        switch self {
        case .user: return "userName"
        case .group: return "displayName"
        }
    }
}
