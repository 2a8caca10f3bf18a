import AdminPages
import Crypto
import XCTest

final class SetupFlowTests: XCTestCase {
    func testRootRedirectsToSetupBeforeAPasswordExists() {
        let h = AdminHarness(passwordSet: false)
        XCTAssertEqual(h.send("GET", "/").location, "/setup")
        let withoutCode = h.send("GET", "/setup")
        XCTAssertEqual(withoutCode.status, 200)
        XCTAssertTrue(withoutCode.body.contains("id=\"code\""))
    }

    func testSetupWorksOnceThenIsGone() {
        let h = AdminHarness(passwordSet: false)
        let b = h.browser()
        let form = b.get("/setup?code=\(AdminHarness.setupCode)")
        XCTAssertEqual(form.status, 200)
        XCTAssertNotNil(form.csrf)
        XCTAssertNotNil(b.cookie, "the setup form gets a pre-login session for its CSRF token")
        XCTAssertTrue(form.body.contains("At least 8 and at most 128 characters"))

        let done = b.post("/setup", [("code", AdminHarness.setupCode), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase")])
        XCTAssertEqual(done.status, 303)
        XCTAssertEqual(done.location, "/integrations")
        let record = h.directory.adminPasswordRecord()
        XCTAssertNotNil(record)
        XCTAssertTrue(record!.hasPrefix("pbkdf2-sha256$1000$"), "stored with PasswordHasher")
        XCTAssertTrue(PasswordHasher.verify(password: "a long admin passphrase", record: record!))

        // Signed in straight away, with the welcome flash.
        let list = b.get("/integrations")
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.body.contains("The admin password is set"))

        // The link is dead now, for GET and POST, even with the right code.
        let again = h.browser()
        XCTAssertEqual(again.get("/setup?code=\(AdminHarness.setupCode)").status, 404)
        again.get("/login")
        let replay = again.post("/setup", [("code", AdminHarness.setupCode), ("password", "another passphrase!"), ("confirm", "another passphrase!")])
        XCTAssertEqual(replay.status, 404)
        XCTAssertEqual(h.directory.adminPasswordRecord(), record)
        XCTAssertEqual(h.send("GET", "/").location, "/login")
    }

    func testWrongSetupCodeIsRefused() {
        let h = AdminHarness(passwordSet: false)
        let r = h.send("GET", "/setup?code=not-the-code")
        XCTAssertEqual(r.status, 403)
        XCTAssertTrue(r.body.contains("not valid"))
        XCTAssertFalse(r.body.contains("id=\"password\""))

        // A POST with a wrong code (and a valid pre-login session) sets nothing.
        let b = h.browser()
        b.get("/login")
        let post = b.post("/setup", [("code", "guess"), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase")])
        XCTAssertEqual(post.status, 403)
        XCTAssertNil(h.directory.adminPasswordRecord())
    }

    func testSetupCodeGuessesAreThrottled() {
        let h = AdminHarness(passwordSet: false)
        for _ in 0..<5 { XCTAssertEqual(h.send("GET", "/setup?code=guess").status, 403) }
        let blocked = h.send("GET", "/setup?code=\(AdminHarness.setupCode)")
        XCTAssertEqual(blocked.status, 429)
        XCTAssertNotNil(blocked.header("Retry-After"))
    }

    func testPasswordPolicyMessagesAreShown() {
        let h = AdminHarness(passwordSet: false)
        let b = h.browser()
        b.get("/setup?code=\(AdminHarness.setupCode)")
        let short = b.post("/setup", [("code", AdminHarness.setupCode), ("password", "short"), ("confirm", "short")])
        XCTAssertEqual(short.status, 422)
        XCTAssertTrue(short.body.contains(PasswordPolicy.Violation.tooShort.message))
        let common = b.post("/setup", [("code", AdminHarness.setupCode), ("password", "password123"), ("confirm", "password123")])
        XCTAssertEqual(common.status, 422)
        XCTAssertTrue(common.body.contains("too common"))
        let long = String(repeating: "x", count: 129)
        XCTAssertTrue(b.post("/setup", [("code", AdminHarness.setupCode), ("password", long), ("confirm", long)]).body.contains("at most 128"))
        let mismatch = b.post("/setup", [("code", AdminHarness.setupCode), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase?")])
        XCTAssertTrue(mismatch.body.contains("not the same"))
        XCTAssertNil(h.directory.adminPasswordRecord())
        // 128 characters is accepted.
        let max = String(repeating: "y", count: 127) + "z"
        XCTAssertEqual(b.post("/setup", [("code", AdminHarness.setupCode), ("password", max), ("confirm", max)]).status, 303)
    }

    func testNoSetupWithoutACode() {
        let h = AdminHarness(passwordSet: false, setupCode: nil)
        XCTAssertEqual(h.send("GET", "/").location, "/login")
        XCTAssertEqual(h.send("GET", "/setup?code=anything").status, 404)
        let login = h.send("GET", "/login")
        XCTAssertTrue(login.body.contains("admin set-password"))
        XCTAssertFalse(login.body.contains("id=\"password\""))
    }

    func testSetupFailsCleanlyWhenTheStoreCannotWrite() {
        let h = AdminHarness(passwordSet: false)
        h.directory.state.withLock { $0.failWrites = .storage("disk full") }
        let b = h.browser()
        b.get("/setup?code=\(AdminHarness.setupCode)")
        let r = b.post("/setup", [("code", AdminHarness.setupCode), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase")])
        XCTAssertEqual(r.status, 500)
        XCTAssertTrue(r.body.contains("disk full"))
        XCTAssertNil(r.sessionCookie)
        // Still usable afterwards.
        h.directory.state.withLock { $0.failWrites = nil }
        XCTAssertEqual(b.post("/setup", [("code", AdminHarness.setupCode), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase")]).status, 303)
    }
}
