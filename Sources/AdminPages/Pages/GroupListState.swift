/// The groups page's query parameters, parsed and clamped.
struct GroupListState: Sendable {
    static let pageSize = 50

    var search: String
    var integrationID: String?
    var sort: AdminGroupSortKey
    var direction: AdminSortDirection
    var offset: Int

    init(query: FormData) {
        search = String((query["q"] ?? "").trimmingWhitespace.prefix(200))
        integrationID = query.nonEmpty("integration")
        sort = query["sort"].flatMap(AdminGroupSortKey.init(rawValue:)) ?? .displayName
        direction = query["dir"].flatMap(AdminSortDirection.init(rawValue:)) ?? .ascending
        offset = query.int("offset", in: 0...10_000_000) ?? 0
    }

    var directoryQuery: AdminGroupQuery {
        AdminGroupQuery(search: search, integrationID: integrationID, sort: sort, direction: direction,
                        offset: offset, limit: GroupListState.pageSize)
    }

    func link(sort: String? = nil, direction: String? = nil, offset: Int? = nil) -> String {
        "/groups" + FormData.query([
            ("q", search.isEmpty ? nil : search),
            ("integration", integrationID),
            ("sort", sort ?? self.sort.rawValue),
            ("dir", direction ?? self.direction.rawValue),
            ("offset", (offset ?? 0) > 0 ? String(offset ?? 0) : nil),
        ])
    }
}
