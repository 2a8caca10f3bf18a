import HTTPServer
import SCIMCore
import Store

/// One authenticated SCIM request: the integration it acts for and where its answer goes.
struct RequestContext: Sendable {
    let request: HTTPRequest
    let integration: Integration
    let baseURL: String
    let configuration: SCIMEndpointConfiguration
    let store: Store

    var renderer: ResourceRenderer { ResourceRenderer(baseURL: baseURL) }
    /// The query string, parsed once per request.
    let query: QueryParameters

    func fail(_ error: SCIMError) -> RequestOutcome {
        RequestOutcome(response: SCIMResponses.error(error, request: request), error: error)
    }

    func dispatch(_ route: SCIMRoute, done: @escaping @Sendable (RequestOutcome) -> Void) {
        let method = request.method
        let queries = ResourceQueryHandler(context: self)
        let writes = ResourceWriteHandler(context: self)
        switch route {
        case .collection(let kind):
            switch method {
            case "GET", "HEAD": done(queries.list(kind))
            case "POST": writes.create(kind, done: done)
            default: done(methodNotAllowed(allowed: "GET, POST"))
            }
        case .resource(let kind, let id):
            switch method {
            case "GET", "HEAD": done(queries.get(kind, id: id))
            case "PUT": writes.replace(kind, id: id, done: done)
            case "PATCH": writes.patch(kind, id: id, done: done)
            case "DELETE": writes.delete(kind, id: id, done: done)
            default: done(methodNotAllowed(allowed: "GET, PUT, PATCH, DELETE"))
            }
        case .search(let kind):
            if method == "POST" { done(queries.search(kind)) } else { done(methodNotAllowed(allowed: "POST")) }
        case .notImplemented(let what):
            done(fail(SCIMError(status: 501, detail: "/\(what) is not supported by scimd (see /ServiceProviderConfig)")))
        case .notFound:
            done(fail(.notFound("No SCIM endpoint at \(request.path)")))
        case .serviceProviderConfig, .resourceTypes, .schemas:
            done(fail(.notFound("No SCIM endpoint at \(request.path)")))  // handled before authentication
        }
    }

    func methodNotAllowed(allowed: String) -> RequestOutcome {
        let e = SCIMError(status: 405, detail: "\(request.method) is not allowed on \(request.path)")
        var response = SCIMResponses.error(e, request: request)
        response.headers.set("Allow", allowed)
        return RequestOutcome(response: response, error: e)
    }

    /// Parses the request body as JSON (400 invalidSyntax with the byte offset when it isn't).
    func jsonBody() throws(SCIMError) -> JSONValue {
        if request.body.isEmpty { throw SCIMError.invalidSyntax("The request body is empty; a JSON object is required") }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw SCIMError.invalidSyntax("The request body is not valid JSON: \(error)")
        }
    }
}
