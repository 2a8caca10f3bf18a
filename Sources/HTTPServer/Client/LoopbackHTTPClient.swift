/// A small blocking HTTP/1.1 client for tests and the CLI (health checks): one request per
/// connection, plain TCP, IPv4 or IPv6 literals.
///
///     let r = try LoopbackHTTPClient.send(port: 8080, path: "/healthz")
///     let client = LoopbackHTTPClient(port: server.boundPort)
///     let created = try client.send(method: "POST", path: "/Users", headers: ["Content-Type": "application/scim+json"], body: json)
public struct LoopbackHTTPClient: Sendable {
    public var host: String
    public var port: Int
    /// Bound for connecting, and separately for writing the request and reading the response (seconds).
    public var timeout: Double

    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 10) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    public func send(method: String = "GET", path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) throws(HTTPClientError) -> HTTPClientResponse {
        try Self.send(host: host, port: port, method: method, path: path, headers: headers, body: body, timeout: timeout)
    }

    public func send(method: String = "GET", path: String, headers: HTTPHeaders = HTTPHeaders(), body: String) throws(HTTPClientError) -> HTTPClientResponse {
        try send(method: method, path: path, headers: headers, body: Array(body.utf8))
    }

    /// Opens a connection, sends one request (with `Connection: close` unless a Connection field
    /// is given), reads the response, closes.
    public static func send(host: String = "127.0.0.1", port: Int, method: String = "GET", path: String,
                            headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], timeout: Double = 10) throws(HTTPClientError) -> HTTPClientResponse {
        let connection = try HTTPTestConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        var h = headers
        if !h.contains("Connection") { h.add("Connection", "close") }
        return try connection.send(method: method, path: path, headers: h, body: body)
    }
}
