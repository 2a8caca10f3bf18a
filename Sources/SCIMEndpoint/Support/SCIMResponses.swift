import HTTPServer
import SCIMCore

/// Builds SCIM responses: the content type the client can take, the RFC error body, ETags.
enum SCIMResponses {
    static let scimContentType = "application/scim+json; charset=utf-8"
    static let jsonContentType = "application/json; charset=utf-8"

    /// `application/scim+json` unless the client's Accept names `application/json` and excludes SCIM's type
    /// (OneLogin's docs ask for plain JSON; Entra's for SCIM's).
    static func contentType(for request: HTTPRequest) -> String {
        guard let accept = request.headers["Accept"]?.lowercased() else { return scimContentType }
        if accept.contains("application/scim+json") || accept.contains("*/*") || accept.contains("application/*") { return scimContentType }
        if accept.contains("application/json") { return jsonContentType }
        return scimContentType
    }

    static func json(_ status: Int, _ body: JSONValue, request: HTTPRequest, headers extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = extra
        headers.set("Content-Type", contentType(for: request))
        return HTTPResponse(status: status, headers: headers, body: body.serialized())
    }

    static func error(_ e: SCIMError, request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        if e.status == 401 { headers.set("WWW-Authenticate", "Bearer realm=\"scimd\"") }
        if e.status == 405 { headers.set("Allow", "GET") }
        return json(e.status, e.body, request: request, headers: headers)
    }

    static func noContent(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: 204, headers: headers, body: [])
    }

    /// The weak ETag for a resource version; `meta.version` carries the same string.
    static func etag(version: Int64) -> String { "W/\"\(version)\"" }

    /// Whether an `If-Match` / `If-None-Match` header value matches `etag` (`*` matches anything; weak comparison).
    static func etagMatches(_ header: String, _ etag: String) -> Bool {
        let bare = { (s: Substring) -> Substring in
            let t = s.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
            let u = Substring(t)
            return u.hasPrefix("W/") ? u.dropFirst(2) : u
        }
        let target = bare(Substring(etag))
        for part in header.split(separator: ",") {
            let p = bare(part)
            if p == "*" || p == target { return true }
        }
        return false
    }
}
