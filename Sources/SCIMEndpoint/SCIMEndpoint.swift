import Crypto
import HTTPServer
import SCIMCore
import Store

/// The SCIM 2.0 service provider (RFC 7644) under `/api/v1/scim`.
///
/// Every request is authenticated by its bearer token, which selects the integration; the
/// integration's users and groups are the whole world of that request (another integration's
/// resources answer 404 and never appear in lists). Reads are answered on the calling event-loop
/// thread from memory; writes complete after the store has fsync'd their log records.
public final class SCIMEndpoint: HTTPHandler {
    public let store: Store
    public let activity: ActivityLog
    public let configuration: SCIMEndpointConfiguration

    public init(store: Store, activity: ActivityLog, configuration: SCIMEndpointConfiguration = SCIMEndpointConfiguration()) {
        self.store = store
        self.activity = activity
        self.configuration = configuration
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        handle(request) { response, _ in responder.respond(response) }
    }

    /// Handles a request whose path starts with the base path; `completion` also gets what the access
    /// log and activity page need. It is called exactly once, possibly from the store's commit thread.
    public func handle(_ request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse, SCIMRequestInfo) -> Void) {
        let started = monotonicMicros()
        let route = SCIMRoute.parse(String(request.path.dropFirst(configuration.basePath.count)))
        let baseURL = PublicURL.origin(for: request, configuration: configuration) + configuration.basePath

        // Discovery is public (RFC 7644 section 4): IdPs and checkers read it before they have a token.
        switch route {
        case .serviceProviderConfig, .resourceTypes, .schemas:
            let response = DiscoveryHandler(baseURL: baseURL).respond(route: route, request: request)
            completion(response, SCIMRequestInfo())
            return
        default: break
        }

        guard let integration = authenticate(request) else {
            let error = SCIMError.unauthorized()
            record(request, integrationID: nil, status: 401, error: error, started: started, summary: nil)
            var info = SCIMRequestInfo()
            info.scimType = nil
            info.detail = error.detail
            completion(SCIMResponses.error(error, request: request), info)
            return
        }

        let context = RequestContext(
            request: request, integration: integration, baseURL: baseURL, configuration: configuration, store: store,
            query: QueryParameters(request.query))
        let activity = self.activity
        let clock = configuration.clock
        context.dispatch(route) { outcome in
            var info = SCIMRequestInfo()
            info.integrationID = integration.id
            info.integrationName = integration.name
            info.scimType = outcome.error?.scimType?.rawValue
            info.detail = outcome.error?.detail ?? outcome.note
            info.summary = outcome.summary
            activity.record(ActivityEntry(
                time: clock(), integrationID: integration.id, method: request.method,
                target: Self.loggedTarget(request), status: outcome.response.status,
                scimType: info.scimType, detail: info.detail.map(TokenRedaction.redact), durationMicros: monotonicMicros() - started,
                summary: outcome.summary, resourceID: outcome.resourceID))
            completion(outcome.response, info)
        }
    }

    /// The integration whose token the request carries, or nil. The token is hashed and looked up by
    /// hash; the store compares hashes in constant time. Tokens in the URL are never accepted.
    func authenticate(_ request: HTTPRequest) -> Integration? {
        guard let header = request.headers["Authorization"] else { return nil }
        let trimmed = header.drop(while: { $0 == " " })
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(trimmed.dropFirst(7).drop(while: { $0 == " " })).trimmingTrailingSpaces()
        guard !token.isEmpty, token.utf8.count <= 512 else { return nil }
        let hash = BearerToken.hash(token)
        return store.read { state in state.integration(tokenHash: hash) }
    }

    /// The decoded path and query as the activity page shows them, without any token a client put there.
    static func loggedTarget(_ request: HTTPRequest) -> String {
        TokenRedaction.redact(QueryParameters.decodePathSegment(request.target))
    }

    private func record(_ request: HTTPRequest, integrationID: String?, status: Int, error: SCIMError?, started: Int64, summary: String?) {
        activity.record(ActivityEntry(
            time: configuration.clock(), integrationID: integrationID, method: request.method,
            target: Self.loggedTarget(request), status: status,
            scimType: error?.scimType?.rawValue, detail: (error?.detail).map(TokenRedaction.redact),
            durationMicros: monotonicMicros() - started, summary: summary))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
