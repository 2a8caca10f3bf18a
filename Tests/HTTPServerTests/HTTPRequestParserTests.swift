@testable import HTTPServer
import XCTest

final class HTTPRequestParserTests: XCTestCase {
    private let limits = HTTPParserLimits(maxBodyBytes: 100, maxHeaderBytes: 200, maxHeaderCount: 5, maxRequestLineBytes: 50)

    private enum Outcome: Equatable {
        case request(method: String, target: String, body: String, rest: Int)
        case error(Int)
        case incomplete
    }

    /// Feeds `text` in pieces of `step` bytes (all at once for 0), as the event loop does.
    private func parse(_ text: String, step: Int = 0, limits: HTTPParserLimits? = nil) -> Outcome {
        var parser = HTTPRequestParser(limits: limits ?? self.limits)
        let bytes = Array(text.utf8)
        var pending: [UInt8] = []
        var fed = 0
        while fed < bytes.count || !pending.isEmpty {
            let take = step == 0 ? bytes.count - fed : min(step, bytes.count - fed)
            pending.append(contentsOf: bytes[fed..<(fed + take)])
            fed += take
            var progressed = true
            while progressed {
                progressed = false
                let step = pending.withUnsafeBufferPointer { parser.parse($0) }
                switch step {
                case .needMore(let c):
                    pending.removeFirst(c)
                case .headComplete(let c):
                    pending.removeFirst(c)
                    progressed = true
                case .messageComplete(let c):
                    pending.removeFirst(c)
                    guard let (head, body) = parser.takeRequest() else { return .incomplete }
                    let rest = pending.count + (bytes.count - fed)
                    return .request(method: head.method, target: head.target, body: String(decoding: body, as: UTF8.self), rest: rest)
                case .failure(let e):
                    return .error(e.status)
                }
            }
            if take == 0 { break }
        }
        return .incomplete
    }

    private func assertAllSplits(_ text: String, _ expected: Outcome, file: StaticString = #filePath, line: UInt = #line) {
        for step in [0, 1, 2, 3, 7] {
            XCTAssertEqual(parse(text, step: step), expected, "step \(step)", file: file, line: line)
        }
    }

    func testSimpleRequests() {
        assertAllSplits("GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n", .request(method: "GET", target: "/a?b=c", body: "", rest: 0))
        assertAllSplits("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET", .request(method: "POST", target: "/p", body: "hello", rest: 3))
        assertAllSplits("PATCH / HTTP/1.0\r\n\r\n", .request(method: "PATCH", target: "/", body: "", rest: 0))
        assertAllSplits("\r\n\r\nGET / HTTP/1.1\r\n\r\n", .request(method: "GET", target: "/", body: "", rest: 0))
        assertAllSplits("M-SEARCH * HTTP/1.1\r\nHost: x\r\n\r\n", .request(method: "M-SEARCH", target: "*", body: "", rest: 0))
    }

    func testHeadFields() {
        var parser = HTTPRequestParser(limits: limits)
        let bytes = Array("GET / HTTP/1.1\r\nHost:  a b \t\r\nX-Empty:\r\nconnection: Keep-Alive, CLOSE\r\n\r\n".utf8)
        let step = bytes.withUnsafeBufferPointer { parser.parse($0) }
        XCTAssertEqual(step, .messageComplete(consumed: bytes.count))
        let head = parser.takeRequest()?.head
        XCTAssertEqual(head?.headers.map(\.name), ["Host", "X-Empty", "connection"])
        XCTAssertEqual(head?.headers.map(\.value), ["a b", "", "Keep-Alive, CLOSE"])
        XCTAssertEqual(head?.keepAlive, false)
    }

    func testKeepAliveDefaults() {
        func keepAlive(_ text: String) -> Bool? {
            var parser = HTTPRequestParser(limits: limits)
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { parser.parse($0) }
            return parser.takeRequest()?.head.keepAlive
        }
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\n\r\n"), true)
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), true)
        XCTAssertEqual(keepAlive("GET / HTTP/1.2\r\n\r\n"), true)
    }

    func testChunkedBodies() {
        assertAllSplits("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1;x=\"y\"\r\n world\r\n0\r\n\r\n",
                        .request(method: "POST", target: "/", body: "hello world", rest: 0))
        assertAllSplits("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\nA \r\n0123456789\r\n0\r\nTrailer: x\r\nOther: y\r\n\r\nX",
                        .request(method: "POST", target: "/", body: "0123456789", rest: 1))
        assertAllSplits("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .request(method: "POST", target: "/", body: "", rest: 0))
    }

    func testFramingErrors() {
        let cases: [(String, Int)] = [
            ("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding:\r\n\r\n", 400),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 0x3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\r\n  folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\tX: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\n\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\ry: z\r\n\r\n", 400),
            ("GET / HTTP/1.1\rHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX@Y: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\u{01}b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\u{7F}\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\u{00}\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1 \r\n\r\n", 400),
            ("GET /\u{7F} HTTP/1.1\r\n\r\n", 400),
            ("GET /é HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTX/1.1\r\n\r\n", 400),
            ("GET / http/1.1\r\n\r\n", 400),
            ("GET / HTTP/11\r\n\r\n", 400),
            ("GET /\r\n\r\n", 400),
            (" GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / HTTP/0.9\r\n\r\n", 505),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n", 417),
            ("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "a", count: 64) + "\r\n40\r\n", 413),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", 413),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;\u{01}\r\nabc\r\n0\r\n\r\n", 400),
            ("GET /" + String(repeating: "a", count: 60) + " HTTP/1.1\r\n\r\n", 414),
            ("GET /" + String(repeating: "a", count: 60), 414),
            ("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 250) + "\r\n\r\n", 431),
            ("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 250), 431),
            ("GET / HTTP/1.1\r\n" + String(repeating: "A: b\r\n", count: 6) + "\r\n", 431),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + String(repeating: "t", count: 250) + "\r\n\r\n", 431),
            (String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\n\r\n", 400),
        ]
        for (text, status) in cases {
            for step in [0, 1, 5] {
                XCTAssertEqual(parse(text, step: step), .error(status), "\(text.debugDescription) step \(step)")
            }
        }
    }

    func testLimitsAreInclusive() {
        // Exactly at the limits is accepted.
        let line = "GET /" + String(repeating: "a", count: 50 - 14) + " HTTP/1.1"
        XCTAssertEqual(line.utf8.count, 50)
        XCTAssertEqual(parse(line + "\r\n\r\n"), .request(method: "GET", target: "/" + String(repeating: "a", count: 36), body: "", rest: 0))
        XCTAssertEqual(parse("GET / HTTP/1.1\r\n" + String(repeating: "A: b\r\n", count: 5) + "\r\n"), .request(method: "GET", target: "/", body: "", rest: 0))
        let field = "X: " + String(repeating: "v", count: 200 - 7) + "\r\n"
        XCTAssertEqual(parse("GET / HTTP/1.1\r\n" + field + "\r\n"), .request(method: "GET", target: "/", body: "", rest: 0))
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nX: v" + field + "\r\n"), .error(431))
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + String(repeating: "b", count: 100)),
                       .request(method: "POST", target: "/", body: String(repeating: "b", count: 100), rest: 0))
    }

    func testIncompleteInputWaits() {
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nHost: x\r\n"), .incomplete)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"), .incomplete)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), .incomplete)
        XCTAssertEqual(parse("\r"), .incomplete)
    }

    /// Random bytes never crash the parser and always end in a request, an error, or waiting.
    func testGarbageNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("GET /HTP1.0\r\n: \tChunkd-Lg;=xTransfer-Encoding0123456789abcdef\u{0}\u{7F}".utf8)
        for _ in 0..<2000 {
            let n = Int.random(in: 0..<120, using: &rng)
            var bytes = Array("POST / HTTP/1.1\r\n".utf8)
            for _ in 0..<n { bytes.append(alphabet.randomElement(using: &rng)!) }
            var parser = HTTPRequestParser(limits: limits)
            var pending = bytes[...]
            loop: while !pending.isEmpty {
                let step = Array(pending).withUnsafeBufferPointer { parser.parse($0) }
                switch step {
                case .needMore(let c): if c == 0 { break loop }; pending = pending.dropFirst(c)
                case .headComplete(let c): pending = pending.dropFirst(c)
                case .messageComplete: break loop
                case .failure(let e): XCTAssertTrue([400, 413, 414, 417, 431, 505].contains(e.status)); break loop
                }
            }
        }
    }
}
