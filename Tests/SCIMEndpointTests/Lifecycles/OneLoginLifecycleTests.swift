import SCIMCore
import XCTest

/// OneLogin's SCIM provisioner (idp-clients.md section 3): bodies from an admin-edited JSON
/// template (string booleans, an `emails` object, `id: null`, empty strings for unfilled
/// parameters), `application/json` in both directions, PUT for updates and suspend, PATCH for
/// group membership.
final class OneLoginLifecycleTests: SCIMEndpointTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        scim.contentType = "application/json"
        scim.extraHeaders = [("Accept", "application/json"), ("User-Agent", "OneLogin SCIM")]
    }

    func testLifecycle() throws {
        // L7.1: initial connection: a user it knows does not exist.
        let probe = try scim.get("/Users?filter=userName eq \"onelogin-probe-does-not-exist\"")
        assertEmptyList(probe)
        XCTAssertEqual(probe.contentType, "application/json; charset=utf-8", "OneLogin's docs ask for application/json")

        // L4: a SCIM 2.0 template, filled in; unfilled parameters arrive empty.
        let created = try scim.post("/Users", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "id": null,
              "meta": {"resourceType": "User"},
              "userName": "kim.lee",
              "name": { "familyName": "Lee", "givenName": "Kim" },
              "title": "Analyst", "userType": "", "timezone": "Europe/Berlin",
              "active": "true",
              "emails": [{ "value": "kim.lee@example.org", "type": "work", "primary": true }],
              "addresses": [{ "locality": "Berlin", "region": "", "country": "DE" }],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "organization": "Example", "division": "", "department": "Finance",
                "manager": { "value": "", "displayName": " " } } }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.contentType, "application/json; charset=utf-8")
        let id = try XCTUnwrap(created.id)
        XCTAssertEqual(created.json["active"], true, "a string boolean is stored as a boolean")
        XCTAssertEqual(created.json["title"], "Analyst")
        XCTAssertEqual(created.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?["department"], "Finance")
        XCTAssertEqual(created.json["addresses"]?[0]?["locality"], "Berlin")

        // L6: Get User with userName filter, by id.
        XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"kim.lee\"")), [id])
        XCTAssertEqual(try scim.get("/Users/\(id)").json["userName"], "kim.lee")

        // L6 Update User (PUT), with `emails` as a single object as OneLogin templates allow.
        let updated = try scim.put("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "kim.lee", "name": { "familyName": "Lee-Park", "givenName": "Kim" },
              "emails": { "value": "kim.lee-park@example.org", "type": "work", "primary": true },
              "active": "True" }
            """)
        XCTAssertEqual(updated.status, 200, updated.text)
        XCTAssertEqual(updated.json["emails"], [["value": "kim.lee-park@example.org", "type": "work", "primary": true]])
        XCTAssertEqual(updated.json["name"]?["familyName"], "Lee-Park")
        XCTAssertNil(updated.json["title"])

        // L8: Suspend = an update with active false.
        let suspended = try scim.put("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "kim.lee",
              "name": { "familyName": "Lee-Park", "givenName": "Kim" }, "active": "false" }
            """)
        XCTAssertEqual(suspended.json["active"], false)
        XCTAssertEqual(try scim.get("/Users?filter=userName eq \"kim.lee\"").resources.first?["active"], false)

        // L9: Refresh Entitlements reads the groups; Create Group; Patch Group.
        let entitlements = try scim.get("/Groups")
        XCTAssertEqual(entitlements.status, 200)
        XCTAssertEqual(entitlements.totalResults, 0)
        let gid = try createGroup("Finance")
        let other = try createUser("sam.ortiz")
        let add = try scim.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"members","value":[{"value":"\(id)"},{"value":"\(other)"}]}]}
            """)
        XCTAssertEqual(add.status, 204, add.text)
        XCTAssertEqual(try members(of: gid), [id, other])
        let remove = try scim.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"members","value":[{"value":"\(id)"}]}]}
            """)
        XCTAssertEqual(remove.status, 204, remove.text)
        XCTAssertEqual(try members(of: gid), [other])
        let listed = try scim.get("/Groups")
        XCTAssertEqual(ids(listed), [gid])
        XCTAssertEqual(listed.resources.first?["members"]?.arrayValue?.count, 1)

        // L8: Delete.
        XCTAssertEqual(try scim.delete("/Users/\(id)").status, 204)
        assertSCIMError(try scim.get("/Users/\(id)"), 404)
    }

    /// L3 / J2: a SCIM 1.1 template (the wrong connector) gets a 400 that says what to change.
    func testSCIM11TemplateIsRefusedWithAClearMessage() throws {
        let r = try scim.post("/Users", json: """
            { "schemas": ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"],
              "userName": "old.style",
              "name": { "familyName": "Style", "givenName": "Old", "formatted": "Old Style" },
              "emails": { "value": "old.style@example.org", "type": "work", "primary": true },
              "urn:scim:schemas:extension:enterprise:1.0": {
                "department": "Ops", "manager": { "managerId": "", "displayName": " " } } }
            """)
        assertSCIMError(r, 400, scimType: "invalidValue")
        XCTAssertTrue(r.json["detail"]?.stringValue?.contains("SCIM 2.0") == true, r.text)
        assertEmptyList(try scim.get("/Users?filter=userName eq \"old.style\""))
    }
}
