import Crypto
import HTTPServer
import SCIMCore
import Store

/// POST, PUT, PATCH and DELETE of users and groups (RFC 7644 sections 3.3, 3.5, 3.6).
///
/// Each write is one store transaction: validation, uniqueness and the change happen atomically,
/// and the answer is sent only after the store has fsync'd it.
struct ResourceWriteHandler {
    let context: RequestContext

    private var integrationID: String { context.integration.id }

    func create(_ kind: ResourceKind, done: @escaping @Sendable (RequestOutcome) -> Void) {
        let attributes: JSONObject, members: [JSONObject], projection: Projection
        do { (attributes, members, projection) = try resourceBody(kind) } catch { return done(context.fail(error)) }
        let id = SecureRandom.uuid()
        let integrationID = self.integrationID
        let context = self.context
        context.store.write({ (tx: inout Transaction) throws(SCIMError) -> String? in
            let now = tx.now
            try tx.putResource(StoredResource(
                id: id, kind: kind, integrationID: integrationID, created: now, lastModified: now, version: 1, attributes: attributes))
            guard kind == .group, !members.isEmpty else { return nil }
            var writer = MembershipWriter(integrationID: integrationID, groupID: id)
            try writer.add(members, in: &tx)
            return writer.note
        }, completion: { result in
            switch result {
            case .failure(let e): done(context.fail(e))
            case .success(let note):
                var outcome = Self.resourceResponse(context, kind: kind, id: id, status: 201, projection: projection)
                outcome.note = note
                outcome.summary = "created \(kind == .user ? "user" : "group") \(Self.label(attributes, kind))"
                outcome.resourceID = id
                done(outcome)
            }
        })
    }

    func replace(_ kind: ResourceKind, id: String, done: @escaping @Sendable (RequestOutcome) -> Void) {
        let attributes: JSONObject, members: [JSONObject], projection: Projection
        do { (attributes, members, projection) = try resourceBody(kind) } catch { return done(context.fail(error)) }
        let integrationID = self.integrationID
        let ifMatch = context.request.headers["If-Match"]
        let context = self.context
        context.store.write({ (tx: inout Transaction) throws(SCIMError) -> String? in
            guard var r = tx.state.resource(kind, integrationID: integrationID, id: id) else {
                throw SCIMError.notFound("\(kind.rawValue) \(id) not found")
            }
            try Self.checkPrecondition(ifMatch, version: r.version)
            r.attributes = attributes
            r.lastModified = tx.now
            r.version += 1
            try tx.putResource(r)
            guard kind == .group else { return nil }
            // A full member list is applied as a diff: cost follows the change, not the group's size.
            var writer = MembershipWriter(integrationID: integrationID, groupID: id)
            try writer.replaceAll(with: members, in: &tx)
            return writer.note
        }, completion: { result in
            switch result {
            case .failure(let e): done(context.fail(e))
            case .success(let note):
                var outcome = Self.resourceResponse(context, kind: kind, id: id, status: 200, projection: projection)
                outcome.note = note
                outcome.summary = "replaced \(kind == .user ? "user" : "group") \(Self.label(attributes, kind))"
                done(outcome)
            }
        })
    }

    func patch(_ kind: ResourceKind, id: String, done: @escaping @Sendable (RequestOutcome) -> Void) {
        let definition = ResourceDefinitions.definition(for: kind)
        let operations: [PatchOperation]
        let projection: Projection
        do {
            operations = try PatchRequest.parse(try context.jsonBody(), allowsEmptyOperations: true)
            projection = try responseProjection()
        } catch { return done(context.fail(error)) }
        let integrationID = self.integrationID
        let ifMatch = context.request.headers["If-Match"]
        let context = self.context
        // Entra documents 204 for group PATCH; a 100,000-member body per change would be a trap.
        // A client that asks for attributes gets them.
        let wantsBody = kind == .user || context.query["attributes"] != nil || context.query["excludedAttributes"] != nil
        context.store.write({ (tx: inout Transaction) throws(SCIMError) -> (String?, String) in
            guard let existing = tx.state.resource(kind, integrationID: integrationID, id: id) else {
                throw SCIMError.notFound("\(kind.rawValue) \(id) not found")
            }
            try Self.checkPrecondition(ifMatch, version: existing.version)
            let result = try PatchApplier(definition: definition).apply(operations, to: existing.attributes, resourceID: id)
            var writer = MembershipWriter(integrationID: integrationID, groupID: id)
            if kind == .group {
                let evaluator = FilterEvaluator(resolver: definition)
                for change in result.membershipChanges { try writer.apply(change, in: &tx, evaluator: evaluator) }
            }
            // Only a change of the attributes rewrites the resource: a membership change logs just
            // the members, and an add of members already there changes nothing (same version).
            if result.attributes != existing.attributes, var r = tx.state.resource(kind, integrationID: integrationID, id: id) {
                r.attributes = result.attributes
                r.lastModified = tx.now
                r.version += 1
                try tx.putResource(r)
            }
            var summary = "patched \(kind == .user ? "user" : "group") \(Self.label(result.attributes, kind))"
            if writer.added > 0 || writer.removed > 0 { summary += " (+\(writer.added) −\(writer.removed) members)" }
            return (writer.note, summary)
        }, completion: { result in
            switch result {
            case .failure(let e): done(context.fail(e))
            case .success(let (note, summary)):
                var outcome = wantsBody
                    ? Self.resourceResponse(context, kind: kind, id: id, status: 200, projection: projection)
                    : RequestOutcome(response: SCIMResponses.noContent(headers: Self.etagHeaders(context, kind: kind, id: id)))
                outcome.note = note
                outcome.summary = summary
                done(outcome)
            }
        })
    }

    func delete(_ kind: ResourceKind, id: String, done: @escaping @Sendable (RequestOutcome) -> Void) {
        let integrationID = self.integrationID
        let ifMatch = context.request.headers["If-Match"]
        let context = self.context
        context.store.write({ (tx: inout Transaction) throws(SCIMError) -> String in
            guard let existing = tx.state.resource(kind, integrationID: integrationID, id: id) else {
                throw SCIMError.notFound("\(kind.rawValue) \(id) not found")
            }
            try Self.checkPrecondition(ifMatch, version: existing.version)
            try tx.deleteResource(kind, integrationID: integrationID, id: id)
            return "deleted \(kind == .user ? "user" : "group") \(Self.label(existing.attributes, kind))"
        }, completion: { result in
            switch result {
            case .failure(let e): done(context.fail(e))
            case .success(let summary): done(RequestOutcome(response: SCIMResponses.noContent(), summary: summary))
            }
        })
    }

    // MARK: - Helpers

    /// The POST/PUT body normalised for `kind`, its members split off, and the response projection.
    private func resourceBody(_ kind: ResourceKind) throws(SCIMError) -> (JSONObject, [JSONObject], Projection) {
        let normalized = try ResourceInput.normalize(try context.jsonBody(), definition: ResourceDefinitions.definition(for: kind))
        let (attributes, members) = Self.splitMembers(normalized, kind: kind)
        return (attributes, members, try responseProjection())
    }

    private func responseProjection() throws(SCIMError) -> Projection {
        try Projection.parse(attributes: context.query["attributes"], excludedAttributes: context.query["excludedAttributes"])
    }

    /// Groups keep members outside the attribute object (the store holds them as an indexed list).
    static func splitMembers(_ attributes: JSONObject, kind: ResourceKind) -> (JSONObject, [JSONObject]) {
        guard kind == .group else { return (attributes, []) }
        var attrs = attributes
        let members = (attrs.removeValue(forKeyIgnoringCase: "members")?.arrayValue ?? []).compactMap(\.objectValue)
        return (attrs, members)
    }

    static func checkPrecondition(_ ifMatch: String?, version: Int64) throws(SCIMError) {
        guard let ifMatch else { return }
        if !SCIMResponses.etagMatches(ifMatch, SCIMResponses.etag(version: version)) {
            throw SCIMError.preconditionFailed("The resource changed: If-Match \(ifMatch) does not match the current version \(SCIMResponses.etag(version: version))")
        }
    }

    static func label(_ attributes: JSONObject, _ kind: ResourceKind) -> String {
        let key = kind == .user ? "userName" : "displayName"
        return attributes[key]?.stringValue.map { "\"\($0.prefix(80))\"" } ?? ""
    }

    static func etagHeaders(_ context: RequestContext, kind: ResourceKind, id: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        let integrationID = context.integration.id
        if let v = context.store.read({ $0.resource(kind, integrationID: integrationID, id: id)?.version }) {
            headers.set("ETag", SCIMResponses.etag(version: v))
        }
        return headers
    }

    /// The resource as it is now, projected, with ETag (and Location on 201).
    static func resourceResponse(_ context: RequestContext, kind: ResourceKind, id: String, status: Int, projection: Projection) -> RequestOutcome {
        let renderer = context.renderer
        let integrationID = context.integration.id
        let definition = ResourceDefinitions.definition(for: kind)
        let found: (JSONObject, Int64)? = context.store.read { state in
            guard let r = state.resource(kind, integrationID: integrationID, id: id) else { return nil }
            let full = renderer.render(r, state: state, withRelations: projection.includes(attribute: Relation.name(kind)))
            return (projection.projectStored(full, resolver: definition), r.version)
        }
        guard let (json, version) = found else {
            // Deleted by a concurrent request between commit and answer.
            return context.fail(.notFound("\(kind.rawValue) \(id) not found"))
        }
        var headers = HTTPHeaders()
        headers.set("ETag", SCIMResponses.etag(version: version))
        if status == 201 { headers.set("Location", renderer.location(kind, id: id)) }
        return RequestOutcome(response: SCIMResponses.json(status, .object(json), request: context.request, headers: headers))
    }
}
