import SCIMCore
import XCTest

/// What Microsoft's validators (the SCIM Validator and the gallery Logic App, E53-E57) and older
/// Entra request forms add to the lifecycle: manager set/change/remove, null updates, roles.
final class EntraValidatorTests: SCIMEndpointTestCase {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    func patch(_ id: String, _ operations: String) throws -> SCIMResponse {
        try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[\(operations)]}
            """)
    }

    func testManagerSetChangeRemove() throws {
        let boss = try createUser("boss@contoso.com"), other = try createUser("other-boss@contoso.com")
        let id = try createUser("report@contoso.com", extra: """
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": "\(boss)", "department": "R&D"}
            """)
        let created = try scim.get("/Users/\(id)")
        XCTAssertEqual(created.json[Self.enterprise]?["manager"]?["value"]?.stringValue, boss, "a POSTed string manager comes back complex")

        let changed = try patch(id, "{\"op\":\"Replace\",\"path\":\"\(Self.enterprise):manager\",\"value\":\"\(other)\"}")
        XCTAssertEqual(changed.status, 200, changed.text)
        XCTAssertEqual(changed.json[Self.enterprise]?["manager"]?["value"]?.stringValue, other)

        // The older form: manager as a list with $ref, path without the URN.
        let old = try patch(id, "{\"op\":\"Add\",\"path\":\"manager\",\"value\":[{\"$ref\":\"http://example.com/Users/\(boss)\",\"value\":\"\(boss)\"}]}")
        XCTAssertEqual(old.status, 200, old.text)
        XCTAssertEqual(old.json[Self.enterprise]?["manager"]?["value"]?.stringValue, boss)

        // Removal by a value filter on the single-valued manager (SCIMPATCH-453) …
        let removed = try patch(id, "{\"op\":\"remove\",\"path\":\"\(Self.enterprise):manager[value eq \\\"\(boss)\\\"]\"}")
        XCTAssertEqual(removed.status, 200, removed.text)
        XCTAssertNil(removed.json[Self.enterprise]?["manager"])
        XCTAssertEqual(removed.json[Self.enterprise]?["department"], "R&D")
        // … and "Replace with empty" (the Logic App's manager removal).
        _ = try patch(id, "{\"op\":\"Add\",\"path\":\"\(Self.enterprise):manager\",\"value\":\"\(other)\"}")
        let emptied = try patch(id, "{\"op\":\"Replace\",\"path\":\"\(Self.enterprise):manager\",\"value\":\"\"}")
        XCTAssertEqual(emptied.status, 200, emptied.text)
        XCTAssertNil(emptied.json[Self.enterprise]?["manager"])
    }

    /// SCIM_Null_Update_Test: PATCH with "" and with null on optional attributes succeeds and
    /// leaves them empty.
    func testNullAndEmptyUpdates() throws {
        let id = try createUser("nulls@contoso.com", extra: """
            "title": "Engineer", "displayName": "Nulls", "nickName": "N", "preferredLanguage": "en-US",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Ops", "employeeNumber": "7"}
            """)
        let r = try patch(id, """
            {"op":"Replace","path":"title","value":""},
            {"op":"Replace","path":"nickName","value":null},
            {"op":"replace","value":{"preferredLanguage":null}},
            {"op":"Replace","path":"\(Self.enterprise):department","value":""},
            {"op":"Remove","path":"displayName"}
            """)
        XCTAssertEqual(r.status, 200, r.text)
        for key in ["nickName", "preferredLanguage", "displayName"] {
            XCTAssertNil(r.json[key], key)
        }
        // "" is kept as sent (E28) but counts as empty: `pr` does not match it (RFC 7644 3.4.2.2).
        XCTAssertTrue(r.json["title"] == nil || r.json["title"] == "", r.text)
        XCTAssertTrue(r.json[Self.enterprise]?["department"] == nil || r.json[Self.enterprise]?["department"] == "", r.text)
        assertEmptyList(try scim.get("/Users?filter=title pr"))
        assertEmptyList(try scim.get("/Users?filter=\(Self.enterprise):department pr"))
        assertEmptyList(try scim.get("/Users?filter=nickName pr or displayName pr"))
        XCTAssertEqual(r.json[Self.enterprise]?["employeeNumber"], "7")
        XCTAssertEqual(try scim.get("/Users/\(id)").json["userName"], "nulls@contoso.com")
    }

    /// E36: roles with a JSON-encoded string value; E23: nulls and a malformed URN on create.
    func testRolesAndOldSampleBodies() throws {
        let created = try scim.post("/Users", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
              "userName": "old.sample@contoso.com", "active": true,
              "addresses": null, "phoneNumbers": null, "preferredLanguage": null, "title": null,
              "department": null, "manager": null,
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": null }
            """, headers: [("Content-Type", "application/scim+json")])
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.id)
        XCTAssertNil(created.json["title"])
        XCTAssertNil(created.json["addresses"])

        let roles = try patch(id, """
            {"op":"Add","path":"roles","value":[{"value":"{\\"id\\":\\"06b07648-ecfe-589f-9d2f-6325724a46ee\\",\\"value\\":\\"25\\",\\"displayName\\":\\"Role1234\\"}"}]}
            """)
        XCTAssertEqual(roles.status, 200, roles.text)
        XCTAssertEqual(roles.json["roles"]?[0]?["value"], "{\"id\":\"06b07648-ecfe-589f-9d2f-6325724a46ee\",\"value\":\"25\",\"displayName\":\"Role1234\"}")
        let replaced = try patch(id, "{\"op\":\"replace\",\"path\":\"roles\",\"value\":[{\"value\":\"Admin\",\"primary\":\"True\"}]}")
        XCTAssertEqual(replaced.json["roles"], [["value": "Admin", "primary": true]])
    }

    /// E29/primary rules: one primary per multi-valued attribute after a PATCH adds another primary.
    func testPrimaryStaysUnique() throws {
        let id = try createUser("primary@contoso.com", extra: "\"emails\": [{\"value\": \"a@contoso.com\", \"type\": \"work\", \"primary\": true}]")
        let r = try patch(id, "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"b@contoso.com\",\"type\":\"home\",\"primary\":\"True\"}]}")
        XCTAssertEqual(r.status, 200, r.text)
        let emails = r.json["emails"]?.arrayValue ?? []
        XCTAssertEqual(emails.count, 2)
        XCTAssertEqual(emails.filter { $0["primary"] == true }.count, 1)
        XCTAssertEqual(emails.first { $0["primary"] == true }?["value"], "b@contoso.com")
    }
}
