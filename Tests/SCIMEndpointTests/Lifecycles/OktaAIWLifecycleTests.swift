import SCIMCore
import XCTest

/// Okta with an App Integration Wizard app (the seeds' setup): every update is a PUT of the whole
/// object (O1, O2, O10, O17, S7), user and group alike.
final class OktaAIWLifecycleTests: SCIMEndpointTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        scim.extraHeaders = [("User-Agent", "Okta SCIM Client 1.0.0"), ("Accept", "application/scim+json")]
    }

    func testUserUpdatesArePuts() throws {
        let created = try scim.post("/Users", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jane.doe@example.com",
             "externalId":"00uq2kqg7YTkFo3cY0g3","name":{"givenName":"Jane","familyName":"Doe"},
             "emails":[{"value":"jane.doe@example.com","type":"work","primary":true}],
             "title":"Engineer","displayName":"Jane Doe","password":"TkdFNVdIVkxhM2c9","active":true}
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.id)
        let createdAt = created.json["meta"]?["created"]
        let group = try createGroup("Engineering", members: [id])

        // O10: GET, modify, PUT everything back, with Okta's echoed meta (non-ISO dates), the
        // password, `groups` and the id.
        let before = try scim.get("/Users/\(id)")
        XCTAssertEqual(before.status, 200)
        let put = try scim.put("/Users/\(id)", json: """
            { "id": "\(id)", "externalId": "00uq2kqg7YTkFo3cY0g3",
              "meta": { "resourceType": "User", "created": "04-12-2018 00:00:00",
                        "lastModified": "04-12-2018 00:00:00", "version": "v1.0" },
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "jane.doe@example.com", "displayName": "Jane Q. Doe", "locale": "en_US",
              "active": true, "password": "TkdFNVdIVkxhM2c9",
              "emails": [{ "value": "jane.doe@example.com", "type": "work", "primary": true }],
              "name": { "familyName": "Doe", "givenName": "Jane" }, "groups": [] }
            """)
        XCTAssertEqual(put.status, 200, put.text)
        XCTAssertEqual(put.json["displayName"], "Jane Q. Doe")
        XCTAssertEqual(put.json["locale"], "en_US")
        XCTAssertNil(put.json["title"], "PUT replaces the whole user: title was not sent")
        XCTAssertNil(put.json["password"])
        XCTAssertEqual(put.json["meta"]?["created"], createdAt, "meta in the body is ignored")
        XCTAssertNotEqual(put.json["meta"]?["version"], "v1.0")
        XCTAssertEqual(put.json["meta"]?["version"]?.stringValue, put.etag)
        XCTAssertNotEqual(put.etag, before.etag)
        XCTAssertEqual(put.groupValues, [group], "`groups: []` in a PUT does not remove memberships")

        // O11 (AIW): deactivation is a PUT with active false; the user stays readable (O13).
        let deactivated = try scim.put("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "\(id)",
              "userName": "jane.doe@example.com", "displayName": "Jane Q. Doe", "active": false,
              "emails": [{ "value": "jane.doe@example.com", "type": "work", "primary": true }],
              "name": { "familyName": "Doe", "givenName": "Jane" }, "groups": [{"value": "\(group)"}] }
            """)
        XCTAssertEqual(deactivated.status, 200, deactivated.text)
        let read = try scim.get("/Users/\(id)")
        XCTAssertEqual(read.json["active"], false)
        XCTAssertEqual(read.groupValues, [group], "memberships are kept while inactive")
        XCTAssertEqual(try members(of: group), [id])

        let reactivated = try scim.put("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "jane.doe@example.com", "active": "true",
              "name": { "familyName": "Doe", "givenName": "Jane" } }
            """)
        XCTAssertEqual(reactivated.json["active"], true)

        // A PUT that takes another user's userName is refused, and changes nothing.
        try createUser("john.roe@example.com")
        let clash = try scim.put("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "John.Roe@example.com", "active": true }
            """)
        assertSCIMError(clash, 409, scimType: "uniqueness")
        XCTAssertEqual(try scim.get("/Users/\(id)").json["userName"], "jane.doe@example.com")

        // PUT on an unknown id is 404 (PUT never creates).
        assertSCIMError(try scim.put("/Users/4b1d0c8e-0000-4000-8000-000000000000", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ghost@example.com" }
            """), 404)
        assertEmptyList(try scim.get("/Users?filter=userName eq \"ghost@example.com\""))
    }

    /// O2/O17: group push is GET filter, POST, GET, then PUT of the whole member list, which must
    /// be applied as a diff.
    func testGroupPushIsAPutOfTheWholeMemberList() throws {
        let a = try createUser("a@example.com"), b = try createUser("b@example.com"), c = try createUser("c@example.com")
        let d = try createUser("d@example.com"), e = try createUser("e@example.com")

        assertEmptyList(try scim.get("/Groups?filter=displayName eq \"Pushed\""))
        let created = try scim.post("/Groups", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Pushed","members":[]}
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let gid = try XCTUnwrap(created.id)
        XCTAssertEqual(try scim.get("/Groups/\(gid)").status, 200)

        func putMembers(_ values: [(String, String)], name: String = "Pushed") throws -> SCIMResponse {
            let list = values.map { "{\"value\": \"\($0.0)\", \"display\": \"\($0.1)\"}" }.joined(separator: ", ")
            return try scim.put("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"\(gid)","displayName":"\(name)",
                 "meta":{"resourceType":"Group","created":"04-12-2018 00:00:00"},"members":[\(list)]}
                """)
        }

        let first = try putMembers([(a, "a"), (b, "b"), (c, "c"), (d, "d")])
        XCTAssertEqual(first.status, 200, first.text)
        XCTAssertEqual(first.memberValues, [a, b, c, d])

        // b leaves, e joins; a, c, d stay where they were with the member objects they had.
        let second = try putMembers([(a, "a (renamed)"), (c, "c"), (d, "d"), (e, "e")])
        XCTAssertEqual(second.status, 200, second.text)
        let after = try scim.get("/Groups/\(gid)")
        XCTAssertEqual(after.memberValues, [a, c, d, e])
        XCTAssertEqual(after.json["members"]?[0]?["display"], "a", "members kept are untouched")
        XCTAssertEqual(try scim.get("/Users/\(b)").groupValues, [])
        XCTAssertEqual(try scim.get("/Users/\(e)").groupValues, [gid])
        XCTAssertEqual(try scim.get("/Users/\(a)").groupValues, [gid])

        // The same list again changes nothing; an empty list removes everyone.
        let same = try putMembers([(a, "a"), (c, "c"), (d, "d"), (e, "e")])
        XCTAssertEqual(same.memberValues, [a, c, d, e])
        let emptied = try putMembers([], name: "Pushed (renamed)")
        XCTAssertEqual(emptied.status, 200, emptied.text)
        XCTAssertEqual(emptied.json["displayName"], "Pushed (renamed)")
        XCTAssertEqual(try members(of: gid), [])
        XCTAssertEqual(try scim.get("/Users/\(a)").groupValues, [])
    }
}
