/// A persistent HTTP/1.1 client connection for tests and tools: keep-alive, pipelining, raw
/// (even malformed) bytes, and checking that the server closed the connection.
///
///     let c = try HTTPTestConnection(port: server.boundPort)
///     let r = try c.send(method: "POST", path: "/x", body: Array("hi".utf8))
///     try c.sendRaw("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
///     let first = try c.readResponse(), second = try c.readResponse()
///     XCTAssertNotNil(c.readUntilClose(timeout: 5))
///
/// Blocking; use one instance from one thread at a time.
public final class HTTPTestConnection: @unchecked Sendable {
    public let host: String
    public let port: Int
    /// Upper bound for each `send` / `readResponse` call, in seconds.
    public var timeout: Double
    private let socket: ClientSocket

    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 10) throws(HTTPClientError) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.socket = try ClientSocket(host: host, port: port, timeout: timeout)
    }

    /// The client-side port (handy to match the server's `remoteAddress`).
    public var localPort: Int { socket.localPort }

    /// Writes one request and reads its response.
    public func send(method: String = "GET", path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) throws(HTTPClientError) -> HTTPClientResponse {
        try writeRequest(method: method, path: path, headers: headers, body: body)
        return try readResponse(isHEAD: method == "HEAD")
    }

    public func send(method: String = "GET", path: String, headers: HTTPHeaders = HTTPHeaders(), body: String) throws(HTTPClientError) -> HTTPClientResponse {
        try send(method: method, path: path, headers: headers, body: Array(body.utf8))
    }

    /// Writes one request without reading (for pipelining). Adds `Host` unless given, and
    /// `Content-Length` when there is a body (or for POST/PUT/PATCH) unless a framing field is given.
    public func writeRequest(method: String = "GET", path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) throws(HTTPClientError) {
        try sendRaw(Self.requestBytes(method: method, path: path, host: host, port: port, headers: headers, body: body))
    }

    /// Writes bytes exactly as given.
    public func sendRaw(_ bytes: [UInt8]) throws(HTTPClientError) {
        try socket.write(bytes, deadline: ClientSocket.deadline(after: timeout))
    }

    public func sendRaw(_ text: String) throws(HTTPClientError) {
        try sendRaw(Array(text.utf8))
    }

    /// Reads one response. Interim 1xx responses are skipped unless `skipInterim` is false.
    /// Pass `isHEAD: true` for the response to a HEAD request (it has no body).
    public func readResponse(isHEAD: Bool = false, skipInterim: Bool = true) throws(HTTPClientError) -> HTTPClientResponse {
        let deadline = ClientSocket.deadline(after: timeout)
        while true {
            let response = try HTTPClientResponseReader.read(from: socket, isHEAD: isHEAD, deadline: deadline)
            if skipInterim && response.status >= 100 && response.status < 200 && response.status != 101 { continue }
            return response
        }
    }

    /// Reads and returns everything until the server closes the connection (EOF or reset), or nil
    /// if it is still open after `timeout` seconds.
    public func readUntilClose(timeout: Double = 10) -> [UInt8]? {
        socket.readUntilClose(deadline: ClientSocket.deadline(after: timeout))
    }

    /// True if the server closes the connection within `timeout` seconds (data is discarded).
    public func waitForClose(timeout: Double = 10) -> Bool {
        readUntilClose(timeout: timeout) != nil
    }

    public func close() { socket.close() }

    /// Half-closes: sends FIN but keeps reading (shutdown(SHUT_WR)).
    public func shutdownWrite() { socket.shutdownWrite() }

    static func requestBytes(method: String, path: String, host: String, port: Int, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + body.count)
        out.append(contentsOf: "\(method) \(path) HTTP/1.1\r\n".utf8)
        if !headers.contains("Host") {
            let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            out.append(contentsOf: "Host: \(shownHost):\(port)\r\n".utf8)
        }
        let framed = headers.contains("Content-Length") || headers.contains("Transfer-Encoding")
        if !framed && (!body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH") {
            out.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        for field in headers {
            out.append(contentsOf: "\(field.name): \(field.value)\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }
}
