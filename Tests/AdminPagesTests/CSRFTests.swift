import AdminPages
import XCTest

final class CSRFTests: XCTestCase {
    private func signedInWithIntegration() -> (AdminHarness, Browser, AdminIntegration) {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let b = h.signedIn()
        b.get("/integrations")
        return (h, b, i)
    }

    func testMissingOrWrongTokenIsRefused() {
        let (h, b, i) = signedInWithIntegration()
        XCTAssertEqual(b.post("/integrations/\(i.id)/delete", csrf: .some(nil)).status, 403)
        XCTAssertEqual(b.post("/integrations/\(i.id)/delete", csrf: "wrong").status, 403)
        XCTAssertEqual(b.post("/integrations/\(i.id)/delete", csrf: "").status, 403)
        XCTAssertEqual(b.post("/integrations/new", [("name", "x")], csrf: .some(nil)).status, 403)
        XCTAssertEqual(b.post("/logout", csrf: "nope").status, 403)
        XCTAssertNotNil(h.directory.integration(id: i.id))
        XCTAssertEqual(h.directory.integrations().count, 1)
        XCTAssertEqual(b.get("/integrations").status, 200, "still signed in")
    }

    func testAnotherSessionsTokenIsRefused() {
        let (h, b, i) = signedInWithIntegration()
        let other = h.signedIn()
        other.get("/integrations")
        XCTAssertEqual(b.post("/integrations/\(i.id)/delete", csrf: other.lastCSRF).status, 403)
    }

    func testCrossOriginPostsAreRefusedEvenWithTheToken() {
        let (h, b, i) = signedInWithIntegration()
        let refusals: [[(String, String)]] = [
            [("Origin", "https://evil.example")],
            [("Origin", "http://admin.test.evil.example")],
            [("Origin", "https://admin.test")],                      // wrong scheme
            [("Sec-Fetch-Site", "cross-site")],
            [("Sec-Fetch-Site", "same-site")],
            [("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
            [("Origin", "http://admin.test"), ("Sec-Fetch-Site", "cross-site")],
        ]
        for headers in refusals {
            XCTAssertEqual(b.post("/integrations/\(i.id)/delete", headers: headers).status, 403, "\(headers)")
        }
        XCTAssertNotNil(h.directory.integration(id: i.id))
        // The real origin, with or without a default port, is accepted.
        XCTAssertEqual(b.post("/integrations/\(i.id)/rename", [("name", "A")], headers: [("Origin", "http://admin.test")]).status, 303)
        b.get("/integrations")
        XCTAssertEqual(b.post("/integrations/\(i.id)/rename", [("name", "B")], headers: [("Origin", "http://admin.test:80")]).status, 303)
        b.get("/integrations")
        XCTAssertEqual(b.post("/integrations/\(i.id)/rename", [("name", "C")], headers: [("Sec-Fetch-Site", "same-origin")]).status, 303)
    }

    func testConfiguredPublicOriginIsAccepted() {
        let h = AdminHarness(publicBaseURL: "https://scim.example.com")
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let b = h.signedIn()
        b.get("/integrations")
        XCTAssertEqual(b.post("/integrations/\(i.id)/rename", [("name", "A")], headers: [("Origin", "https://scim.example.com")]).status, 303)
    }

    func testLoginFormNeedsItsTokenToo() {
        let h = AdminHarness()
        let b = h.browser()
        b.get("/login")
        XCTAssertEqual(b.post("/login", [("password", AdminHarness.password)], csrf: "forged").status, 403)
        XCTAssertEqual(b.post("/login", [("password", AdminHarness.password)], headers: [("Origin", "https://evil.example")]).status, 403)
        // Login CSRF without any session: refused, a fresh form is offered.
        let bare = h.send("POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "password=x")
        XCTAssertEqual(bare.status, 403)
        XCTAssertNil(bare.location)
    }

    func testGetOnPostRoutesIs405() {
        let (h, b, i) = signedInWithIntegration()
        for path in ["/logout", "/integrations/\(i.id)/done"] {
            let r = b.get(path)
            XCTAssertEqual(r.status, 405, path)
            XCTAssertEqual(r.header("Allow"), "POST", path)
            XCTAssertEqual(h.send("HEAD", path).status, 405, path)
        }
        XCTAssertEqual(b.get("/integrations").status, 200, "GET /logout did not sign out")
    }

    func testOtherMethodsAre405() {
        let (h, _, i) = signedInWithIntegration()
        for (method, path) in [("PUT", "/integrations/new"), ("DELETE", "/integrations/\(i.id)"), ("PATCH", "/users"),
                               ("POST", "/users"), ("POST", "/integrations"), ("POST", "/activity"), ("TRACE", "/login")] {
            let r = h.send(method, path)
            XCTAssertEqual(r.status, 405, "\(method) \(path)")
            XCTAssertNotNil(r.header("Allow"))
        }
    }
}
