import AdminPages
import Crypto
import SCIMCore
import Synchronization
import Dispatch

/// An in-memory `AdminDirectory` for the tests: users, groups, activity and integrations, with the
/// search/sort/paging behaviour the protocol documents.
final class FakeDirectory: AdminDirectory {
    struct User {
        var row: AdminUserRow
        var attributes: JSONObject
    }

    struct Group {
        var row: AdminGroupRow
        var members: [AdminGroupMember]
    }

    struct State {
        var integrations: [AdminIntegration] = []
        var tokens: [String: String] = [:]          // integration id -> token secret
        var users: [User] = []
        var groups: [Group] = []
        var activity: [AdminActivity] = []           // newest first
        var passwordRecord: String?
        var nextID = 1
        var failWrites: AdminError?
    }

    let state = Mutex(State())
    let now: @Sendable () -> Int64

    init(now: @escaping @Sendable () -> Int64 = { 1_700_000_000_000 }) { self.now = now }

    // MARK: Test setup helpers

    func setPassword(_ password: String) {
        let record = PasswordHasher.hash(password: password, iterations: 1000)
        state.withLock { $0.passwordRecord = record }
    }

    @discardableResult
    func addIntegration(name: String) -> (AdminIntegration, String) {
        let token = BearerToken.generate().secret
        return state.withLock { s in
            let id = "int-\(s.nextID)"
            s.nextID += 1
            let i = AdminIntegration(id: id, name: name, createdAt: now(), tokenHint: BearerToken.hint(token), tokenIssuedAt: now())
            s.integrations.append(i)
            s.tokens[id] = token
            return (i, token)
        }
    }

    func addUser(integrationID: String, id: String? = nil, userName: String, displayName: String? = nil, formatted: String? = nil,
                 givenName: String? = nil, familyName: String? = nil, emails: [String] = [], title: String? = nil,
                 department: String? = nil, externalId: String? = nil, active: Bool = true) -> String {
        state.withLock { s in
            let uid = id ?? "u-\(s.nextID)"
            s.nextID += 1
            let integrationName = s.integrations.first { $0.id == integrationID }?.name ?? "?"
            var attrs = JSONObject()
            attrs["schemas"] = ["urn:ietf:params:scim:schemas:core:2.0:User"]
            attrs["id"] = .string(uid)
            if let externalId { attrs["externalId"] = .string(externalId) }
            attrs["userName"] = .string(userName)
            var name = JSONObject()
            if let formatted { name["formatted"] = .string(formatted) }
            if let givenName { name["givenName"] = .string(givenName) }
            if let familyName { name["familyName"] = .string(familyName) }
            if !name.isEmpty { attrs["name"] = .object(name) }
            if let displayName { attrs["displayName"] = .string(displayName) }
            if let title { attrs["title"] = .string(title) }
            attrs["active"] = .bool(active)
            if !emails.isEmpty {
                attrs["emails"] = .array(emails.enumerated().map { i, e in
                    .object(JSONObject([("value", .string(e)), ("type", "work"), ("primary", .bool(i == 0))]))
                })
            }
            if let department {
                attrs["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = .object(JSONObject([("department", .string(department))]))
            }
            let row = AdminUserRow(id: uid, integrationID: integrationID, integrationName: integrationName, userName: userName,
                                   displayName: displayName, formattedName: formatted, email: emails.first, title: title,
                                   department: department, externalId: externalId, active: active)
            s.users.append(User(row: row, attributes: attrs))
            FakeDirectory.recount(&s)
            return uid
        }
    }

    func addGroup(integrationID: String, id: String? = nil, displayName: String, externalId: String? = nil,
                  members: [AdminGroupMember] = []) -> String {
        state.withLock { s in
            let gid = id ?? "g-\(s.nextID)"
            s.nextID += 1
            let integrationName = s.integrations.first { $0.id == integrationID }?.name ?? "?"
            let row = AdminGroupRow(id: gid, displayName: displayName, externalId: externalId, integrationID: integrationID,
                                    integrationName: integrationName, memberCount: members.count)
            s.groups.append(Group(row: row, members: members))
            FakeDirectory.recount(&s)
            return gid
        }
    }

    func addActivity(_ a: AdminActivity) {
        state.withLock { s in
            s.activity.insert(a, at: 0)
            if let i = s.integrations.firstIndex(where: { $0.id == a.integrationID }) { s.integrations[i].lastRequest = a }
        }
    }

    func token(of integrationID: String) -> String? { state.withLock { $0.tokens[integrationID] } }

    /// Which integration a bearer token opens (what the SCIM endpoint would check).
    func integrationID(forToken token: String) -> String? {
        state.withLock { s in s.tokens.first { $0.value == token }?.key }
    }

    private static func recount(_ s: inout State) {
        for i in s.integrations.indices {
            let id = s.integrations[i].id
            s.integrations[i].userCount = s.users.filter { $0.row.integrationID == id }.count
            s.integrations[i].groupCount = s.groups.filter { $0.row.integrationID == id }.count
        }
        for ui in s.users.indices {
            let uid = s.users[ui].row.id
            let groups = s.groups.filter { g in g.members.contains { $0.id == uid } }.map { AdminGroupRef(id: $0.row.id, displayName: $0.row.displayName) }
            s.users[ui].row.groups = groups
            s.users[ui].row.groupCount = groups.count
        }
    }

    // MARK: AdminDirectory reads

    func integrations() -> [AdminIntegration] { state.withLock { $0.integrations } }

    func integration(id: String) -> AdminIntegration? { state.withLock { s in s.integrations.first { $0.id == id } } }

    func users(_ q: AdminUserQuery) -> AdminPage<AdminUserRow> {
        state.withLock { s in
            let needle = q.search.lowercased()
            var rows = s.users.map(\.row).filter { r in
                if let i = q.integrationID, r.integrationID != i { return false }
                if let a = q.active, r.active != a { return false }
                if needle.isEmpty { return true }
                return [r.displayName, r.formattedName, r.userName, r.email].contains { $0?.lowercased().contains(needle) == true }
            }
            func key(_ r: AdminUserRow) -> String {
                switch q.sort {
                case .displayName: return r.shownName.lowercased()
                case .userName: return r.userName.lowercased()
                case .email: return (r.email ?? "\u{10FFFF}").lowercased()
                case .title: return (r.title ?? "\u{10FFFF}").lowercased()
                case .department: return (r.department ?? "\u{10FFFF}").lowercased()
                case .active: return r.active ? "0" : "1"
                case .integration: return r.integrationName.lowercased()
                }
            }
            rows.sort { q.direction == .ascending ? key($0) < key($1) : key($0) > key($1) }
            let total = rows.count
            let page = Array(rows.dropFirst(q.offset).prefix(q.limit))
            return AdminPage(rows: page, total: total)
        }
    }

    func user(id: String) -> AdminUserDetail? {
        state.withLock { s in
            guard let u = s.users.first(where: { $0.row.id == id }) else { return nil }
            return AdminUserDetail(row: u.row, attributes: u.attributes, groups: u.row.groups,
                                   rawJSON: AdminJSONFormatter.prettyPrinted(u.attributes), createdAt: now(), lastModified: now())
        }
    }

    func groups(_ q: AdminGroupQuery) -> AdminPage<AdminGroupRow> {
        state.withLock { s in
            let needle = q.search.lowercased()
            var rows = s.groups.map(\.row).filter { r in
                if let i = q.integrationID, r.integrationID != i { return false }
                return needle.isEmpty || r.displayName.lowercased().contains(needle) || (r.externalId?.lowercased().contains(needle) ?? false)
            }
            rows.sort { a, b in
                let asc: Bool
                switch q.sort {
                case .displayName: asc = a.displayName.lowercased() < b.displayName.lowercased()
                case .memberCount: asc = a.memberCount < b.memberCount
                case .integration: asc = a.integrationName.lowercased() < b.integrationName.lowercased()
                }
                return q.direction == .ascending ? asc : !asc
            }
            return AdminPage(rows: Array(rows.dropFirst(q.offset).prefix(q.limit)), total: rows.count)
        }
    }

    func group(id: String, memberOffset: Int, memberLimit: Int) -> AdminGroupDetail? {
        state.withLock { s in
            guard let g = s.groups.first(where: { $0.row.id == id }) else { return nil }
            let members = g.members.dropFirst(memberOffset).prefix(memberLimit).map { m -> AdminGroupMember in
                var m = m
                if let u = s.users.first(where: { $0.row.id == m.id }) {
                    m.isUser = true
                    m.resolvedName = u.row.shownName
                } else if let og = s.groups.first(where: { $0.row.id == m.id }) {
                    m.isUser = false
                    m.resolvedName = og.row.displayName
                }
                return m
            }
            return AdminGroupDetail(row: g.row, members: Array(members))
        }
    }

    func activity(integrationID: String?, limit: Int) -> [AdminActivity] {
        state.withLock { s in
            Array(s.activity.filter { integrationID == nil || $0.integrationID == integrationID }.prefix(limit))
        }
    }

    func adminPasswordRecord() -> String? { state.withLock { $0.passwordRecord } }

    // MARK: AdminDirectory writes (completions run on another thread, like after an fsync)

    private func complete(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(execute: work)
    }

    func setAdminPassword(record: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void) {
        let failure = state.withLock { s -> AdminError? in
            if let f = s.failWrites { return f }
            s.passwordRecord = record
            return nil
        }
        complete { completion(failure.map { .failure($0) } ?? .success(())) }
    }

    func createIntegration(name: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void) {
        let result = state.withLock { s -> Result<AdminIssuedToken, AdminError> in
            if let f = s.failWrites { return .failure(f) }
            if s.integrations.contains(where: { $0.name.lowercased() == name.lowercased() }) { return .failure(.duplicateName) }
            let token = BearerToken.generate().secret
            let id = "int-\(s.nextID)"
            s.nextID += 1
            let i = AdminIntegration(id: id, name: name, createdAt: now(), tokenHint: BearerToken.hint(token), tokenIssuedAt: now())
            s.integrations.append(i)
            s.tokens[id] = token
            return .success(AdminIssuedToken(integration: i, token: token))
        }
        complete { completion(result) }
    }

    func renameIntegration(id: String, name: String, completion: @escaping @Sendable (Result<AdminIntegration, AdminError>) -> Void) {
        let result = state.withLock { s -> Result<AdminIntegration, AdminError> in
            if let f = s.failWrites { return .failure(f) }
            guard let i = s.integrations.firstIndex(where: { $0.id == id }) else { return .failure(.notFound) }
            if s.integrations.contains(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) { return .failure(.duplicateName) }
            s.integrations[i].name = name
            for u in s.users.indices where s.users[u].row.integrationID == id { s.users[u].row.integrationName = name }
            for g in s.groups.indices where s.groups[g].row.integrationID == id { s.groups[g].row.integrationName = name }
            return .success(s.integrations[i])
        }
        complete { completion(result) }
    }

    func rotateToken(id: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void) {
        let result = state.withLock { s -> Result<AdminIssuedToken, AdminError> in
            if let f = s.failWrites { return .failure(f) }
            guard let i = s.integrations.firstIndex(where: { $0.id == id }) else { return .failure(.notFound) }
            let token = BearerToken.generate().secret
            s.tokens[id] = token
            s.integrations[i].tokenHint = BearerToken.hint(token)
            s.integrations[i].tokenIssuedAt = now()
            return .success(AdminIssuedToken(integration: s.integrations[i], token: token))
        }
        complete { completion(result) }
    }

    func deleteIntegration(id: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void) {
        let result = state.withLock { s -> Result<Void, AdminError> in
            if let f = s.failWrites { return .failure(f) }
            guard s.integrations.contains(where: { $0.id == id }) else { return .failure(.notFound) }
            s.integrations.removeAll { $0.id == id }
            s.tokens[id] = nil
            s.users.removeAll { $0.row.integrationID == id }
            s.groups.removeAll { $0.row.integrationID == id }
            s.activity.removeAll { $0.integrationID == id }
            return .success(())
        }
        complete { completion(result) }
    }
}
