import AdminPages
import XCTest

final class AuditTests: XCTestCase {
    func testSecurityRelevantActionsAreAudited() throws {
        let h = AdminHarness()
        let b = h.browser()
        b.signIn("wrong password!")
        b.signIn(AdminHarness.password)
        b.get("/integrations/new")
        b.post("/integrations/new", [("name", "Okta")])
        let id = try XCTUnwrap(h.directory.integrations().first?.id)
        b.post("/integrations/\(id)/rename", [("name", "Okta 2")])
        b.get("/integrations")
        b.post("/integrations/\(id)/rotate")
        b.post("/integrations/\(id)/delete")
        b.get("/integrations")
        b.post("/logout")
        let address = "192.0.2.10"
        XCTAssertEqual(h.auditEvents, [
            .loginFailed(address: address), .loginSucceeded(address: address),
            .integrationCreated(id: id, name: "Okta", address: address),
            .integrationRenamed(id: id, name: "Okta 2", address: address),
            .tokenRotated(id: id, name: "Okta 2", address: address),
            .integrationDeleted(id: id, name: "Okta 2", address: address),
            .signedOut(address: address),
        ])
        XCTAssertEqual(h.auditEvents.first?.name, "login_failed")
    }

    func testSetupIsAudited() {
        let h = AdminHarness(passwordSet: false)
        h.send("GET", "/setup?code=wrong")
        let b = h.browser()
        b.get("/setup?code=\(AdminHarness.setupCode)")
        b.post("/setup", [("code", AdminHarness.setupCode), ("password", "a long admin passphrase"), ("confirm", "a long admin passphrase")])
        XCTAssertEqual(h.auditEvents, [.setupCodeRejected(address: "192.0.2.10"), .setupCompleted(address: "192.0.2.10")])
    }
}
