import SCIMCore
import XCTest

/// Okta Lifecycle Management with an OIN-style app (idp-clients.md section 2): existence check,
/// create with a random password, PATCH (de)activation and profile updates, Push Groups with PATCH.
final class OktaOINLifecycleTests: SCIMEndpointTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        scim.extraHeaders = [("User-Agent", "Okta SCIM Client 1.0.0"), ("Accept", "application/scim+json"), ("Accept-Charset", "utf-8")]
    }

    func testUserLifecycle() throws {
        // O3: Test Connector Configuration.
        let probe = try scim.get("/Users?startIndex=1&count=2")
        XCTAssertEqual(probe.status, 200)
        XCTAssertEqual(probe.json["totalResults"], 0)
        XCTAssertEqual(probe.json["startIndex"], 1)
        XCTAssertEqual(probe.json["itemsPerPage"], 0)

        // O5: existence check before create.
        assertEmptyList(try scim.get("/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"))

        // O6: the create body, with Okta's random password and `groups: []`.
        let created = try scim.post("/Users", json: """
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "test.user@okta.local",
                "name": { "givenName": "Test", "familyName": "User" },
                "emails": [{ "primary": true, "value": "test.user@okta.local", "type": "work" }],
                "displayName": "Test User",
                "locale": "en-US",
                "externalId": "00ujl29u0le5T6Aj10h7",
                "groups": [],
                "password": "1mz050nq",
                "active": true
            }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.id)
        XCTAssertNil(created.json["password"])
        XCTAssertFalse(created.text.contains("1mz050nq"))
        XCTAssertEqual(created.json["locale"], "en-US")
        XCTAssertEqual(created.json["externalId"], "00ujl29u0le5T6Aj10h7")
        XCTAssertNil(created.json["groups"], "no memberships yet")

        // O7: the same user again stops the job with 409.
        let duplicate = try scim.post("/Users", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"TEST.USER@okta.local","password":"x9x9x9x9","active":true}
            """)
        assertSCIMError(duplicate, 409, scimType: "uniqueness")

        let found = try scim.get("/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100")
        XCTAssertEqual(ids(found), [id])
        XCTAssertNil(found.resources.first?["password"])

        // O11: deactivate, path-less replace.
        let deactivated = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": { "active": false } }] }
            """)
        XCTAssertEqual(deactivated.status, 200, deactivated.text)
        XCTAssertEqual(deactivated.json["active"], false)
        // O13/O20: a deactivated user stays readable.
        let read = try scim.get("/Users/\(id)")
        XCTAssertEqual(read.status, 200)
        XCTAssertEqual(read.json["active"], false)

        // O13: reactivation.
        let reactivated = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": { "active": true } }] }
            """)
        XCTAssertEqual(reactivated.json["active"], true)

        // Profile update by PATCH (the FAQ's OIN default): only changed attributes.
        let updated = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": {
                  "id": "\(id)",
                  "name": { "givenName": "Tess", "familyName": "User" },
                  "displayName": "Tess User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Sales" } } }] }
            """)
        XCTAssertEqual(updated.status, 200, updated.text)
        XCTAssertEqual(updated.json["name"], ["givenName": "Tess", "familyName": "User"])
        XCTAssertEqual(updated.json["displayName"], "Tess User")
        XCTAssertEqual(updated.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?["department"], "Sales")
        XCTAssertEqual(updated.json["id"]?.stringValue, id)
        XCTAssertEqual(updated.json["emails"]?[0]?["value"], "test.user@okta.local", "untouched attributes stay")

        // O20: the CRUD test reads the change back.
        XCTAssertEqual(try scim.get("/Users/\(id)").json["name"]?["givenName"], "Tess")

        // The random password never reaches the disk or the activity log.
        for name in server.directory.fileNames() {
            XCTAssertFalse(String(decoding: server.directory.contents(of: name), as: UTF8.self).contains("1mz050nq"), name)
        }
        XCTAssertFalse(server.activityText.contains("1mz050nq"))
    }

    func testPushGroups() throws {
        let bb8 = try createUser("bb-8@iamciam.dev")
        let c3po = try createUser("c-3po@iamciam.dev")
        let r2d2 = try createUser("r2-d2@iamciam.dev")
        let testUser = try createUser("test.user@okta.local")

        // O14: look for the group by name first.
        assertEmptyList(try scim.get("/Groups?filter=displayName eq \"Droids\""))

        // O15: POST with the current members, then PATCH-add the same ones again.
        let created = try scim.post("/Groups", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Droids",
              "members": [ { "value": "\(bb8)", "display": "bb-8@iamciam.dev" },
                           { "value": "\(c3po)", "display": "c-3po@iamciam.dev" },
                           { "value": "\(r2d2)", "display": "r2-d2@iamciam.dev" } ] }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let gid = try XCTUnwrap(created.id)
        XCTAssertEqual(created.memberValues, [bb8, c3po, r2d2])
        XCTAssertEqual(created.json["members"]?[0]?["display"], "bb-8@iamciam.dev")
        let versionAfterCreate = try scim.get("/Groups/\(gid)").etag

        let again = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "add", "path": "members", "value": [
                  { "value": "\(bb8)", "display": "bb-8@iamciam.dev" },
                  { "value": "\(c3po)", "display": "c-3po@iamciam.dev" },
                  { "value": "\(r2d2)", "display": "r2-d2@iamciam.dev" } ] }] }
            """)
        XCTAssertTrue(again.status == 200 || again.status == 204, again.text)
        XCTAssertEqual(try members(of: gid), [bb8, c3po, r2d2], "idempotent add: no duplicates")
        XCTAssertEqual(try scim.get("/Groups/\(gid)").etag, versionAfterCreate, "an add that changes nothing keeps the version")

        // O17: remove by filter plus add in one request.
        let swap = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                { "op": "remove", "path": "members[value eq \\"\(c3po)\\"]" },
                { "op": "add", "path": "members",
                  "value": [{ "value": "\(testUser)", "display": "test.user@okta.local" }] } ] }
            """)
        XCTAssertEqual(swap.status, 204, swap.text)
        XCTAssertEqual(try members(of: gid), [bb8, r2d2, testUser])

        // O16: rename, path-less replace that includes the id (never a mutability error).
        let rename = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": { "id": "\(gid)", "displayName": "Test SCIMv2" } }] }
            """)
        XCTAssertEqual(rename.status, 204, rename.text)
        let renamed = try scim.get("/Groups/\(gid)")
        XCTAssertEqual(renamed.json["displayName"], "Test SCIMv2")
        XCTAssertEqual(renamed.memberValues, [bb8, r2d2, testUser], "a rename keeps the members")
        XCTAssertEqual(ids(try scim.get("/Groups?filter=displayName eq \"Test SCIMv2\"")), [gid])

        // O17: full push via replace.
        let push = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "path": "members",
                               "value": [ { "value": "\(testUser)", "display": "test.user@okta.local" },
                                          { "value": "\(c3po)", "display": "c-3po@iamciam.dev" } ] }] }
            """)
        XCTAssertEqual(push.status, 204, push.text)
        XCTAssertEqual(Set(try members(of: gid)), [testUser, c3po])
        XCTAssertEqual(try scim.get("/Users/\(bb8)").groupValues, [])
        XCTAssertEqual(try scim.get("/Users/\(c3po)").groupValues, [gid])

        // A PATCH reply with the group when asked for it.
        let withBody = try scim.patch("/Groups/\(gid)?excludedAttributes=members", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "remove", "path": "members[value eq \\"\(c3po)\\"]" }] }
            """)
        XCTAssertEqual(withBody.status, 200, withBody.text)
        XCTAssertEqual(withBody.json["displayName"], "Test SCIMv2")
        XCTAssertNil(withBody.json["members"])

        // O18: unlink with delete; the older doc's DELETE carries a Content-Type and no body.
        let deleted = try scim.delete("/Groups/\(gid)", headers: [("Content-Type", "application/scim+json")])
        XCTAssertEqual(deleted.status, 204, deleted.text)
        assertSCIMError(try scim.get("/Groups/\(gid)"), 404)
        XCTAssertEqual(try scim.get("/Users/\(testUser)").groupValues, [])
    }

    /// O19: Okta's SCIM 2.0 SPEC test, every step, with its default headers.
    func testSpecTest() throws {
        scim.extraHeaders = [("Accept", "application/scim+json"), ("Accept-Charset", "utf-8"),
                             ("Content-Type", "application/scim+json; charset=utf-8"), ("User-Agent", "OKTA SCIM Integration")]
        // Prerequisite: one user exists.
        try createUser("existing@atko.com", extra: """
            "name": {"givenName": "Ex", "familyName": "Isting"}, "emails": [{"value": "existing@atko.com", "primary": true}], "active": true
            """)

        let s1 = try scim.get("/Users?count=1&startIndex=1")
        XCTAssertEqual(s1.status, 200)
        XCTAssertEqual(s1.json["schemas"], ["urn:ietf:params:scim:api:messages:2.0:ListResponse"])
        XCTAssertNotNil(s1.json["itemsPerPage"]?.intValue)
        XCTAssertNotNil(s1.json["startIndex"]?.intValue)
        XCTAssertNotNil(s1.json["totalResults"]?.intValue)
        let first = try XCTUnwrap(s1.resources.first)
        for field in [first["id"], first["name"]?["familyName"], first["name"]?["givenName"], first["userName"], first["emails"]?[0]?["value"]] {
            XCTAssertFalse((field?.stringValue ?? "").isEmpty, s1.text)
        }
        XCTAssertEqual(first["active"], true)

        let s2 = try scim.get("/Users/\(first["id"]?.stringValue ?? "")")
        XCTAssertEqual(s2.status, 200)
        XCTAssertEqual(s2.json["id"], first["id"])

        XCTAssertEqual(try scim.get("/Users?filter=userName eq \"abcdefgh@atko.com\"").totalResults, 0)
        assertSCIMError(try scim.get("/Users/010101001010101011001010101011"), 404)
        XCTAssertEqual(try scim.get("/Users?filter=userName eq \"Runscope123Smith@atko.com\"").totalResults, 0)

        let body = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Runscope123Smith@atko.com",
             "name":{"givenName":"Jane","familyName":"Smith"},
             "emails":[{"primary":true,"value":"Runscope123Smith@atko.com","type":"work"}],
             "displayName":"Jane Smith","active":true}
            """
        let s6 = try scim.post("/Users", json: body, headers: [("Content-Type", "application/json"), ("Accept", "application/scim+json; charset=utf-8")])
        XCTAssertEqual(s6.status, 201, s6.text)
        XCTAssertEqual(s6.json["active"], true)
        XCTAssertEqual(s6.json["userName"], "Runscope123Smith@atko.com")
        XCTAssertEqual(s6.json["name"], ["givenName": "Jane", "familyName": "Smith"])
        XCTAssertTrue(s6.json["schemas"]?.arrayValue?.contains("urn:ietf:params:scim:schemas:core:2.0:User") == true)
        let s7 = try scim.get("/Users/\(s6.id ?? "")")
        XCTAssertEqual(s7.json["userName"], "Runscope123Smith@atko.com")

        XCTAssertEqual(try scim.post("/Users", json: body, headers: [("Content-Type", "application/json")]).status, 409)
        let s9 = try scim.get("/Users?filter=userName eq \"RUNSCOPE123SMITH@ATKO.COM\"")
        XCTAssertEqual(s9.status, 200)
        XCTAssertEqual(ids(s9), [s6.id ?? ""])

        let s10 = try scim.get("/Groups")
        XCTAssertEqual(s10.status, 200)
        XCTAssertNotNil(s10.json["Resources"]?.arrayValue)

        let unauthenticated = server.client(token: nil)
        unauthenticated.extraHeaders = [("Authorization", "non-token")]
        assertSCIMError(try unauthenticated.get("/Users?filter=userName eq \"x\""), 401)
        assertSCIMError(try scim.get("/Users/00919288221112222"), 404)
    }
}
