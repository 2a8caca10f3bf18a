import AdminPages
import XCTest

final class DirectoryPagesTests: XCTestCase {
    private func populated() -> (AdminHarness, Browser, AdminIntegration, AdminIntegration) {
        let h = AdminHarness()
        let (okta, _) = h.directory.addIntegration(name: "Okta")
        let (entra, _) = h.directory.addIntegration(name: "Entra")
        for n in 0..<60 {
            _ = h.directory.addUser(integrationID: okta.id, userName: String(format3(n)) + "@okta.example", displayName: "Okta User \(format3(n))",
                                    emails: ["o\(n)@okta.example"], title: n % 2 == 0 ? "Engineer" : "Manager", department: "R&D", active: n % 10 != 0)
        }
        _ = h.directory.addUser(integrationID: entra.id, userName: "ann@entra.example", displayName: "Ann Entra", emails: ["ann@entra.example"], active: false)
        return (h, h.signedIn(), okta, entra)
    }

    private func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : (n < 100 ? "0\(n)" : "\(n)") }

    func testUsersTableColumnsSearchFiltersAndPaging() {
        let (_, b, okta, entra) = populated()
        let all = b.get("/users")
        XCTAssertEqual(all.status, 200)
        for header in ["Name", "Email", "Title", "Department", "Status", "Integration", "Groups"] {
            XCTAssertTrue(all.body.contains(">\(header)"), header)
        }
        // The user name is under the name, not a column of its own (the table fits a laptop screen).
        XCTAssertFalse(all.body.contains(">User name"))
        XCTAssertTrue(all.body.contains(">Okta User 000</a><span class=\"sub\">000@okta.example</span></th>"))
        // More than one page: the summary and Previous/Next also sit above the table, without the ids.
        XCTAssertEqual(all.body.components(separatedBy: "Showing 1–50 of 61 users").count - 1, 2)
        XCTAssertEqual(all.body.components(separatedBy: "id=\"page-next\"").count - 1, 1)
        XCTAssertTrue(all.body.contains("class=\"pager pager-top\""))
        XCTAssertTrue(all.body.contains("<th scope=\"col\""))
        XCTAssertTrue(all.body.contains("Showing 1–50 of 61 users"))
        XCTAssertTrue(all.body.contains("id=\"page-next\" href=\"/users?sort=displayName&amp;dir=asc&amp;offset=50\""))
        XCTAssertTrue(all.body.contains("aria-sort=\"ascending\""))
        XCTAssertTrue(all.body.contains("R&amp;D"))

        let second = b.get("/users?offset=50")
        XCTAssertTrue(second.body.contains("Showing 51–61 of 61 users"))
        XCTAssertTrue(second.body.contains("id=\"page-prev\""))
        XCTAssertFalse(second.body.contains("id=\"page-next\""))

        let search = b.get("/users?q=ANN")
        XCTAssertTrue(search.body.contains("Ann Entra"))
        XCTAssertTrue(search.body.contains("Showing 1–1 of 1 user<"))
        XCTAssertFalse(search.body.contains("class=\"pager pager-top\""), "one page: no second pager")

        let inactive = b.get("/users?status=inactive&integration=\(okta.id)")
        XCTAssertTrue(inactive.body.contains("of 6 users"))
        XCTAssertTrue(inactive.body.contains("<option value=\"inactive\" selected>"))
        XCTAssertTrue(inactive.body.contains("<option value=\"\(okta.id)\" selected>Okta</option>"))
        XCTAssertTrue(inactive.body.contains("badge-muted\">Inactive"))
        XCTAssertFalse(inactive.body.contains("Ann Entra"))

        let entraOnly = b.get("/users?integration=\(entra.id)")
        XCTAssertTrue(entraOnly.body.contains("Ann Entra"))
        XCTAssertTrue(entraOnly.body.contains("of 1 user<"))
        XCTAssertTrue(entraOnly.body.contains("<th scope=\"row\"><a href=\"/users/"), "the name links to the user")

        let sorted = b.get("/users?sort=email&dir=desc")
        XCTAssertTrue(sorted.body.contains("aria-sort=\"descending\""))
        let first = sorted.body.range(of: "o59@okta.example")!.lowerBound
        let later = sorted.body.range(of: "o58@okta.example")!.lowerBound
        XCTAssertLessThan(first, later)
        // Clicking the current column flips the direction.
        XCTAssertTrue(sorted.body.contains("href=\"/users?sort=email&amp;dir=asc\""))
        // Sorting by user name has no column of its own any more, but its links keep working.
        let byUserName = b.get("/users?sort=userName&dir=desc")
        XCTAssertLessThan(byUserName.body.range(of: "059@okta.example")!.lowerBound, byUserName.body.range(of: "058@okta.example")!.lowerBound)

        // Hostile paging/sort parameters fall back to defaults.
        XCTAssertEqual(b.get("/users?offset=-5&sort=nope&dir=sideways&status=maybe").status, 200)
        XCTAssertTrue(b.get("/users?offset=999999999999").body.contains("Nothing on this page"))
        XCTAssertTrue(b.get("/users?q=zzz-no-match").body.contains("No users match these filters."))
    }

    func testUserPageShowsEveryAttributeGroupsAndRawJSON() throws {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Okta")
        let u = h.directory.addUser(integrationID: i.id, id: "a/b c", userName: "bjensen@example.com", displayName: "Babs Jensen",
                                    formatted: "Ms. Barbara J Jensen III", givenName: "Barbara", familyName: "Jensen",
                                    emails: ["bjensen@example.com", "babs@home.example"], title: "Tour Guide", department: "Tours", externalId: "00u1")
        let g = h.directory.addGroup(integrationID: i.id, id: "grp 1", displayName: "Tour Guides", members: [AdminGroupMember(id: u)])
        let b = h.signedIn()
        let page = b.get("/users/a%2Fb%20c")
        XCTAssertEqual(page.status, 200)
        for text in ["Babs Jensen", "bjensen@example.com", "babs@home.example", "Ms. Barbara J Jensen III", "Barbara", "Jensen",
                     "Tour Guide", "Tours", "00u1", "Enterprise user", "External ID", "Given name"] {
            XCTAssertTrue(page.body.contains(text), text)
        }
        XCTAssertTrue(page.body.contains("href=\"/groups/grp%201\">Tour Guides</a>"))
        let raw = try XCTUnwrap(SecurityHeadersTests.between("<pre class=\"json\" id=\"raw-json\">", "</pre>", page.body))
        XCTAssertTrue(raw.contains("&quot;userName&quot;: &quot;bjensen@example.com&quot;"))
        XCTAssertTrue(raw.contains("\n  &quot;"), "pretty-printed")
        let list = b.get("/users")
        XCTAssertTrue(list.body.contains("href=\"/users/a%2Fb%20c\""))
        XCTAssertTrue(list.body.contains("Tour Guides"), "group names in the table")
        _ = g
        XCTAssertEqual(b.get("/users/nobody").status, 404)
    }

    func testGroupsListAndMembersPaging() {
        let h = AdminHarness()
        let (i, _) = h.directory.addIntegration(name: "Entra")
        var members: [AdminGroupMember] = []
        for n in 0..<150 {
            let u = h.directory.addUser(integrationID: i.id, userName: "m\(n)@example.com", displayName: "Member \(n)")
            members.append(AdminGroupMember(id: u, display: "m\(n)@example.com", type: "User"))
        }
        members.append(AdminGroupMember(id: "ghost", display: "deleted user"))
        let g = h.directory.addGroup(integrationID: i.id, displayName: "Everyone", externalId: "obj-1", members: members)
        _ = h.directory.addGroup(integrationID: i.id, displayName: "Admins")
        let b = h.signedIn()

        let list = b.get("/groups")
        XCTAssertTrue(list.body.contains(">Members"))
        XCTAssertTrue(list.body.contains("<td class=\"num\">151</td>"))
        XCTAssertTrue(list.body.contains("obj-1"))
        XCTAssertTrue(list.body.contains("Showing 1–2 of 2 groups"))
        XCTAssertTrue(b.get("/groups?q=adm").body.contains("of 1 group<"))
        let byCount = b.get("/groups?sort=memberCount&dir=desc")
        XCTAssertLessThan(byCount.body.range(of: "Everyone")!.lowerBound, byCount.body.range(of: "Admins")!.lowerBound)

        let page1 = b.get("/groups/\(g)")
        XCTAssertTrue(page1.body.contains("151 members"))
        XCTAssertTrue(page1.body.contains("Showing 1–100 of 151 members"))
        XCTAssertTrue(page1.body.contains("<h2 id=\"members-h\" class=\"card-title\">Members</h2><nav class=\"pager pager-top\""))
        XCTAssertTrue(page1.body.contains("href=\"/users/"))
        XCTAssertTrue(page1.body.contains("href=\"/groups/\(g)?offset=100\""))
        let page2 = b.get("/groups/\(g)?offset=100")
        XCTAssertTrue(page2.body.contains("Showing 101–151 of 151 members"))
        XCTAssertTrue(page2.body.contains("Unknown member"))
        XCTAssertEqual(b.get("/groups/none").status, 404)
    }

    func testActivityHighlightsFailuresAndFilters() {
        let h = AdminHarness()
        let (okta, _) = h.directory.addIntegration(name: "Okta")
        let (entra, _) = h.directory.addIntegration(name: "Entra")
        let t = h.clock.now
        h.directory.addActivity(AdminActivity(time: t, integrationID: okta.id, integrationName: "Okta", method: "GET", path: "/api/v1/scim/Users", status: 200, durationMs: 0.42))
        h.directory.addActivity(AdminActivity(time: t + 1000, integrationID: entra.id, integrationName: "Entra", method: "POST", path: "/api/v1/scim/Users",
                                              status: 409, scimType: "uniqueness", detail: "userName is already taken", durationMs: 12.6))
        let b = h.signedIn()
        let page = b.get("/activity")
        XCTAssertTrue(page.body.contains("<tr class=\"row-failed\">"))
        XCTAssertTrue(page.body.contains("<code>uniqueness</code> userName is already taken"))
        XCTAssertTrue(page.body.contains("badge-warn\">409"))
        XCTAssertTrue(page.body.contains("badge-ok\">200"))
        XCTAssertTrue(page.body.contains("0.4 ms"))
        // The request without the SCIM base path every row shares; the full path is the tooltip.
        XCTAssertTrue(page.body.contains("<span class=\"method\">GET</span> <code title=\"/api/v1/scim/Users\">/Users</code>"))
        XCTAssertTrue(page.body.contains("13 ms"))
        let onlyOkta = b.get("/activity?integration=\(okta.id)")
        XCTAssertFalse(onlyOkta.body.contains("uniqueness"))
        let failures = b.get("/activity?failures=1")
        XCTAssertTrue(failures.body.contains("uniqueness"))
        XCTAssertFalse(failures.body.contains("badge-ok\">200"))
        XCTAssertFalse(page.body.contains("jumpcloud-test-note"))
    }

    func testJumpCloudTestConnectionNote() {
        let h = AdminHarness()
        let (jc, _) = h.directory.addIntegration(name: "JumpCloud")
        let t = h.clock.now
        let seq: [(String, String, Int, String?)] = [
            ("GET", "/api/v1/scim/Users?filter=userName%20eq%20%22test%40example.com%22", 200, nil),
            ("POST", "/api/v1/scim/Users", 201, "u1"),
            ("POST", "/api/v1/scim/Groups", 201, "g1"),
            ("DELETE", "/api/v1/scim/Groups/g1", 204, "g1"),
            ("DELETE", "/api/v1/scim/Users/u1", 204, "u1"),
        ]
        for (n, s) in seq.enumerated() {
            h.directory.addActivity(AdminActivity(time: t + Int64(n) * 2000, integrationID: jc.id, integrationName: "JumpCloud",
                                                  method: s.0, path: s.1, status: s.2, resourceID: s.3))
        }
        let b = h.signedIn()
        let page = b.get("/activity")
        XCTAssertTrue(page.body.contains("id=\"jumpcloud-test-note\""))
        XCTAssertTrue(page.body.contains("Test Connection"))
    }

    func testJumpCloudNoteWhenTheRequestsShareOneMillisecond() {
        // A fast client on a fast server: the log's timestamps tie, only its order tells POST from DELETE.
        let h = AdminHarness()
        let (jc, _) = h.directory.addIntegration(name: "JumpCloud")
        let t = h.clock.now
        for (method, path, status, id) in [("POST", "/api/v1/scim/Users", 201, "u1"), ("POST", "/api/v1/scim/Groups", 201, "g1"),
                                           ("DELETE", "/api/v1/scim/Groups/g1", 204, "g1"), ("DELETE", "/api/v1/scim/Users/u1", 204, "u1")] {
            h.directory.addActivity(AdminActivity(time: t, integrationID: jc.id, integrationName: "JumpCloud", method: method, path: path,
                                                  status: status, resourceID: id))
        }
        XCTAssertTrue(h.signedIn().get("/activity").body.contains("id=\"jumpcloud-test-note\""))
    }

    func testNoJumpCloudNoteWhenObjectsLiveOn() {
        let h = AdminHarness()
        let (jc, _) = h.directory.addIntegration(name: "JumpCloud")
        let t = h.clock.now
        // Created and deleted, but more than a minute apart, and the deleted user is another one.
        h.directory.addActivity(AdminActivity(time: t, integrationID: jc.id, integrationName: "JumpCloud", method: "POST", path: "/api/v1/scim/Users", status: 201, resourceID: "u1"))
        h.directory.addActivity(AdminActivity(time: t + 1000, integrationID: jc.id, integrationName: "JumpCloud", method: "POST", path: "/api/v1/scim/Groups", status: 201, resourceID: "g1"))
        h.directory.addActivity(AdminActivity(time: t + 2000, integrationID: jc.id, integrationName: "JumpCloud", method: "DELETE", path: "/api/v1/scim/Users/u2", status: 204))
        h.directory.addActivity(AdminActivity(time: t + 120_000, integrationID: jc.id, integrationName: "JumpCloud", method: "DELETE", path: "/api/v1/scim/Groups/g1", status: 204))
        XCTAssertFalse(h.signedIn().get("/activity").body.contains("jumpcloud-test-note"))
    }

    func testNavigationLandmarksAndCurrentItem() {
        let h = AdminHarness()
        let b = h.signedIn()
        let page = b.get("/groups")
        XCTAssertTrue(page.body.contains("<main id=\"main\">"))
        XCTAssertTrue(page.body.contains("<nav class=\"sidenav\" aria-label=\"Main\">"))
        XCTAssertTrue(page.body.contains("<a href=\"/groups\" aria-current=\"page\">Groups</a>"))
        XCTAssertTrue(page.body.contains("<a href=\"/users\">Users</a>"))
        XCTAssertTrue(page.body.contains("id=\"sign-out\""))
        XCTAssertTrue(page.body.contains("<label for=\"q\">"))
        XCTAssertTrue(page.body.contains("<meta name=\"viewport\""))
    }
}
