/// The users page's query parameters, parsed and clamped, and the links that change one of them.
struct UserListState: Sendable {
    static let pageSize = 50

    var search: String
    var integrationID: String?
    /// "active", "inactive" or nil.
    var status: String?
    var sort: AdminUserSortKey
    var direction: AdminSortDirection
    var offset: Int

    init(query: FormData) {
        search = String((query["q"] ?? "").trimmingWhitespace.prefix(200))
        integrationID = query.nonEmpty("integration")
        let s = query["status"]
        status = (s == "active" || s == "inactive") ? s : nil
        sort = query["sort"].flatMap(AdminUserSortKey.init(rawValue:)) ?? .displayName
        direction = query["dir"].flatMap(AdminSortDirection.init(rawValue:)) ?? .ascending
        offset = query.int("offset", in: 0...10_000_000) ?? 0
    }

    var directoryQuery: AdminUserQuery {
        AdminUserQuery(search: search, integrationID: integrationID,
                       active: status == "active" ? true : (status == "inactive" ? false : nil),
                       sort: sort, direction: direction, offset: offset, limit: UserListState.pageSize)
    }

    func link(sort: String? = nil, direction: String? = nil, offset: Int? = nil) -> String {
        "/users" + FormData.query([
            ("q", search.isEmpty ? nil : search),
            ("integration", integrationID),
            ("status", status),
            ("sort", sort ?? self.sort.rawValue),
            ("dir", direction ?? self.direction.rawValue),
            ("offset", (offset ?? 0) > 0 ? String(offset ?? 0) : nil),
        ])
    }
}
