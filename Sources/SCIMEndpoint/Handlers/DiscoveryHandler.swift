import HTTPServer
import SCIMCore

/// `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 section 4), telling the truth
/// about what scimd supports. Read-only: other methods get 405, unknown ids 404, both as SCIM errors.
struct DiscoveryHandler {
    let baseURL: String

    static let schemas: [ResourceSchema] = [.user, .enterpriseUser, .group]
    static let resourceTypes: [ResourceDefinition] = [.user, .group]

    func respond(route: SCIMRoute, request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            let e = SCIMError(status: 405, detail: "\(request.path) is read-only")
            var r = SCIMResponses.error(e, request: request)
            r.headers.set("Allow", "GET")
            return r
        }
        switch route {
        case .serviceProviderConfig:
            return SCIMResponses.json(200, serviceProviderConfig(), request: request)
        case .resourceTypes(nil):
            return SCIMResponses.json(200, list(Self.resourceTypes.map { resourceType($0) }), request: request)
        case .resourceTypes(let id?):
            guard let d = Self.resourceTypes.first(where: { $0.name == id || $0.schema.id == id }) else {
                return SCIMResponses.error(.notFound("No resource type \(id)"), request: request)
            }
            return SCIMResponses.json(200, resourceType(d), request: request)
        case .schemas(nil):
            return SCIMResponses.json(200, list(Self.schemas.map { schema($0) }), request: request)
        case .schemas(let id?):
            guard let s = Self.schemas.first(where: { $0.id == id }) else {
                return SCIMResponses.error(.notFound("No schema \(id)"), request: request)
            }
            return SCIMResponses.json(200, schema(s), request: request)
        default:
            return SCIMResponses.error(.notFound("No SCIM endpoint at \(request.path)"), request: request)
        }
    }

    func schema(_ s: ResourceSchema) -> JSONValue { DiscoveryJSON.schemaJSON(s, location: "\(baseURL)/Schemas/\(s.id)") }

    func resourceType(_ d: ResourceDefinition) -> JSONValue {
        DiscoveryJSON.resourceTypeJSON(d, location: "\(baseURL)/ResourceTypes/\(d.name)")
    }

    func list(_ items: [JSONValue]) -> JSONValue {
        .object(JSONObject([
            ("schemas", .array([.string(SCIMSchemaURN.listResponse)])),
            ("totalResults", .int(items.count)),
            ("itemsPerPage", .int(items.count)),
            ("startIndex", 1),
            ("Resources", .array(items)),
        ]))
    }

    func serviceProviderConfig() -> JSONValue {
        func supported(_ b: Bool) -> JSONValue { .object(JSONObject([("supported", .bool(b))])) }
        return .object(JSONObject([
            ("schemas", .array([.string(SCIMSchemaURN.serviceProviderConfig)])),
            ("documentationUri", "https://datatracker.ietf.org/doc/html/rfc7644"),
            ("patch", supported(true)),
            ("bulk", .object(JSONObject([("supported", false), ("maxOperations", 0), ("maxPayloadSize", 0)]))),
            ("filter", .object(JSONObject([("supported", true), ("maxResults", 1000)]))),
            ("changePassword", supported(false)),
            ("sort", supported(true)),
            ("etag", supported(true)),
            ("authenticationSchemes", .array([.object(JSONObject([
                ("type", "oauthbearertoken"),
                ("name", "OAuth Bearer Token"),
                ("description", "Authentication with the integration's bearer token in the Authorization header"),
                ("specUri", "https://www.rfc-editor.org/info/rfc6750"),
                ("primary", true),
            ]))])),
            ("meta", .object(JSONObject([
                ("resourceType", "ServiceProviderConfig"),
                ("location", .string("\(baseURL)/ServiceProviderConfig")),
            ]))),
        ]))
    }
}
