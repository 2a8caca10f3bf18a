/// What the users page asks for.
public struct AdminUserQuery: Sendable, Equatable {
    /// Case-insensitive "contains" over displayName, name.formatted, userName and e-mails; "" = all.
    public var search: String
    public var integrationID: String?
    /// nil = active and inactive.
    public var active: Bool?
    public var sort: AdminUserSortKey
    public var direction: AdminSortDirection
    public var offset: Int
    public var limit: Int

    public init(search: String = "", integrationID: String? = nil, active: Bool? = nil,
                sort: AdminUserSortKey = .displayName, direction: AdminSortDirection = .ascending,
                offset: Int = 0, limit: Int = 50) {
        self.search = search
        self.integrationID = integrationID
        self.active = active
        self.sort = sort
        self.direction = direction
        self.offset = offset
        self.limit = limit
    }
}
