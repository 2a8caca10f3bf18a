import CLinux
import HTTPServer
import SCIMEndpoint
import Store

/// Sends each request to the part of scimd that serves it and records the access log and metrics.
/// `/api/v1/scim/...` → SCIM endpoint; `/healthz`, `/metrics` → here; everything else → admin pages.
final class Router: HTTPHandler {
    let scim: SCIMEndpoint
    let admin: any HTTPHandler
    let store: Store
    let metrics = RequestMetrics()
    let accessLog: AccessLog?
    let openConnections: @Sendable () -> Int

    init(scim: SCIMEndpoint, admin: any HTTPHandler, store: Store, accessLog: AccessLog?, openConnections: @escaping @Sendable () -> Int) {
        self.scim = scim
        self.admin = admin
        self.store = store
        self.accessLog = accessLog
        self.openConnections = openConnections
    }

    func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        let started = clinux_monotonic_ns()
        let path = request.path
        let base = scim.configuration.basePath
        let finish: @Sendable (HTTPResponse, String, String?) -> Void = { [metrics, accessLog] response, route, integration in
            let seconds = Double(clinux_monotonic_ns() - started) / 1e9
            metrics.observe(route: route, method: request.method, status: response.status, seconds: seconds)
            accessLog?.write(request: request, status: response.status, bytes: response.body.count, seconds: seconds, integration: integration)
            responder.respond(response)
        }
        if path == base || path.hasPrefix(base + "/") {
            let route = Self.scimRouteLabel(path.dropFirst(base.count))
            scim.handle(request) { response, info in finish(response, route, info.integrationName) }
            return
        }
        switch path {
        case "/healthz":
            var h = HTTPHeaders()
            h.set("Content-Type", "application/json")
            h.set("Cache-Control", "no-store")
            finish(HTTPResponse(status: 200, headers: h, body: Array("{\"status\":\"ok\"}\n".utf8)), "healthz", nil)
        case "/metrics":
            var h = HTTPHeaders()
            h.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            finish(HTTPResponse(status: 200, headers: h, body: Array(metrics.render(extra: gauges()).utf8)), "metrics", nil)
        default:
            admin.handle(request, responder: HTTPResponder { response in finish(response, "admin", nil) })
        }
    }

    /// A bounded label set: the resource type, not the id.
    static func scimRouteLabel(_ rest: Substring) -> String {
        let first = rest.split(separator: "/").first.map { $0.lowercased() } ?? ""
        switch first {
        case "users": return "scim_users"
        case "groups": return "scim_groups"
        case ".search": return "scim_search"
        case "serviceproviderconfig", "resourcetypes", "schemas": return "scim_discovery"
        default: return "scim_other"
        }
    }

    func gauges() -> [(String, String, Double)] {
        let m = store.metrics
        var g: [(String, String, Double)] = [("scimd_open_connections", "Open HTTP connections.", Double(openConnections()))]
        g.append(contentsOf: m.prometheusGauges)
        return g
    }
}
