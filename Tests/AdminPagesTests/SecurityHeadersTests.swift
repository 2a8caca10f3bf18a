import AdminPages
import Crypto
import XCTest

final class SecurityHeadersTests: XCTestCase {
    static func assertHardened(_ r: Reply, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let csp = r.header("Content-Security-Policy") ?? ""
        for directive in ["default-src 'none'", "img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'",
                          "base-uri 'none'", "object-src 'none'", "style-src 'sha256-", "script-src 'sha256-"] {
            XCTAssertTrue(csp.contains(directive), "\(what): CSP lacks \(directive)", file: file, line: line)
        }
        XCTAssertFalse(csp.contains("unsafe-inline"), what, file: file, line: line)
        XCTAssertFalse(csp.contains("unsafe-eval"), what, file: file, line: line)
        XCTAssertEqual(r.header("X-Content-Type-Options"), "nosniff", what, file: file, line: line)
        XCTAssertEqual(r.header("Referrer-Policy"), "no-referrer", what, file: file, line: line)
        XCTAssertEqual(r.header("Cache-Control"), "no-store", what, file: file, line: line)
        XCTAssertEqual(r.header("X-Frame-Options"), "DENY", what, file: file, line: line)
        if !r.body.isEmpty {
            XCTAssertEqual(r.header("Content-Type"), "text/html; charset=utf-8", what, file: file, line: line)
        }
    }

    func testEveryPageAndEveryRefusalCarriesTheHeaders() {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let u = h.directory.addUser(integrationID: i.id, userName: "ann@example.com")
        let g = h.directory.addGroup(integrationID: i.id, displayName: "Sales", members: [AdminGroupMember(id: u)])
        let b = h.signedIn()
        let pages = ["/", "/integrations", "/integrations/new", "/integrations/\(i.id)", "/integrations/\(i.id)/rename",
                     "/integrations/\(i.id)/rotate", "/integrations/\(i.id)/delete", "/users", "/users/\(u)", "/groups",
                     "/groups/\(g)", "/activity", "/nope", "/logout", "/users/missing", "/login"]
        for path in pages { Self.assertHardened(b.get(path), "GET \(path) signed in") }
        let anonymous = ["/", "/login", "/setup", "/setup?code=bad", "/integrations", "/users/x", "/nope", "/logout"]
        for path in anonymous { Self.assertHardened(h.send("GET", path), "GET \(path) anonymous") }
        Self.assertHardened(h.send("PUT", "/users"), "405")
        Self.assertHardened(h.send("POST", "/login", body: "password=x"), "403 login")
        Self.assertHardened(b.post("/integrations/\(i.id)/delete", csrf: "bad"), "403")
        Self.assertHardened(b.post("/integrations/new", [("name", "Entra")]), "token page")
        Self.assertHardened(h.send("POST", "/login", body: String(repeating: "a", count: 70_000)), "413")
        let t = h.browser(remote: "203.0.113.1:1")
        for _ in 0..<5 { Self.assertHardened(t.signIn("wrong password!"), "login failure") }
        Self.assertHardened(t.signIn("wrong password!"), "429")
        Self.assertHardened(h.send("HEAD", "/login"), "HEAD")
        XCTAssertEqual(h.send("HEAD", "/login").body, "")
    }

    func testCSPHashesMatchTheInlineStyleAndScript() throws {
        let h = AdminHarness()
        let page = h.send("GET", "/login")
        let csp = try XCTUnwrap(page.header("Content-Security-Policy"))
        let style = try XCTUnwrap(Self.between("<style>", "</style>", page.body))
        let script = try XCTUnwrap(Self.between("<script>", "</script>", page.body))
        XCTAssertTrue(csp.contains("style-src 'sha256-\(Base64.encode(SHA256.hash(Array(style.utf8))))'"))
        XCTAssertTrue(csp.contains("script-src 'sha256-\(Base64.encode(SHA256.hash(Array(script.utf8))))'"))
        // Exactly one style element, one script element, and no inline handlers or style attributes.
        XCTAssertEqual(page.body.components("<script"), 1)
        XCTAssertEqual(page.body.components("<style"), 1)
        XCTAssertFalse(page.body.contains(" style=\""))
        XCTAssertFalse(page.body.contains(" onclick="))
    }

    static func between(_ a: String, _ b: String, _ s: String) -> String? {
        guard let r = s.range(of: a), let e = s.range(of: b, range: r.upperBound..<s.endIndex) else { return nil }
        return String(s[r.upperBound..<e.lowerBound])
    }
}

extension String {
    /// How many times `needle` occurs.
    func components(_ needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let r = rest.range(of: needle) {
            count += 1
            rest = rest[r.upperBound...]
        }
        return count
    }
}
