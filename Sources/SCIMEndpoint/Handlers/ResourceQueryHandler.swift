import HTTPServer
import SCIMCore
import Store

/// GET of one resource, list and search (RFC 7644 sections 3.4.1-3.4.3).
struct ResourceQueryHandler {
    let context: RequestContext

    func get(_ kind: ResourceKind, id: String) -> RequestOutcome {
        let projection: Projection
        do {
            projection = try Projection.parse(attributes: context.query["attributes"], excludedAttributes: context.query["excludedAttributes"])
        } catch { return context.fail(error) }
        let definition = ResourceDefinitions.definition(for: kind)
        let renderer = context.renderer
        let integrationID = context.integration.id
        let found: (JSONObject, Int64)? = context.store.read { state in
            guard let r = state.resource(kind, integrationID: integrationID, id: id) else { return nil }
            let full = renderer.render(r, state: state, withRelations: projection.includes(attribute: Relation.name(kind)))
            return (projection.projectStored(full, resolver: definition), r.version)
        }
        guard let (json, version) = found else {
            return context.fail(.notFound("\(kind.rawValue) \(id) not found"))
        }
        let etag = SCIMResponses.etag(version: version)
        var headers = HTTPHeaders()
        headers.set("ETag", etag)
        if let inm = context.request.headers["If-None-Match"], SCIMResponses.etagMatches(inm, etag) {
            return RequestOutcome(response: HTTPResponse(status: 304, headers: headers))
        }
        return RequestOutcome(response: SCIMResponses.json(200, .object(json), request: context.request, headers: headers))
    }

    func list(_ kind: ResourceKind) -> RequestOutcome {
        do {
            let q = try ListQuery(query: context.query, configuration: context.configuration)
            return run(q, kinds: [kind])
        } catch { return context.fail(error) }
    }

    func search(_ kind: ResourceKind?) -> RequestOutcome {
        do {
            let q = try ListQuery(searchBody: try context.jsonBody(), configuration: context.configuration)
            return run(q, kinds: kind.map { [$0] } ?? [.user, .group])
        } catch { return context.fail(error) }
    }

    /// Runs a query over the integration's resources. `eq` on id, userName, externalId and Group
    /// displayName is answered from an index; other filters scan in creation order. Without sorting,
    /// only the requested page is rendered.
    func run(_ q: ListQuery, kinds: [ResourceKind]) -> RequestOutcome {
        let renderer = context.renderer
        let integrationID = context.integration.id
        let offset = q.startIndex - 1
        let limit = q.count
        let result: (total: Int, page: [JSONObject]) = context.store.read { state in
            var total = 0
            var page: [JSONObject] = []
            var sortable: [(key: JSONValue?, json: JSONObject, resource: StoredResource)] = []

            for kind in kinds {
                let definition = ResourceDefinitions.definition(for: kind)
                let relation = Relation.name(kind)
                let wantRelations = q.projection.includes(attribute: relation)
                let evaluator = FilterEvaluator(resolver: definition)
                let filterNeedsRelations = q.filter.map { $0.references(attribute: relation) } ?? false

                func output(_ r: StoredResource, rendered: JSONObject?) -> JSONObject {
                    let full = (rendered != nil && filterNeedsRelations == wantRelations) ? rendered! : renderer.render(r, state: state, withRelations: wantRelations)
                    return q.projection.projectStored(full, resolver: definition)
                }

                // Fast path: no filter, no sort — count from the index, render the page only.
                if q.filter == nil && q.sort == nil {
                    let n = state.resourceCount(kind, integrationID: integrationID)
                    let localStart = max(0, offset - total)
                    let want = limit - page.count
                    if want > 0 && localStart < n {
                        for r in state.resources(kind, integrationID: integrationID, offset: localStart, limit: want) {
                            page.append(output(r, rendered: nil))
                        }
                    }
                    total += n
                    continue
                }

                // Candidates: from an index when the filter allows it, else every resource.
                var visit: ((StoredResource) -> Bool) -> Void
                if let filter = q.filter, let hint = filter.indexableEquality,
                   let ids = Self.indexLookup(hint, kind: kind, integrationID: integrationID, state: state) {
                    visit = { body in
                        for id in ids {
                            if let r = state.resource(kind, integrationID: integrationID, id: id), !body(r) { return }
                        }
                    }
                } else {
                    visit = { body in state.forEachResource(kind, integrationID: integrationID, body) }
                }

                visit { r in
                    var rendered: JSONObject? = nil
                    if let filter = q.filter {
                        let json = renderer.render(r, state: state, withRelations: filterNeedsRelations)
                        guard evaluator.matches(filter, resource: json) else { return true }
                        rendered = json
                    }
                    if let sort = q.sort {
                        let json = rendered ?? renderer.render(r, state: state, withRelations: false)
                        sortable.append((sort.sortKey(for: json, resolver: definition), json, r))
                    } else {
                        if total >= offset && page.count < limit { page.append(output(r, rendered: rendered)) }
                    }
                    total += 1
                    return true
                }
            }

            if let sort = q.sort, !sortable.isEmpty {
                let leaf = sort.leafAttribute(resolver: ResourceDefinitions.definition(for: kinds[0]))
                let order = sortable.indices.sorted { a, b in
                    let ka = sortable[a].key, kb = sortable[b].key
                    if sort.areInIncreasingOrder(ka, kb, attribute: leaf) { return true }
                    if sort.areInIncreasingOrder(kb, ka, attribute: leaf) { return false }
                    return a < b  // stable
                }
                let slice = order.dropFirst(offset).prefix(limit)
                for i in slice {
                    let item = sortable[i]
                    let definition = ResourceDefinitions.definition(for: item.resource.kind)
                    let wantRelations = q.projection.includes(attribute: Relation.name(item.resource.kind))
                    let full = renderer.render(item.resource, state: state, withRelations: wantRelations)
                    page.append(q.projection.projectStored(full, resolver: definition))
                }
            }
            return (total, page)
        }

        let body = JSONObject([
            ("schemas", .array([.string(SCIMSchemaURN.listResponse)])),
            ("totalResults", .int(result.total)),
            ("itemsPerPage", .int(result.page.count)),
            ("startIndex", .int(q.startIndex)),
            ("Resources", .array(result.page.map { .object($0) })),
        ])
        return RequestOutcome(response: SCIMResponses.json(200, .object(body), request: context.request))
    }

    /// Resource ids for `attr eq "value"` on an indexed attribute, or nil when the attribute has no index.
    static func indexLookup(_ hint: (path: AttributePath, value: String), kind: ResourceKind, integrationID: String, state: borrowing DirectoryState) -> [String]? {
        let name = hint.path.attribute
        if let urn = hint.path.schemaURN, !asciiCaseInsensitiveEquals(urn, kind == .user ? SCIMSchemaURN.user : SCIMSchemaURN.group) { return nil }
        if asciiCaseInsensitiveEquals(name, "id") {
            return state.resource(kind, integrationID: integrationID, id: hint.value) != nil ? [hint.value] : []
        }
        if asciiCaseInsensitiveEquals(name, "externalId") {
            return state.resourceIDs(kind, integrationID: integrationID, externalId: hint.value)
        }
        if kind == .user, asciiCaseInsensitiveEquals(name, "userName") {
            return state.userID(integrationID: integrationID, userName: hint.value).map { [$0] } ?? []
        }
        if kind == .group, asciiCaseInsensitiveEquals(name, "displayName") {
            return state.groupID(integrationID: integrationID, displayName: hint.value).map { [$0] } ?? []
        }
        return nil
    }
}

/// The derived multi-valued attribute of each resource type: a user's `groups`, a group's `members`.
enum Relation {
    static func name(_ kind: ResourceKind) -> String { kind == .user ? "groups" : "members" }
}

extension FilterExpression {
    /// Whether the filter names the top-level attribute `name` anywhere (e.g. `members.value eq "x"`).
    func references(attribute name: String) -> Bool {
        switch self {
        case .comparison(let p, _, _), .present(let p): return asciiCaseInsensitiveEquals(p.attribute, name)
        case .and(let a, let b), .or(let a, let b): return a.references(attribute: name) || b.references(attribute: name)
        case .not(let e): return e.references(attribute: name)
        case .valuePath(let p, _): return asciiCaseInsensitiveEquals(p.attribute, name)
        }
    }
}
