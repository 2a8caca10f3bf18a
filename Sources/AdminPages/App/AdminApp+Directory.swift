/// The read-only directory pages: users, groups, activity.
extension AdminApp {
    func directoryGET(_ route: AdminRoute, exchange: Exchange, session: AdminSession, query: FormData) {
        let p = pageContext(exchange, session)
        switch route {
        case .users:
            let state = UserListState(query: query)
            let page = directory.users(state.directoryQuery)
            exchange.send(.page(200, UserPages.list(p, state: state, page: page, integrations: sortedIntegrations())))
        case .user(let id):
            guard let detail = directory.user(id: id) else {
                exchange.send(.page(404, ErrorPages.notFound(product: product)))
                return
            }
            exchange.send(.page(200, UserPages.detail(p, user: detail)))
        case .groups:
            let state = GroupListState(query: query)
            let page = directory.groups(state.directoryQuery)
            exchange.send(.page(200, GroupPages.list(p, state: state, page: page, integrations: sortedIntegrations())))
        case .group(let id):
            let offset = query.int("offset", in: 0...100_000_000) ?? 0
            guard let detail = directory.group(id: id, memberOffset: offset, memberLimit: GroupPages.memberPageSize) else {
                exchange.send(.page(404, ErrorPages.notFound(product: product)))
                return
            }
            exchange.send(.page(200, GroupPages.detail(p, group: detail, offset: offset)))
        case .activity:
            let integrationID = query.nonEmpty("integration")
            let activity = directory.activity(integrationID: integrationID, limit: ActivityPage.limit)
            exchange.send(.page(200, ActivityPage.render(p, activity: activity, integrations: sortedIntegrations(),
                                                         integrationID: integrationID, failuresOnly: query["failures"] == "1")))
        default:
            exchange.send(.page(404, ErrorPages.notFound(product: product)))
        }
    }

    func sortedIntegrations() -> [AdminIntegration] {
        directory.integrations().sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}
