/// What the groups page asks for.
public struct AdminGroupQuery: Sendable, Equatable {
    /// Case-insensitive "contains" over displayName and externalId; "" = all.
    public var search: String
    public var integrationID: String?
    public var sort: AdminGroupSortKey
    public var direction: AdminSortDirection
    public var offset: Int
    public var limit: Int

    public init(search: String = "", integrationID: String? = nil, sort: AdminGroupSortKey = .displayName,
                direction: AdminSortDirection = .ascending, offset: Int = 0, limit: Int = 50) {
        self.search = search
        self.integrationID = integrationID
        self.sort = sort
        self.direction = direction
        self.offset = offset
        self.limit = limit
    }
}
