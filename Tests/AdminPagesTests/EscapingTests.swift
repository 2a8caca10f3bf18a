import AdminPages
import XCTest

/// Hostile IdP data in every field the pages display must come out as text.
final class EscapingTests: XCTestCase {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "'><svg onload=alert(1)>",
        "{{7*7}}\u{202E}\u{200B}",
    ]

    func testHostileValuesAreEscapedOnEveryPage() {
        for payload in Self.payloads { check(payload) }
    }

    private func check(_ x: String) {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta \(x)")
        let u = h.directory.addUser(integrationID: i.id, id: "u-\(x)", userName: "user\(x)", displayName: "Display\(x)",
                                    formatted: "Formatted\(x)", givenName: "Given\(x)", familyName: "Family\(x)",
                                    emails: ["mail\(x)@example.com", "second\(x)"], title: "Title\(x)",
                                    department: "Dept\(x)", externalId: "ext\(x)")
        let other = h.directory.addGroup(integrationID: i.id, id: "g2-\(x)", displayName: "Nested\(x)")
        let g = h.directory.addGroup(integrationID: i.id, id: "g-\(x)", displayName: "Group\(x)", externalId: "gext\(x)",
                                     members: [AdminGroupMember(id: u, display: "member\(x)", type: "User\(x)"),
                                               AdminGroupMember(id: other, display: "nested\(x)", type: "Group"),
                                               AdminGroupMember(id: "missing\(x)", display: "gone\(x)")])
        h.directory.addActivity(AdminActivity(time: h.clock.now, integrationID: i.id, integrationName: i.name, method: "POST\(x)",
                                              path: "/api/v1/scim/Users/\(x)", status: 400, scimType: "invalidValue\(x)",
                                              detail: "detail \(x)", resourceID: x))
        let b = h.signedIn()
        let enc = { (s: String) in Browser.encode(s).replacingPlus() }
        let paths = [
            "/integrations", "/integrations/\(i.id)", "/integrations/\(i.id)/rename", "/integrations/\(i.id)/rotate",
            "/integrations/\(i.id)/delete", "/users", "/users?q=\(enc(x))", "/users?q=user&sort=\(enc(x))&dir=\(enc(x))",
            "/users/\(enc(u))", "/groups", "/groups?q=\(enc(x))", "/groups/\(enc(g))", "/activity", "/activity?failures=1",
            "/login?next=\(enc("/users?q=" + x))", "/nope\(enc(x))", "/setup?code=\(enc(x))",
        ]
        var pagesWithPayloadText = 0
        for path in paths {
            let r = b.get(path)
            assertNoMarkup(r.body, x, path)
            if r.body.contains(HTML.escape(x)) { pagesWithPayloadText += 1 }
        }
        // The values did render (escaped), so the assertions above were not vacuous.
        XCTAssertGreaterThan(pagesWithPayloadText, 10, x)
        let user = b.get("/users/\(enc(u))")
        XCTAssertEqual(user.status, 200)
        for field in ["user", "Display", "Formatted", "Given", "Family", "mail", "second", "Title", "Dept", "ext", "Group"] {
            XCTAssertTrue(user.body.contains(HTML.escape(field + x)), "\(field) shown escaped: \(x)")
        }
        let group = b.get("/groups/\(enc(g))")
        for field in ["Group", "gext", "member", "nested", "Display"] {
            XCTAssertTrue(group.body.contains(HTML.escape(field + x)), "\(field) shown escaped: \(x)")
        }
        // Links carry percent-encoded ids.
        XCTAssertTrue(group.body.contains("href=\"/users/\(Self.percent(u))\""))
        let activity = b.get("/activity")
        XCTAssertTrue(activity.body.contains(HTML.escape("detail \(x)")))
        XCTAssertTrue(activity.body.contains(HTML.escape("invalidValue\(x)")))

        // Flows that echo input: rename error, new-integration error, token page.
        b.get("/integrations/new")
        assertNoMarkup(b.post("/integrations/new", [("name", "Okta \(x)")]).body, x, "duplicate name")
        assertNoMarkup(b.post("/integrations/new", [("name", "New \(x)")]).body, x, "token page")
        b.get("/integrations")
        assertNoMarkup(b.post("/integrations/\(i.id)/rename", [("name", "Renamed \(x)")]).body, x, "rename")
        assertNoMarkup(b.get("/integrations").body, x, "flash")
        b.get("/integrations")
        assertNoMarkup(b.post("/integrations/\(i.id)/done", []).body, x, "done")
    }

    private func assertNoMarkup(_ body: String, _ x: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(body.components("<script"), body.isEmpty ? 0 : 1, "only our own script: \(path) \(x)", file: file, line: line)
        XCTAssertFalse(body.contains("<img"), "\(path) \(x)", file: file, line: line)
        XCTAssertFalse(body.contains("<svg"), "\(path) \(x)", file: file, line: line)
        XCTAssertFalse(body.lowercased().contains("href=\"javascript:"), "\(path) \(x)", file: file, line: line)
        if x.contains(where: { "<>\"'&".contains($0) }) {
            XCTAssertFalse(body.contains(x), "raw payload: \(path) \(x)", file: file, line: line)
        }
    }

    static func percent(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E {
                out.unicodeScalars.append(UnicodeScalar(b))
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }

    func testEscapeFunction() {
        XCTAssertEqual(HTML.escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("plain text ü"), "plain text ü")
        XCTAssertEqual(HTML.escape("a\u{0}b"), "a\u{FFFD}b")
        let name = "<b>"
        let fragment: HTML = "<p title=\"\(name)\">\(name)</p>"
        XCTAssertEqual(fragment.text, "<p title=\"&lt;b&gt;\">&lt;b&gt;</p>")
    }
}

extension String {
    /// Path components must not use "+" for spaces (that is a query convention).
    func replacingPlus() -> String {
        var out = ""
        for c in self { out += c == "+" ? "%20" : String(c) }
        return out
    }
}
