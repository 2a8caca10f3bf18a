@testable import HTTPServer
import XCTest

final class HTTPResponseWritingTests: XCTestCase {
    private let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

    private func head(_ r: HTTPResponse, isHEAD: Bool = false, keepAlive: Bool = true, http10: Bool = false) -> (String, HTTPResponseSerializer.Plan) {
        var out: [UInt8] = []
        let plan = HTTPResponseSerializer.writeHead(r, isHEAD: isHEAD, keepAlive: keepAlive, http10KeepAlive: http10, date: date, into: &out)
        return (String(decoding: out, as: UTF8.self), plan)
    }

    func testStatusLineAndFraming() {
        let (text, plan) = head(HTTPResponse(status: 201, headers: ["Location": "/x", "content-length": "5", "Date": "old"], body: Array("hello".utf8)))
        XCTAssertEqual(text, "HTTP/1.1 201 Created\r\nLocation: /x\r\nContent-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n")
        XCTAssertTrue(plan.sendBody)
        XCTAssertFalse(plan.close)
    }

    func testBodylessStatusesAndHEAD() {
        let (noContent, p1) = head(HTTPResponse(status: 204, body: [1, 2]))
        XCTAssertFalse(noContent.contains("Content-Length"))
        XCTAssertFalse(p1.sendBody)
        let (notModified, p2) = head(HTTPResponse(status: 304))
        XCTAssertFalse(notModified.contains("Content-Length"))
        XCTAssertFalse(p2.sendBody)
        let (h, p3) = head(HTTPResponse(status: 200, body: Array("abc".utf8)), isHEAD: true)
        XCTAssertTrue(h.contains("Content-Length: 3\r\n"))
        XCTAssertFalse(p3.sendBody)
        let (declared, _) = head(HTTPResponse(status: 200, headers: ["Content-Length": "42"]), isHEAD: true)
        XCTAssertTrue(declared.contains("Content-Length: 42\r\n"))
    }

    func testConnectionHeaders() {
        let (closing, p1) = head(HTTPResponse(status: 200), keepAlive: false)
        XCTAssertTrue(closing.contains("Connection: close\r\n"))
        XCTAssertTrue(p1.close)
        let (asked, p2) = head(HTTPResponse(status: 200, headers: ["Connection": "close"]))
        XCTAssertTrue(asked.contains("Connection: close\r\n"))
        XCTAssertTrue(p2.close)
        let (old, _) = head(HTTPResponse(status: 200), http10: true)
        XCTAssertTrue(old.contains("Connection: keep-alive\r\n"))
    }

    func testHeaderInjectionIsNeutralised() {
        let (text, _) = head(HTTPResponse(status: 200, headers: ["X-A": "1\r\nSet-Cookie: x=1", "Bad Name": "v", "X-B": "ok"]))
        XCTAssertTrue(text.contains("X-A: 1  Set-Cookie: x=1\r\n"))
        XCTAssertFalse(text.contains("Bad Name"))
        XCTAssertTrue(text.contains("X-B: ok\r\n"))
    }

    func testReasonPhrasesAndOddStatuses() {
        XCTAssertEqual(HTTPReasonPhrase.phrase(for: 413).description, "Content Too Large")
        XCTAssertEqual(HTTPReasonPhrase.phrase(for: 431).description, "Request Header Fields Too Large")
        XCTAssertEqual(HTTPReasonPhrase.phrase(for: 299).description, "Success")
        XCTAssertTrue(head(HTTPResponse(status: 42)).0.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        XCTAssertTrue(head(HTTPResponse(status: 100)).0.hasPrefix("HTTP/1.1 500 "))
    }

    func testDateFormatting() {
        XCTAssertEqual(String(decoding: HTTPDateCache.format(epochSeconds: 784_111_777), as: UTF8.self), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(String(decoding: HTTPDateCache.format(epochSeconds: 0), as: UTF8.self), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(String(decoding: HTTPDateCache.format(epochSeconds: 951_782_400), as: UTF8.self), "Tue, 29 Feb 2000 00:00:00 GMT")
        XCTAssertEqual(String(decoding: HTTPDateCache.format(epochSeconds: 4_102_444_799), as: UTF8.self), "Thu, 31 Dec 2099 23:59:59 GMT")
        var cache = HTTPDateCache()
        cache.refresh(wallMilliseconds: 784_111_777_123)
        XCTAssertEqual(String(decoding: cache.bytes, as: UTF8.self), "Sun, 06 Nov 1994 08:49:37 GMT")
        cache.refresh(wallMilliseconds: 784_111_778_000)
        XCTAssertEqual(String(decoding: cache.bytes, as: UTF8.self), "Sun, 06 Nov 1994 08:49:38 GMT")
    }

    func testErrorBodyIsSCIMShaped() {
        let r = HTTPErrorResponse.make(status: 400, detail: "bad \"thing\"")
        XCTAssertEqual(r.headers["Content-Type"], "application/scim+json")
        XCTAssertEqual(String(decoding: r.body, as: UTF8.self),
                       #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","detail":"bad \"thing\""}"#)
    }

    func testHeaderNamesCompareCaseInsensitively() {
        let h: HTTPHeaders = ["Content-Type": "a", "X-Thing": "b"]
        XCTAssertEqual(h["content-type"], "a")
        XCTAssertEqual(h["X-THING"], "b")
        XCTAssertNil(h["X-Thin"])
        XCTAssertFalse(HTTPHeaders.namesEqual("a-b", "A\rB"))
        XCTAssertFalse(HTTPHeaders.namesEqual("[", "{"))
    }
}
