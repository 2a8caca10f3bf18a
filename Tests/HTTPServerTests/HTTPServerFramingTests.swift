import HTTPServer
import XCTest

/// Every framing error and limit, over a real socket: the right status, a SCIM error body,
/// `Connection: close`, the connection really closed, and the server still serving afterwards.
final class HTTPServerFramingTests: XCTestCase {
    private func assertRefused(_ ts: TestServer, _ raw: [UInt8], _ status: Int, _ label: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let c = try ts.connect()
        defer { c.close() }
        do {
            try c.sendRaw(raw)
        } catch {
            // The server may refuse before reading everything (large bodies); the response still comes.
        }
        let r = try c.readResponse()
        XCTAssertEqual(r.status, status, label, file: file, line: line)
        XCTAssertTrue(r.closesConnection, "\(label): Connection: close", file: file, line: line)
        XCTAssertEqual(r.headers["Content-Type"], "application/scim+json", label, file: file, line: line)
        XCTAssertTrue(r.bodyText.hasPrefix(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"\#(status)","detail":""#),
                      "\(label): \(r.bodyText)", file: file, line: line)
        let rest = c.readUntilClose(timeout: 10)
        XCTAssertNotNil(rest, "\(label): connection not closed", file: file, line: line)
        XCTAssertEqual(rest?.isEmpty, true, "\(label): a second response followed", file: file, line: line)
    }

    private func assertRefused(_ ts: TestServer, _ raw: String, _ status: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRefused(ts, Array(raw.utf8), status, raw.debugDescription, file: file, line: line)
    }

    private func assertServing(_ ts: TestServer, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try ts.client.send(path: "/hello").status, 200, file: file, line: line)
    }

    func testFramingErrorsAre400AndClose() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let cases = [
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc",
            "GET / HTTP/1.1\r\nHost: a\r\nX-Long: a\r\n b\r\n\r\n",
            "GET / HTTP/1.1\nHost: a\n\n",
            "GET / HTTP/1.1\r\nHost: a\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
            "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHo{st: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET / HTTZ/1.1\r\nHost: a\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
        ]
        for raw in cases { try assertRefused(ts, raw, 400) }
        try assertServing(ts)
        XCTAssertGreaterThanOrEqual(ts.server.metrics.framingErrors, cases.count)
    }

    func testOtherProtocolErrors() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        try assertRefused(ts, "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505)
        try assertRefused(ts, "GET / HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\n\r\n", 417)
        try assertServing(ts)
    }

    /// A smuggling attempt: the second request hidden in the body must never be answered.
    func testNoSecondResponseAfterSmuggling() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let smuggled = "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
        try assertRefused(ts, smuggled, 400)
    }

    func testLimits() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        // Request line over 8 KiB → 414.
        try assertRefused(ts, "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414)
        // Header section over 16 KiB → 431.
        try assertRefused(ts, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 17000) + "\r\n\r\n", 431)
        // More than 100 fields → 431.
        try assertRefused(ts, "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<200).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431)
        // Content-Length over 1 MiB → 413, without the body being read.
        try assertRefused(ts, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\nabc", 413)
        try assertServing(ts)
        // Exactly 100 fields and a 1 MiB body are fine.
        let c = try ts.connect()
        var fields = HTTPHeaders()
        for i in 0..<98 { fields.add("X-\(i)", "v") }  // + Host + Content-Length
        let r = try c.send(method: "POST", path: "/echo", headers: fields, body: [UInt8](repeating: 7, count: 1 << 20))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.body.count, 1 << 20)
        XCTAssertEqual(r.headers["X-Header-Count"], "100")
    }

    func testLargeChunkedBodyIs413() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "z"), count: 0x10000) + Array("\r\n".utf8)
        // 2 MiB in 64 KiB chunks; the server answers once the total passes 1 MiB and closes.
        for _ in 0..<32 {
            do { try c.sendRaw(chunk) } catch { break }
        }
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 413)
        XCTAssertTrue(r.closesConnection)
        XCTAssertTrue(c.waitForClose(timeout: 10))
        try assertServing(ts)
    }

    func testExpectContinue() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try c.readResponse(skipInterim: false)
        XCTAssertEqual(interim.status, 100)
        try c.sendRaw("hello")
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.bodyText, "hello")
        // Same connection, chunked with Expect.
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n")
        XCTAssertEqual(try c.readResponse(skipInterim: false).status, 100)
        try c.sendRaw("2\r\nok\r\n0\r\n\r\n")
        XCTAssertEqual(try c.readResponse().bodyText, "ok")
        // Too large: 413 at once, no 100 Continue.
        try assertRefused(ts, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n", 413)
    }

    func testExpectContinueWithBodyAlreadySentGetsNoInterim() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nhi")
        let r = try c.readResponse(skipInterim: false)
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.bodyText, "hi")
    }
}
