import AdminPages
import XCTest

final class GuidesTests: XCTestCase {
    func testEachGuideUsesTheIdPsFieldNamesAndThisServersURL() throws {
        let h = AdminHarness(trustProxy: true)
        let (i, token) = h.directory.addIntegration(name: "Production")
        let b = h.browser()
        b.extraHeaders = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "scim.example.com")]
        b.signIn(AdminHarness.password)
        let page = b.get("/integrations/\(i.id)")
        let url = "https://scim.example.com/api/v1/scim"
        XCTAssertEqual(page.inputValue(id: "scim-url"), url)
        func section(_ id: String) throws -> String {
            try XCTUnwrap(SecurityHeadersTests.between("id=\"\(id)\"", "</section>", page.body), id)
        }
        let entra = try section("guide-entra")
        for text in ["Tenant URL", "Secret token", "Bearer authentication", "Non-gallery", "objectId", "40 minutes",
                     "Restart provisioning", "Sync only assigned users and groups", "quarantine"] {
            XCTAssertTrue(entra.contains(text), "Entra: \(text)")
        }
        XCTAssertTrue(entra.contains("<code id=\"entra-url\">\(url)</code>"))
        let okta = try section("guide-okta")
        for text in ["SCIM connector base URL", "Unique identifier field for users", "userName", "HTTP Header",
                     "Push New Users", "Push Profile Updates", "Push Groups", "Test Connector Configuration",
                     "Assignment groups vs Push Groups", "Create App Integration", "SAML 2.0", "App visibility",
                     "This is an internal app that we have created", "Deactivate Users"] {
            XCTAssertTrue(okta.contains(text), "Okta: \(text)")
        }
        XCTAssertTrue(okta.contains("<code id=\"okta-url\">\(url)</code>"))
        let onelogin = try section("guide-onelogin")
        for text in ["SCIM Base URL", "SCIM Bearer Token", "SCIM Provisioner with SAML (SCIM v2 Enterprise)", "Enable provisioning"] {
            XCTAssertTrue(onelogin.contains(text), "OneLogin: \(text)")
        }
        XCTAssertTrue(onelogin.contains(url))
        let jc = try section("guide-jumpcloud")
        for text in ["Base URL", "Token Key", "Test User Email", "SCIM 2.0", "not used by any user yet", "creates a test user",
                     "deletes both", "Identity Management"] {
            XCTAssertTrue(jc.contains(text), "JumpCloud: \(text)")
        }
        XCTAssertTrue(jc.contains(url))
        // Copy buttons on the pasted values, hidden until the script shows them.
        XCTAssertTrue(page.body.contains("data-copy=\"entra-url\" hidden"))
        XCTAssertTrue(page.body.contains("data-copy=\"scim-url\" hidden"))
        // The guides never contain the token.
        XCTAssertFalse(page.body.contains(token))
        // Entra (the default tab) comes last so the CSS sibling rule can hide it when another tab is targeted.
        XCTAssertLessThan(page.body.range(of: "id=\"guide-jumpcloud\"")!.lowerBound, page.body.range(of: "id=\"guide-entra\"")!.lowerBound)
    }
}
