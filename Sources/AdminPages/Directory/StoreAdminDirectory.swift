import SCIMCore
import SCIMEndpoint
import Store

/// The admin pages' view of the directory, read from the store and the activity log, written
/// through `IntegrationService` (so the CLI and the pages make tokens the same way).
public struct StoreAdminDirectory: AdminDirectory {
    public let store: Store
    public let activityLog: ActivityLog
    let service: IntegrationService
    let renderer: ResourceRenderer
    let userSummaries = AdminUserSummaryCache()

    /// `scimBaseURL` prefixes `meta.location` in the raw JSON shown on user pages.
    public init(store: Store, activity: ActivityLog, scimBaseURL: String = "/api/v1/scim") {
        self.store = store
        self.activityLog = activity
        self.service = IntegrationService(store: store)
        self.renderer = ResourceRenderer(baseURL: scimBaseURL)
    }

    // MARK: Integrations

    public func integrations() -> [AdminIntegration] {
        let log = activityLog
        return store.read { state in state.integrations.map { Self.summary($0, state: state, log: log) } }
    }

    public func integration(id: String) -> AdminIntegration? {
        let log = activityLog
        return store.read { state in state.integration(id: id).map { Self.summary($0, state: state, log: log) } }
    }

    static func summary(_ i: Integration, state: borrowing DirectoryState, log: ActivityLog) -> AdminIntegration {
        AdminIntegration(
            id: i.id, name: i.name, createdAt: i.createdAt,
            userCount: state.resourceCount(.user, integrationID: i.id),
            groupCount: state.resourceCount(.group, integrationID: i.id),
            tokenHint: i.tokenHint, tokenIssuedAt: i.tokenRotatedAt,
            lastRequest: log.lastRequest(integrationID: i.id).map { activity($0, name: i.name) })
    }

    static func activity(_ e: ActivityEntry, name: String) -> AdminActivity {
        AdminActivity(time: e.time, integrationID: e.integrationID ?? "", integrationName: name, method: e.method,
                      path: e.target, status: e.status, scimType: e.scimType, detail: e.detail ?? e.summary,
                      durationMs: Double(e.durationMicros) / 1000, resourceID: e.resourceID)
    }

    // MARK: Users

    public func users(_ query: AdminUserQuery) -> AdminPage<AdminUserRow> {
        let needle = CaseInsensitiveSearch(query.search.trimmingAdminSpaces())
        let cache = userSummaries
        return store.read { state in
            let (summaries, ascending) = cache.sorted(state, by: query.sort)
            var total = 0
            var page: [AdminUserSummary] = []
            page.reserveCapacity(max(0, query.limit))
            func visit(_ u: AdminUserSummary) {
                if let id = query.integrationID, u.integrationID != id { return }
                if let active = query.active, u.active != active { return }
                if !needle.isEmpty && !u.searchable.contains(where: needle.matches) { return }
                if total >= query.offset && page.count < query.limit { page.append(u) }
                total += 1
            }
            if query.direction == .ascending {
                for i in ascending { visit(summaries[i]) }
            } else {
                for i in ascending.reversed() { visit(summaries[i]) }
            }
            // Only the page's users are decoded in full.
            let rows = page.compactMap { u in
                state.resource(.user, integrationID: u.integrationID, id: u.id).map {
                    Self.userRow($0, integrationName: u.integrationName, state: state)
                }
            }
            return AdminPage(rows: rows, total: total)
        }
    }

    public func user(id: String) -> AdminUserDetail? {
        let renderer = self.renderer
        return store.read { state in
            for i in state.integrations {
                guard let r = state.resource(.user, integrationID: i.id, id: id) else { continue }
                let row = Self.userRow(r, integrationName: i.name, state: state)
                let json = renderer.render(r, state: state)
                return AdminUserDetail(row: row, attributes: r.attributes, groups: row.groups,
                                       rawJSON: AdminJSONFormatter.prettyPrinted(json),
                                       createdAt: r.created, lastModified: r.lastModified)
            }
            return nil
        }
    }

    static func primaryEmail(_ a: JSONObject) -> String? {
        let emails = a["emails"]?.arrayValue ?? []
        let primary = emails.first { $0["primary"]?.boolValue == true } ?? emails.first
        return primary?["value"]?.stringValue
    }

    static func userRow(_ r: StoredResource, integrationName: String, state: borrowing DirectoryState) -> AdminUserRow {
        let a = r.attributes
        let groups = state.groupIDs(integrationID: r.integrationID, userID: r.id).map { gid in
            AdminGroupRef(id: gid, displayName: state.resource(.group, integrationID: r.integrationID, id: gid)?.attributes["displayName"]?.stringValue ?? gid)
        }
        return AdminUserRow(
            id: r.id, integrationID: r.integrationID, integrationName: integrationName,
            userName: a["userName"]?.stringValue ?? "", displayName: a["displayName"]?.stringValue,
            formattedName: a["name"]?["formatted"]?.stringValue, email: primaryEmail(a),
            title: a["title"]?.stringValue, department: a[SCIMSchemaURN.enterpriseUser]?["department"]?.stringValue,
            externalId: a["externalId"]?.stringValue, active: a["active"]?.boolValue ?? true,
            groupCount: groups.count, groups: groups)
    }

    // MARK: Groups

    public func groups(_ query: AdminGroupQuery) -> AdminPage<AdminGroupRow> {
        let needle = CaseInsensitiveSearch(query.search.trimmingAdminSpaces())
        return store.read { state in
            var selection = TopSelection<(key: String, row: AdminGroupRow)>(
                limit: query.offset + query.limit, ascending: query.direction == .ascending) { $0.key }
            var total = 0
            for i in state.integrations where query.integrationID == nil || query.integrationID == i.id {
                state.forEachResource(.group, integrationID: i.id) { r in
                    let name = r.attributes["displayName"]?.stringValue ?? ""
                    let ext = r.attributes["externalId"]?.stringValue ?? ""
                    if !needle.isEmpty && !needle.matches(name) && !needle.matches(ext) { return true }
                    total += 1
                    let count = state.members(integrationID: i.id, groupID: r.id)?.count ?? 0
                    let row = AdminGroupRow(id: r.id, displayName: name, externalId: r.attributes["externalId"]?.stringValue,
                                            integrationID: i.id, integrationName: i.name, memberCount: count)
                    let key: String
                    switch query.sort {
                    case .displayName: key = name
                    case .memberCount: key = String(count)   // a number: NaturalOrder compares it by value
                    case .integration: key = i.name
                    }
                    selection.offer((key, row))
                    return true
                }
            }
            return AdminPage(rows: Array(selection.sorted().dropFirst(query.offset).map(\.row)), total: total)
        }
    }

    public func group(id: String, memberOffset: Int, memberLimit: Int) -> AdminGroupDetail? {
        store.read { state in
            for i in state.integrations {
                guard let r = state.resource(.group, integrationID: i.id, id: id) else { continue }
                let list = state.members(integrationID: i.id, groupID: id)
                let members = (list?.page(offset: memberOffset, limit: memberLimit) ?? []).map { m -> AdminGroupMember in
                    let value = m["value"]?.stringValue ?? ""
                    let user = state.resource(.user, integrationID: i.id, id: value)
                    let group = user == nil ? state.resource(.group, integrationID: i.id, id: value) : nil
                    let resolved = user.map { $0.attributes["displayName"]?.stringValue ?? $0.attributes["userName"]?.stringValue ?? value }
                        ?? group?.attributes["displayName"]?.stringValue
                    return AdminGroupMember(id: value, display: m["display"]?.stringValue, type: m["type"]?.stringValue,
                                            isUser: group == nil, resolvedName: resolved)
                }
                let row = AdminGroupRow(id: r.id, displayName: r.attributes["displayName"]?.stringValue ?? "",
                                        externalId: r.attributes["externalId"]?.stringValue, integrationID: i.id,
                                        integrationName: i.name, memberCount: list?.count ?? 0)
                return AdminGroupDetail(row: row, members: members, createdAt: r.created, lastModified: r.lastModified)
            }
            return nil
        }
    }

    // MARK: Activity

    public func activity(integrationID: String?, limit: Int) -> [AdminActivity] {
        let names = store.read { state in Dictionary(state.integrations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
        return activityLog.recent(integrationID: integrationID, limit: limit).map { e in
            Self.activity(e, name: e.integrationID.flatMap { names[$0] } ?? "unknown token")
        }
    }

    // MARK: Writes

    public func adminPasswordRecord() -> String? { store.read { $0.adminPasswordRecord } }

    public func setAdminPassword(record: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void) {
        store.write({ (tx: inout Transaction) throws(SCIMError) -> Void in tx.setAdminPassword(record: record) },
                    completion: { completion($0.mapError(Self.adminError)) })
    }

    public func createIntegration(name: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void) {
        let log = activityLog, store = self.store
        service.create(name: name) { result in
            completion(result.mapError(Self.adminError).map { (i, token) in
                AdminIssuedToken(integration: store.read { Self.summary(i, state: $0, log: log) }, token: token)
            })
        }
    }

    public func renameIntegration(id: String, name: String, completion: @escaping @Sendable (Result<AdminIntegration, AdminError>) -> Void) {
        let log = activityLog, store = self.store
        service.rename(id: id, to: name) { result in
            completion(result.mapError(Self.adminError).map { i in store.read { Self.summary(i, state: $0, log: log) } })
        }
    }

    public func rotateToken(id: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void) {
        let log = activityLog, store = self.store
        service.rotate(id: id) { result in
            completion(result.mapError(Self.adminError).map { (i, token) in
                AdminIssuedToken(integration: store.read { Self.summary(i, state: $0, log: log) }, token: token)
            })
        }
    }

    public func deleteIntegration(id: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void) {
        let log = activityLog
        service.delete(id: id) { result in
            if case .success = result { log.forget(integrationID: id) }
            completion(result.mapError(Self.adminError))
        }
    }

    static func adminError(_ e: SCIMError) -> AdminError {
        switch e.status {
        case 404: return .notFound
        case 409: return .duplicateName
        case 400: return .invalid(e.detail)
        default: return .storage(e.detail)
        }
    }
}

extension String {
    func trimmingAdminSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
