/// One member of a group, as stored, plus what it resolves to.
public struct AdminGroupMember: Sendable, Equatable {
    /// The member's `value` (a user or group id of the same integration).
    public var id: String
    /// The `display` the IdP sent, if any.
    public var display: String?
    /// The `type` the IdP sent ("User" / "Group"), if any.
    public var type: String?
    /// True when `id` names a user, false when it names a group.
    public var isUser: Bool
    /// The member's current name (user: displayName or userName; group: displayName); nil if unresolved.
    public var resolvedName: String?

    public init(id: String, display: String? = nil, type: String? = nil, isUser: Bool = true, resolvedName: String? = nil) {
        self.id = id
        self.display = display
        self.type = type
        self.isUser = isUser
        self.resolvedName = resolvedName
    }
}
