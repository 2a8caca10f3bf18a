import AdminPages
import Crypto
import XCTest

final class IntegrationFlowTests: XCTestCase {
    func testAddIntegrationShowsTheTokenOnceAndDoneNeedsTheCheckbox() throws {
        let h = AdminHarness()
        let b = h.signedIn()
        let list = b.get("/integrations")
        XCTAssertTrue(list.body.contains("Add SCIM integration"))
        let form = b.get("/integrations/new")
        XCTAssertTrue(form.body.contains("id=\"generate-token\""))
        XCTAssertTrue(form.body.contains(">Generate token<"))

        let page = b.post("/integrations/new", [("name", "Okta production")])
        XCTAssertEqual(page.status, 200)
        let integration = try XCTUnwrap(h.directory.integrations().first)
        let token = try XCTUnwrap(h.directory.token(of: integration.id))
        XCTAssertTrue(BearerToken.looksValid(token))
        XCTAssertEqual(page.textAreaValue(id: "token"), token, "the token is shown in a readonly field")
        XCTAssertTrue(page.body.contains("<textarea id=\"token\" name=\"token\" rows=\"2\" readonly"), "that wraps, so all of it is visible")
        XCTAssertTrue(page.body.contains("data-copy=\"token\""), "with a copy button")
        XCTAssertEqual(page.inputValue(id: "scim-url"), "http://admin.test/api/v1/scim")
        XCTAssertTrue(page.body.contains("I have copied the token"))
        XCTAssertTrue(page.body.contains("will not be visible again"))
        XCTAssertEqual(page.header("Cache-Control"), "no-store")

        // Done without the box: the page comes back, without the token, offering a rotation.
        let refused = b.post("/integrations/\(integration.id)/done", [])
        XCTAssertEqual(refused.status, 422)
        XCTAssertFalse(refused.body.contains(token))
        XCTAssertTrue(refused.body.contains("I have copied the token"))
        XCTAssertTrue(refused.body.contains("not shown again"))
        XCTAssertTrue(refused.body.contains("/integrations/\(integration.id)/rotate"))

        // Done with the box: back to the list, with a confirmation.
        let done = b.post("/integrations/\(integration.id)/done", [("copied", "yes")])
        XCTAssertEqual(done.status, 303)
        XCTAssertEqual(done.location, "/integrations")
        let after = b.get("/integrations")
        XCTAssertTrue(after.body.contains("is ready"))
        XCTAssertTrue(after.body.contains("Okta production"))
        XCTAssertTrue(after.body.contains(integration.tokenHint))
        // The row's ellipsis menu opens over the page: its table is not a clipping scroll box (on wide screens).
        XCTAssertTrue(after.body.contains("<div class=\"card card-flush menu-host\"><div class=\"table-wrap\"><table id=\"integrations-table\" class=\"stack\">"))
        XCTAssertTrue(after.body.contains("<td class=\"num\" data-label=\"Users\">"), "on a phone each row is a block with labelled values")
        XCTAssertTrue(after.body.contains(".menu-host,.menu-host .table-wrap{overflow:visible}"))
        XCTAssertTrue(after.body.contains("<summary aria-label=\"Actions for Okta production\">"))

        // No later page shows the token.
        for path in ["/integrations", "/integrations/\(integration.id)", "/integrations/\(integration.id)/rotate",
                     "/integrations/\(integration.id)/rename", "/integrations/\(integration.id)/delete", "/activity", "/users"] {
            XCTAssertFalse(b.get(path).body.contains(token), path)
        }
    }

    func testNamesAreValidatedAndUnique() {
        let h = AdminHarness()
        let b = h.signedIn()
        b.get("/integrations/new")
        let empty = b.post("/integrations/new", [("name", "   ")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertTrue(empty.body.contains("Enter a name"))
        XCTAssertEqual(b.post("/integrations/new", [("name", "Entra")]).status, 200)
        b.get("/integrations/new")
        let dup = b.post("/integrations/new", [("name", "entra")])
        XCTAssertEqual(dup.status, 409)
        XCTAssertTrue(dup.body.contains("already has this name"))
        XCTAssertEqual(h.directory.integrations().count, 1)
        XCTAssertEqual(b.post("/integrations/new", [("name", String(repeating: "n", count: 101))]).status, 422)
    }

    func testDetailsPage() {
        let h = AdminHarness(publicBaseURL: "https://scim.example.com/")
        let (i, _) = h.directory.addIntegration(name: "Entra ID")
        _ = h.directory.addUser(integrationID: i.id, userName: "ann@example.com")
        h.directory.addActivity(AdminActivity(time: h.clock.now, integrationID: i.id, integrationName: i.name, method: "GET",
                                              path: "/api/v1/scim/Users", status: 200))
        let b = h.signedIn()
        let page = b.get("/integrations/\(i.id)")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.inputValue(id: "scim-url"), "https://scim.example.com/api/v1/scim")
        XCTAssertTrue(page.body.contains("id=\"user-count\" href=\"/users?integration=\(i.id)\">1<"))
        XCTAssertTrue(page.body.contains(i.tokenHint))
        XCTAssertTrue(page.body.contains("GET /api/v1/scim/Users"))
        for tab in ["guide-entra", "guide-okta", "guide-onelogin", "guide-jumpcloud"] {
            XCTAssertTrue(page.body.contains("href=\"#\(tab)\""), tab)
            XCTAssertTrue(page.body.contains("id=\"\(tab)\""), tab)
        }
        XCTAssertEqual(h.send("GET", "/integrations/nope", headers: [("Cookie", "scimd_session=\(b.cookie!)")]).status, 404)
    }

    func testRename() {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta")
        h.directory.addIntegration(name: "Entra")
        let b = h.signedIn()
        let form = b.get("/integrations/\(i.id)/rename")
        XCTAssertEqual(form.inputValue(id: "name"), "Okta")
        let dup = b.post("/integrations/\(i.id)/rename", [("name", "ENTRA")])
        XCTAssertEqual(dup.status, 409)
        let r = b.post("/integrations/\(i.id)/rename", [("name", "Okta (prod)")])
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.location, "/integrations/\(i.id)")
        XCTAssertEqual(h.directory.integration(id: i.id)?.name, "Okta (prod)")
        XCTAssertTrue(b.get(r.location!).body.contains("Renamed to “Okta (prod)”"))
    }

    func testRotateShowsTheNewTokenOnce() throws {
        let h = AdminHarness()
        let (i, oldToken) = h.directory.addIntegration(name: "JumpCloud")
        let b = h.signedIn()
        let confirm = b.get("/integrations/\(i.id)/rotate")
        XCTAssertTrue(confirm.body.contains("stops working immediately"))
        XCTAssertEqual(h.directory.token(of: i.id), oldToken, "GET changes nothing")

        let page = b.post("/integrations/\(i.id)/rotate")
        XCTAssertEqual(page.status, 200)
        let newToken = try XCTUnwrap(h.directory.token(of: i.id))
        XCTAssertNotEqual(newToken, oldToken)
        XCTAssertNil(h.directory.integrationID(forToken: oldToken), "the old token stops working")
        XCTAssertEqual(page.textAreaValue(id: "token"), newToken)
        XCTAssertTrue(page.body.contains("I have copied the token"))
        XCTAssertFalse(page.body.contains(oldToken))
        XCTAssertEqual(b.post("/integrations/\(i.id)/done", [("copied", "yes")]).status, 303)
        XCTAssertFalse(b.get("/integrations/\(i.id)").body.contains(newToken))
    }

    func testDeleteConfirmStatesCountsThenDeletes() {
        let h = AdminHarness()
        let (i, token) = h.directory.addIntegration(name: "OneLogin")
        for n in 0..<3 { _ = h.directory.addUser(integrationID: i.id, userName: "user\(n)@example.com") }
        _ = h.directory.addGroup(integrationID: i.id, displayName: "Sales")
        let b = h.signedIn()
        let confirm = b.get("/integrations/\(i.id)/delete")
        XCTAssertEqual(confirm.status, 200)
        XCTAssertTrue(confirm.body.contains("<strong>3 users</strong> and <strong>1 group</strong> are deleted with it"))
        XCTAssertNotNil(h.directory.integration(id: i.id), "GET deletes nothing")

        let r = b.post("/integrations/\(i.id)/delete")
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.location, "/integrations")
        XCTAssertNil(h.directory.integration(id: i.id))
        XCTAssertNil(h.directory.integrationID(forToken: token))
        XCTAssertEqual(h.directory.users(AdminUserQuery()).total, 0)
        XCTAssertTrue(b.get("/integrations").body.contains("Deleted “OneLogin”"))
        XCTAssertEqual(b.get("/integrations/\(i.id)/delete").status, 404)
    }

    func testStorageFailureIsShown() {
        let h = AdminHarness()
        let (i, token) = h.directory.addIntegration(name: "Okta")
        let b = h.signedIn()
        h.directory.state.withLock { $0.failWrites = .storage("no space left on device") }
        b.get("/integrations/\(i.id)/rotate")
        let r = b.post("/integrations/\(i.id)/rotate")
        XCTAssertEqual(r.status, 500)
        XCTAssertTrue(r.body.contains("no space left on device"))
        XCTAssertEqual(h.directory.token(of: i.id), token)
    }
}
