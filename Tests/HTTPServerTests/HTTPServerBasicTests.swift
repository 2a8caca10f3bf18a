import HTTPServer
import XCTest

final class HTTPServerBasicTests: XCTestCase {
    func testGetAndPostEcho() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let r = try ts.client.send(path: "/hello")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.reason, "OK")
        XCTAssertEqual(r.bodyText, "hello world")
        XCTAssertEqual(r.headers["Content-Length"], "11")
        XCTAssertEqual(r.headers["Date"]?.utf8.count, 29)
        XCTAssertTrue(r.headers["Date"]?.hasSuffix(" GMT") ?? false)

        let p = try ts.client.send(method: "POST", path: "/echo?a=1&b=2", headers: ["X-In": "value 1"], body: "payload")
        XCTAssertEqual(p.status, 200)
        XCTAssertEqual(p.bodyText, "payload")
        XCTAssertEqual(p.headers["X-Method"], "POST")
        XCTAssertEqual(p.headers["X-Target"], "/echo?a=1&b=2")
        XCTAssertEqual(p.headers["X-Path"], "/echo")
        XCTAssertEqual(p.headers["X-Query"], "a=1&b=2")
        XCTAssertEqual(p.headers["X-Echo"], "value 1")
        XCTAssertTrue(p.headers["X-Remote"]?.hasPrefix("127.0.0.1:") ?? false)
    }
}

final class HTTPServerKeepAliveTests: XCTestCase {
    func testKeepAliveReusesTheConnection() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        var remotes = Set<String>()
        for i in 0..<5 {
            let r = try c.send(method: "POST", path: "/echo", body: "n\(i)")
            XCTAssertEqual(r.status, 200)
            XCTAssertEqual(r.bodyText, "n\(i)")
            XCTAssertFalse(r.closesConnection)
            remotes.insert(r.headers["X-Remote"] ?? "")
        }
        XCTAssertEqual(remotes, ["127.0.0.1:\(c.localPort)"])
        XCTAssertEqual(ts.server.metrics.acceptedConnections, 1)
    }

    func testConnectionCloseIsHonoured() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        let r = try c.send(path: "/hello", headers: ["Connection": "close"])
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.closesConnection)
        XCTAssertEqual(c.readUntilClose(timeout: 10), [])
        // The handler can ask for a close too.
        let c2 = try ts.connect()
        let r2 = try c2.send(path: "/close")
        XCTAssertEqual(r2.bodyText, "bye")
        XCTAssertTrue(r2.closesConnection)
        XCTAssertTrue(c2.waitForClose(timeout: 10))
    }

    func testHTTP10ClosesUnlessKeepAlive() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("GET /hello HTTP/1.0\r\n\r\n")
        let r = try c.readResponse()
        XCTAssertEqual(r.bodyText, "hello world")
        XCTAssertTrue(r.closesConnection)
        XCTAssertTrue(c.waitForClose(timeout: 10))

        let k = try ts.connect()
        for _ in 0..<2 {
            try k.sendRaw("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let r = try k.readResponse()
            XCTAssertEqual(r.status, 200)
            XCTAssertEqual(r.headers["Connection"], "keep-alive")
        }
    }

    /// A client that sends its request and FIN together gets the response and a prompt close
    /// (not an idle keep-alive connection left until the idle timeout).
    func testRequestWithHalfCloseIsAnsweredAndClosed() throws {
        let ts = try TestServer { $0.idleTimeout = 60 }
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        c.shutdownWrite()
        XCTAssertEqual(try c.readResponse().bodyText, "hello world")
        XCTAssertTrue(TestServer.eventually(timeout: 5) { ts.server.openConnections == 0 })
    }

    /// Documented decision: HTTP/1.1 without Host is tolerated (a duplicate Host is 400).
    func testMissingHostIsTolerated() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("GET /hello HTTP/1.1\r\n\r\n")
        XCTAssertEqual(try c.readResponse().status, 200)
    }

    func testHEADHasNoBody() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        let h = try c.send(method: "HEAD", path: "/hello")
        XCTAssertEqual(h.status, 200)
        XCTAssertEqual(h.headers["Content-Length"], "11")
        XCTAssertEqual(h.body, [])
        // If the server had sent the body, this response would be garbled.
        let g = try c.send(path: "/hello")
        XCTAssertEqual(g.bodyText, "hello world")
    }

    func testNoContentAndNotModifiedCarryNoBody() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        let n = try c.send(path: "/nocontent")
        XCTAssertEqual(n.status, 204)
        XCTAssertNil(n.headers["Content-Length"])
        let m = try c.send(path: "/notmodified")
        XCTAssertEqual(m.status, 304)
        XCTAssertNil(m.headers["Content-Length"])
        XCTAssertEqual(m.headers["ETag"], "\"1\"")
        XCTAssertEqual(try c.send(path: "/hello").bodyText, "hello world")
    }

    func testChunkedRequestBody() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\n5\r\npedia\r\n")
        try c.sendRaw("E\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n")
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.bodyText, "Wikipedia in\r\n\r\nchunks.")
        XCTAssertEqual(r.headers["X-Body-Length"], "23")
        XCTAssertEqual(try c.send(path: "/hello").status, 200)
    }

    func testLargeResponseIsWrittenCompletely() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        let r = try c.send(path: "/big", headers: [:])
        XCTAssertEqual(r.body.count, 0)
        let big = try c.send(path: "/big?\(8 << 20)")
        XCTAssertEqual(big.body.count, 8 << 20)
        XCTAssertTrue(big.body.allSatisfy { $0 == UInt8(ascii: "x") })
        XCTAssertEqual(try c.send(path: "/hello").bodyText, "hello world")
    }

    func testResponseHeaderInjectionIsNeutralised() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let r = try ts.client.send(path: "/inject")
        XCTAssertEqual(r.status, 200)
        XCTAssertNil(r.headers["Set-Cookie"])
        XCTAssertEqual(r.headers["Content-Length"], "2")
        XCTAssertEqual(r.bodyText, "ok")
    }

    func testLeadingEmptyLinesAreSkipped() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try c.readResponse().bodyText, "ab")
        XCTAssertEqual(try c.readResponse().bodyText, "hello world")
    }

    func testIPv6Loopback() throws {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "::1", port: 0), handler: EchoHandler(lot: ParkingLot()))
        if let e = startError(server) {
            if e.kind == .addressNotAvailable || e.errno == EAFNOSUPPORT { throw XCTSkip("no IPv6 loopback here: \(e)") }
            throw e
        }
        defer {
            server.shutdown(gracePeriod: 0)
            server.waitUntilStopped()
        }
        let r = try LoopbackHTTPClient.send(host: "::1", port: server.boundPort, path: "/echo")
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.headers["X-Remote"]?.hasPrefix("[::1]:") ?? false, r.headers["X-Remote"] ?? "")
    }

    func testDualStackAnyAddress() throws {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "::", port: 0), handler: EchoHandler(lot: ParkingLot()))
        if let e = startError(server) {
            if e.kind == .addressNotAvailable || e.errno == EAFNOSUPPORT { throw XCTSkip("no IPv6 here: \(e)") }
            throw e
        }
        defer {
            server.shutdown(gracePeriod: 0)
            server.waitUntilStopped()
        }
        let r = try LoopbackHTTPClient.send(host: "127.0.0.1", port: server.boundPort, path: "/echo")
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.headers["X-Remote"]?.hasPrefix("127.0.0.1:") ?? false, r.headers["X-Remote"] ?? "")
    }
}

/// Starts `server`, returning the error instead of throwing it.
func startError(_ server: HTTPServer) -> HTTPServerError? {
    do {
        try server.start()
        return nil
    } catch {
        return error
    }
}
