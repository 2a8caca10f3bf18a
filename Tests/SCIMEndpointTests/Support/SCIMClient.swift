import HTTPServer

/// An IdP's view of the server: requests relative to the SCIM base URL, the integration's bearer
/// token, `Content-Type: application/scim+json` on bodies, one keep-alive connection.
///
///     let r = try scim.post("/Users", json: """
///         {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "alice"}
///         """)
///     XCTAssertEqual(r.status, 201)
///
/// Query strings may be written readably (`/Users?filter=userName eq "a"`): bytes a request
/// target cannot carry (space, `"`, non-ASCII...) are percent-encoded; `%`, `+`, `&`, `=` are
/// sent as written, so pre-encoded targets (Entra's `filter=userName+eq+%22…%22`) work too.
final class SCIMClient {
    let port: Int
    let basePath: String
    /// nil: no Authorization header.
    var token: String?
    /// Sent with every request (before per-request headers), e.g. an IdP's User-Agent.
    var extraHeaders: [(String, String)] = []
    /// Content-Type of request bodies.
    var contentType = "application/scim+json; charset=utf-8"
    private var connection: HTTPTestConnection?

    init(port: Int, basePath: String, token: String?) {
        self.port = port
        self.basePath = basePath
        self.token = token
    }

    deinit { connection?.close() }

    func get(_ path: String, headers: [(String, String)] = []) throws -> SCIMResponse {
        try send("GET", path, headers: headers)
    }

    func post(_ path: String, json: String, headers: [(String, String)] = []) throws -> SCIMResponse {
        try send("POST", path, body: Array(json.utf8), headers: headers)
    }

    func put(_ path: String, json: String, headers: [(String, String)] = []) throws -> SCIMResponse {
        try send("PUT", path, body: Array(json.utf8), headers: headers)
    }

    func patch(_ path: String, json: String, headers: [(String, String)] = []) throws -> SCIMResponse {
        try send("PATCH", path, body: Array(json.utf8), headers: headers)
    }

    func delete(_ path: String, headers: [(String, String)] = []) throws -> SCIMResponse {
        try send("DELETE", path, headers: headers)
    }

    /// A request with exactly these parts; `path` is relative to the base path.
    func send(_ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = []) throws -> SCIMResponse {
        var h = HTTPHeaders()
        if let token { h.add("Authorization", "Bearer \(token)") }
        if !body.isEmpty && !headers.contains(where: { $0.0.lowercased() == "content-type" }) { h.add("Content-Type", contentType) }
        for (name, value) in extraHeaders + headers { h.add(name, value) }
        let target = Self.encodeTarget(basePath + path)
        let c = try openConnection()
        let response: HTTPClientResponse
        do {
            response = try c.send(method: method, path: target, headers: h, body: body)
        } catch {
            dropConnection()
            throw error
        }
        if response.closesConnection { dropConnection() }
        return SCIMResponse(response)
    }

    private func openConnection() throws -> HTTPTestConnection {
        if let connection { return connection }
        let c = try HTTPTestConnection(port: port, timeout: 30)
        connection = c
        return c
    }

    private func dropConnection() {
        connection?.close()
        connection = nil
    }

    /// Percent-encodes the bytes a request-target cannot hold as they are.
    static func encodeTarget(_ target: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in target.utf8 {
            if b > 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
                && b != UInt8(ascii: "\\") && b != UInt8(ascii: "^") && b != UInt8(ascii: "`") && b != UInt8(ascii: "{")
                && b != UInt8(ascii: "|") && b != UInt8(ascii: "}") && b != UInt8(ascii: "[") && b != UInt8(ascii: "]") {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
