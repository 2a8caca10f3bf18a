/// The columns the groups table can be sorted by.
public enum AdminGroupSortKey: String, Sendable, Equatable, CaseIterable {
    case displayName
    case memberCount
    /// The integration's name.
    case integration
}
