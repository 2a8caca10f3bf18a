@testable import AdminPages
import XCTest

final class SCIMURLAdviceTests: XCTestCase {
    func testClassifiesURLs() {
        XCTAssertEqual(SCIMURLAdvice.problem("http://127.0.0.1:8080/api/v1/scim"), .loopback)
        XCTAssertEqual(SCIMURLAdvice.problem("https://127.0.0.1/api/v1/scim"), .loopback)
        XCTAssertEqual(SCIMURLAdvice.problem("http://localhost:8080/api/v1/scim"), .loopback)
        XCTAssertEqual(SCIMURLAdvice.problem("http://LOCALHOST/api/v1/scim"), .loopback)
        XCTAssertEqual(SCIMURLAdvice.problem("http://[::1]:8080/api/v1/scim"), .loopback)
        XCTAssertEqual(SCIMURLAdvice.problem("http://scim.example.com/api/v1/scim"), .plainHTTP)
        XCTAssertEqual(SCIMURLAdvice.problem("http://[2001:db8::1]:8080/api/v1/scim"), .plainHTTP)
        XCTAssertNil(SCIMURLAdvice.problem("https://scim.example.com/api/v1/scim"))
        XCTAssertNil(SCIMURLAdvice.problem("https://scim.example.com:8443/api/v1/scim"))
        XCTAssertNil(SCIMURLAdvice.problem("https://127.example.com/api/v1/scim"), "a name, not an address")
        XCTAssertEqual(SCIMURLAdvice.problem("http://127.1.2.3/api/v1/scim"), .loopback)
        // Not a URL we made: say nothing rather than guess.
        XCTAssertNil(SCIMURLAdvice.problem(""))
        XCTAssertNil(SCIMURLAdvice.problem("/api/v1/scim"))
        XCTAssertNil(SCIMURLAdvice.problem("https://"))
    }

    func testDetailsAndTokenPagesWarnWhenIdPsCannotUseTheURL() {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let b = h.signedIn()
        b.extraHeaders = [("Host", "127.0.0.1:8080")]
        let local = b.get("/integrations/\(i.id)")
        XCTAssertTrue(local.body.contains("id=\"scim-url-warning\""))
        XCTAssertTrue(local.body.contains("works on this machine only"))
        XCTAssertTrue(local.body.contains("--base-url https://"))
        let rotated = b.post("/integrations/\(i.id)/rotate")
        XCTAssertTrue(rotated.body.contains("id=\"scim-url-warning\""), "the token page, where the URL is copied, warns too")

        b.extraHeaders = [("Host", "scim.example.com")]
        let plain = b.get("/integrations/\(i.id)")
        XCTAssertTrue(plain.body.contains("Identity providers need HTTPS"))
    }

    func testNoWarningForAPublicHTTPSURL() {
        let h = AdminHarness(publicBaseURL: "https://scim.example.com")
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let page = h.signedIn().get("/integrations/\(i.id)")
        XCTAssertEqual(page.inputValue(id: "scim-url"), "https://scim.example.com/api/v1/scim")
        XCTAssertFalse(page.body.contains("scim-url-warning"))
    }
}
