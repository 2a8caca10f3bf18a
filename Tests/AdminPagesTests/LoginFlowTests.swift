import AdminPages
import XCTest

final class LoginFlowTests: XCTestCase {
    func testLoginSucceedsAndOpensTheConsole() {
        let h = AdminHarness()
        let b = h.browser()
        XCTAssertEqual(b.get("/integrations").location, "/login?next=%2Fintegrations")
        let r = b.signIn(AdminHarness.password)
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.location, "/integrations")
        let page = b.get("/integrations")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("Sign out"))
        XCTAssertEqual(h.send("GET", "/", headers: [("Cookie", "scimd_session=\(b.cookie!)")]).location, "/integrations")
    }

    func testWrongPasswordIsRefused() {
        let h = AdminHarness()
        let b = h.browser()
        let r = b.signIn("not the password")
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.body.contains("That password is not correct."))
        XCTAssertNil(r.sessionCookie)
        XCTAssertEqual(b.get("/integrations").status, 303)
        XCTAssertEqual(b.signIn("").status, 200)
    }

    func testSessionCookieAttributes() {
        let h = AdminHarness()
        let r = h.browser().signIn(AdminHarness.password)
        let cookie = r.setCookies.first { $0.hasPrefix("scimd_session=") }!
        let parts = cookie.split(separator: ";").map { String($0.drop { $0 == " " }) }
        XCTAssertTrue(parts.contains("HttpOnly"))
        XCTAssertTrue(parts.contains("SameSite=Strict"))
        XCTAssertTrue(parts.contains("Path=/"))
        XCTAssertFalse(parts.contains("Secure"), "plain HTTP without a trusted proxy")
        XCTAssertFalse(cookie.contains("Domain"))
        // 256 random bits, base64url.
        XCTAssertEqual(r.sessionCookie?.count, 43)

        // Untrusted X-Forwarded-Proto changes nothing.
        let spoof = h.browser()
        spoof.extraHeaders = [("X-Forwarded-Proto", "https")]
        XCTAssertFalse(spoof.signIn(AdminHarness.password).setCookies.joined().contains("Secure"))
    }

    func testSecureCookieBehindATrustedHTTPSProxy() {
        let h = AdminHarness(trustProxy: true)
        let b = h.browser()
        b.extraHeaders = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "scim.example.com"), ("X-Forwarded-For", "203.0.113.9")]
        let r = b.signIn(AdminHarness.password)
        XCTAssertEqual(r.status, 303)
        XCTAssertTrue(r.setCookies.first { $0.hasPrefix("scimd_session=") }!.hasSuffix("; Secure"))
        XCTAssertEqual(r.header("Strict-Transport-Security"), "max-age=31536000")
        let details = b.get("/integrations/new")
        XCTAssertEqual(details.status, 200)
    }

    func testNewSessionIDAtLoginPreventsFixation() {
        let h = AdminHarness()
        let b = h.browser()
        b.get("/login")
        let preLogin = b.cookie!
        let r = b.post("/login", [("password", AdminHarness.password)])
        let postLogin = r.sessionCookie!
        XCTAssertNotEqual(preLogin, postLogin)
        // The pre-login id opens nothing (and is gone).
        XCTAssertEqual(h.send("GET", "/integrations", headers: [("Cookie", "scimd_session=\(preLogin)")]).status, 303)
        XCTAssertEqual(h.send("GET", "/integrations", headers: [("Cookie", "scimd_session=\(postLogin)")]).status, 200)
    }

    func testIdleTimeout() {
        let h = AdminHarness()
        let b = h.signedIn()
        h.clock.advance(seconds: 29 * 60)
        XCTAssertEqual(b.get("/users").status, 200, "activity keeps the session alive")
        h.clock.advance(seconds: 29 * 60)
        XCTAssertEqual(b.get("/users").status, 200)
        h.clock.advance(seconds: 30 * 60)
        let r = b.get("/users")
        XCTAssertEqual(r.status, 303)
        XCTAssertTrue(r.location!.hasPrefix("/login"))
    }

    func testAbsoluteTimeout() {
        let h = AdminHarness()
        let b = h.signedIn()
        for _ in 0..<(12 * 60 / 20 - 1) {
            h.clock.advance(seconds: 20 * 60)
            XCTAssertEqual(b.get("/groups").status, 200)
        }
        h.clock.advance(seconds: 20 * 60)
        XCTAssertEqual(b.get("/groups").status, 303, "12 hours after login the session ends however active")
    }

    func testLogoutRevokesTheSessionServerSide() {
        let h = AdminHarness()
        let b = h.signedIn()
        let id = b.cookie!
        b.get("/integrations")
        let r = b.post("/logout")
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.location, "/login?signed_out=1")
        XCTAssertTrue(r.setCookies.contains { $0.hasPrefix("scimd_session=;") && $0.contains("Max-Age=0") })
        // Replaying the old cookie does not work.
        XCTAssertEqual(h.send("GET", "/integrations", headers: [("Cookie", "scimd_session=\(id)")]).status, 303)
        XCTAssertTrue(h.send("GET", "/login?signed_out=1").body.contains("You have signed out."))
    }

    func testAPasswordChangeEndsSessions() {
        let h = AdminHarness()
        let b = h.signedIn()
        h.directory.setPassword("a different passphrase")
        XCTAssertEqual(b.get("/integrations").status, 303)
    }

    func testABearerTokenOpensNoAdminPage() {
        let h = AdminHarness()
        let (_, token) = h.directory.addIntegration(name: "Okta")
        for path in ["/integrations", "/users", "/groups", "/activity", "/integrations/int-1"] {
            let r = h.send("GET", path, headers: [("Authorization", "Bearer \(token)")])
            XCTAssertEqual(r.status, 303, path)
            XCTAssertTrue(r.location!.hasPrefix("/login"), path)
        }
        let post = h.send("POST", "/integrations/new", headers: [("Authorization", "Bearer \(token)")], body: "name=x")
        XCTAssertEqual(post.status, 303)
        XCTAssertEqual(h.directory.integrations().count, 1)
    }

    func testNextParameterIsFollowedOnlyForLocalPaths() {
        let h = AdminHarness()
        let b = h.browser()
        let first = b.get("/users?q=ann")
        XCTAssertEqual(first.location, "/login?next=%2Fusers%3Fq%3Dann")
        b.get(first.location!)
        XCTAssertEqual(b.post("/login", [("password", AdminHarness.password), ("next", "/users?q=ann")]).location, "/users?q=ann")

        for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
            let c = h.browser()
            c.get("/login")
            XCTAssertEqual(c.post("/login", [("password", AdminHarness.password), ("next", evil)]).location, "/integrations", evil)
        }
    }

    func testLoginWorksWithARealBackgroundThread() {
        // The default executor: the verification and the reply happen on a Dispatch thread.
        let h = AdminHarness(executor: AdminConfiguration.dispatchExecutor)
        XCTAssertEqual(h.browser().signIn(AdminHarness.password).status, 303)
    }

    func testExpiredLoginFormGetsAFreshOne() {
        let h = AdminHarness()
        let b = h.browser()
        b.get("/login")
        h.clock.advance(seconds: 31 * 60)
        let r = b.post("/login", [("password", AdminHarness.password)])
        XCTAssertEqual(r.status, 403)
        XCTAssertTrue(r.body.contains("expired"))
        XCTAssertNotNil(r.sessionCookie)
        XCTAssertEqual(b.post("/login", [("password", AdminHarness.password)]).status, 303)
    }
}
