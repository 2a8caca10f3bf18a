/// A complete HTTP/1.1 request as the server hands it to a handler: framing already checked and the
/// body fully read (de-chunked).
public struct HTTPRequest: Sendable {
    /// The method token as sent ("GET", "POST", ...).
    public var method: String
    /// The raw request-target, e.g. `/api/v1/scim/Users?filter=userName%20eq%20%22a%22`.
    public var target: String
    /// The part of `target` before `?`, still percent-encoded.
    public var path: String
    /// The part of `target` after `?` (empty when there is none), still percent-encoded.
    public var query: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's address, `ip:port`.
    public var remoteAddress: String

    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String = "") {
        self.method = method
        self.target = target
        if let q = target.firstIndex(of: "?") {
            self.path = String(target[..<q])
            self.query = String(target[target.index(after: q)...])
        } else {
            self.path = target
            self.query = ""
        }
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The server's path: `path` and `query` already split while parsing.
    init(method: String, target: String, path: String, query: String, headers: HTTPHeaders, body: [UInt8], remoteAddress: String) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }
}
