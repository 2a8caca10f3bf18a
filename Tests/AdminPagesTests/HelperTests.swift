@testable import AdminPages
import HTTPServer
import SCIMCore
import XCTest

final class HelperTests: XCTestCase {
    func testPercentEncoding() {
        XCTAssertEqual(PercentEncoding.encode("a b/c?d&e=f<g>\"é"), "a%20b%2Fc%3Fd%26e%3Df%3Cg%3E%22%C3%A9")
        XCTAssertEqual(PercentEncoding.decode("a%20b+c", plusAsSpace: true), "a b c")
        XCTAssertEqual(PercentEncoding.decode("a+b", plusAsSpace: false), "a+b")
        XCTAssertNil(PercentEncoding.decode("%", plusAsSpace: true))
        XCTAssertNil(PercentEncoding.decode("%4", plusAsSpace: true))
        XCTAssertNil(PercentEncoding.decode("%zz", plusAsSpace: true))
        XCTAssertNil(PercentEncoding.decode("%C3", plusAsSpace: true), "not UTF-8")
        XCTAssertNil(PercentEncoding.decode("%FF%FE", plusAsSpace: true))
    }

    func testFormDataParsingIsTolerantOfJunk() {
        let f = FormData(urlEncoded: "a=1&&b=two+words&c&bad=%zz&=empty&a=2&d=%E2%9C%93")
        XCTAssertEqual(f["a"], "1")
        XCTAssertEqual(f["b"], "two words")
        XCTAssertEqual(f["c"], "")
        XCTAssertNil(f["bad"])
        XCTAssertEqual(f[""], "empty")
        XCTAssertEqual(f["d"], "✓")
        XCTAssertEqual(FormData(urlEncoded: String(repeating: "x=1&", count: 10_000)).fields.count, 200)
        XCTAssertEqual(FormData(body: [0xFF, 0x3D, 0x31]).fields.count, 1)
        XCTAssertEqual(FormData(urlEncoded: "n=999999999999999999999").int("n", in: 0...10), 10)
        XCTAssertNil(FormData(urlEncoded: "n=1e3").int("n", in: 0...10))
        XCTAssertNil(FormData(urlEncoded: "n=").int("n", in: 0...10))
        XCTAssertEqual(FormData(urlEncoded: "n=-4").int("n", in: 0...10), 0)
        XCTAssertEqual(FormData.query([("q", "a&b c"), ("x", nil)]), "?q=a%26b%20c")
    }

    func testRoutes() {
        XCTAssertEqual(AdminRoute(path: "/"), .root)
        XCTAssertEqual(AdminRoute(path: "/users/"), .users)
        XCTAssertEqual(AdminRoute(path: "/users/a%2Fb"), .user("a/b"))
        XCTAssertEqual(AdminRoute(path: "/integrations/new"), .newIntegration)
        XCTAssertEqual(AdminRoute(path: "/integrations/x/rotate"), .rotateToken("x"))
        for bad in ["", "users", "//users", "/users//x", "/users/%zz", "/integrations/x/explode", "/a/b/c/d", "/api/v1/scim/Users",
                    "/users/x/y", "/USERS", "/" + String(repeating: "a", count: 3000)] {
            XCTAssertNil(AdminRoute(path: bad), bad)
        }
    }

    func testSafeRedirect() {
        XCTAssertEqual(SafeRedirect.localPath("/users?q=a"), "/users?q=a")
        for bad in [nil, "", "users", "//evil", "/\\evil", "https://evil", "/ok\u{0}", "/a b", "/logout", "/login?next=/x", "/setup?code=1"] {
            XCTAssertNil(SafeRedirect.localPath(bad), String(describing: bad))
        }
    }

    func testRequestContext() {
        let config = AdminConfiguration(trustProxy: false)
        let plain = RequestContext(request: HTTPRequest(method: "GET", target: "/", headers: HTTPHeaders([("Host", "Admin.Test:8080"), ("Cookie", "a=1; scimd_session=abc; scimd_session=def")]), remoteAddress: "[::1]:5000"), configuration: config)
        XCTAssertEqual(plain.selfOrigin, "http://admin.test:8080")
        XCTAssertEqual(plain.clientAddress, "::1")
        XCTAssertEqual(plain.cookies(named: "scimd_session"), ["abc", "def"])
        XCTAssertEqual(plain.baseURL, "http://admin.test:8080")
        let badHost = RequestContext(request: HTTPRequest(method: "GET", target: "/", headers: HTTPHeaders([("Host", "evil\"><script>")])), configuration: config)
        XCTAssertNil(badHost.host)
        XCTAssertEqual(badHost.baseURL, "http://localhost")
        let proxied = RequestContext(request: HTTPRequest(method: "GET", target: "/", headers: HTTPHeaders([("Host", "127.0.0.1:8080"), ("X-Forwarded-Proto", "https, http"), ("X-Forwarded-Host", "scim.example.com:443")]), remoteAddress: "127.0.0.1:1"),
                                     configuration: AdminConfiguration(publicBaseURL: "https://SCIM.example.com/base/", trustProxy: true))
        XCTAssertTrue(proxied.isHTTPS)
        XCTAssertEqual(proxied.selfOrigin, "https://scim.example.com")
        XCTAssertEqual(proxied.allowedOrigins, ["https://scim.example.com"])
        XCTAssertEqual(RequestContext.origin(ofBaseURL: "ftp://x"), nil)
        XCTAssertEqual(RequestContext.stripPort("10.1.2.3:80"), "10.1.2.3")
        XCTAssertEqual(RequestContext.stripPort("fe80::1"), "fe80::1")
    }

    func testUTCTime() {
        XCTAssertEqual(UTCTime.iso(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(UTCTime.iso(951_782_400_000), "2000-02-29T00:00:00Z")
        XCTAssertEqual(UTCTime.display(1_700_000_000_000), "2023-11-14 22:13 UTC")
        XCTAssertEqual(UTCTime.iso(-1000), "1969-12-31T23:59:59Z")
        XCTAssertEqual(UTCTime.relative(0, now: 5 * 60_000), "5 min ago")
        XCTAssertEqual(UTCTime.relative(0, now: 86_400_000), "1 day ago")
    }

    func testJSONFormatter() throws {
        let v = try JSONParser.parse(#"{"a":[1,{"b":"x\"y"}],"c":{},"d":[]}"#)
        XCTAssertEqual(AdminJSONFormatter.prettyPrinted(v), "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\\\"y\"\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}")
        XCTAssertEqual(try JSONParser.parse(AdminJSONFormatter.prettyPrinted(v)), v)
    }

    func testNumbersAndPlurals() {
        XCTAssertEqual(Components.number(0), "0")
        XCTAssertEqual(Components.number(1234567), "1,234,567")
        XCTAssertEqual(Components.number(-1000), "-1,000")
        XCTAssertEqual(Components.plural(1, "user", "users"), "1 user")
    }

    func testSessionStoreCapsAnonymousSessionsWithoutTouchingSignedInOnes() {
        let store = SessionStore(idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 43200, maxAnonymous: 10, maxAuthenticated: 2)
        let admin = store.create(authenticated: true, passwordRecord: "r", now: 0)
        for n in 0..<100 { _ = store.create(authenticated: false, passwordRecord: nil, now: Int64(n)) }
        XCTAssertEqual(store.count, 11)
        XCTAssertNotNil(store.touch(id: admin.id, now: 200))
        XCTAssertNil(store.touch(id: "short", now: 200))
        XCTAssertNil(store.touch(id: String(repeating: "A", count: 43), now: 200))
    }
}

final class ActivityFormattingTests: XCTestCase {
    func testShortPathDropsOnlyTheSCIMBase() {
        XCTAssertEqual(ActivityPage.shortPath("/api/v1/scim/Users?filter=userName%20eq%20%22a%22"), "/Users?filter=userName%20eq%20%22a%22")
        XCTAssertEqual(ActivityPage.shortPath("/api/v1/scim"), "/")
        XCTAssertEqual(ActivityPage.shortPath("/api/v1/scim?x"), "?x")
        XCTAssertEqual(ActivityPage.shortPath("/api/v1/scimUsers"), "/api/v1/scimUsers", "not the base followed by a path")
        XCTAssertEqual(ActivityPage.shortPath("/other"), "/other")
        XCTAssertEqual(ActivityPage.shortPath(""), "")
    }

    func testDurations() {
        XCTAssertEqual(ActivityPage.durationText(0.01), "<0.1 ms")
        XCTAssertEqual(ActivityPage.durationText(0.42), "0.4 ms")
        XCTAssertEqual(ActivityPage.durationText(12.6), "13 ms")
        XCTAssertEqual(ActivityPage.durationText(-1), "")
        XCTAssertEqual(ActivityPage.durationText(.nan), "")
        XCTAssertEqual(ActivityPage.durationText(.infinity), "")
    }
}
