import SCIMCore
import XCTest

/// Microsoft Entra ID's provisioning service, replayed from idp-clients.md section 1: Test
/// Connection probes, create, lookups by matching attribute, PATCH in both dialects, disable,
/// groups with PATCH membership, deletes.
final class EntraLifecycleTests: SCIMEndpointTestCase {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// E8-E11: a random GUID as userName, then the group probe; 200 with empty ListResponses, and
    /// no User-Agent header (the client sends none).
    func testTestConnectionProbes() throws {
        let users = try scim.get("/Users?filter=userName+eq+%223e59e27b-68ad-41f5-bb0e-dadf130e2ac8%22")
        assertEmptyList(users)
        XCTAssertEqual(users.contentType, "application/scim+json; charset=utf-8")
        XCTAssertEqual(users.json["startIndex"], 1)

        let groups = try scim.get("/Groups?excludedAttributes=members&filter=displayName eq \"x\"")
        assertEmptyList(groups)
    }

    func testUserLifecycleInTheDefaultDialect() throws {
        // E22: Entra's create body (with `meta` and `roles: []`).
        let created = try scim.post("/Users", json: """
            {
                "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
                "active": true,
                "emails": [{
                    "primary": true,
                    "type": "work",
                    "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"
                }],
                "meta": {
                    "resourceType": "User"
                },
                "name": {
                    "formatted": "givenName familyName",
                    "familyName": "familyName",
                    "givenName": "givenName"
                },
                "roles": []
            }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.id)
        XCTAssertFalse(id.isEmpty)
        XCTAssertEqual(created.json["userName"], "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee")
        XCTAssertEqual(created.json["externalId"], "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")
        XCTAssertEqual(created.json["active"], true)
        XCTAssertEqual(created.json["name"]?["formatted"], "givenName familyName")
        XCTAssertEqual(created.json["meta"]?["resourceType"], "User")
        XCTAssertNotNil(created.json["meta"]?["created"]?.stringValue)
        XCTAssertEqual(created.headers["Location"], created.json["meta"]?["location"]?.stringValue)
        XCTAssertTrue(created.headers["Location"]?.hasSuffix("/api/v1/scim/Users/\(id)") == true, created.headers["Location"] ?? "")

        // E15/E16: lookups by the matching attributes Entra uses.
        let byExternalId = try scim.get("/Users?filter=externalId+eq+%220a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef%22")
        XCTAssertEqual(ids(byExternalId), [id])
        let byUserName = try scim.get("/Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"")
        XCTAssertEqual(ids(byUserName), [id])
        XCTAssertEqual(byUserName.totalResults, 1)
        let otherCase = try scim.get("/Users?filter=userName eq \"test_user_00AA00AA-bb11-cc22-dd33-44ee44ee44ee\"")
        XCTAssertEqual(ids(otherCase), [id], "userName is case-insensitive")
        // externalId is caseExact.
        assertEmptyList(try scim.get("/Users?filter=externalId eq \"0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF\""))
        XCTAssertEqual(try scim.get("/Users/\(id)").status, 200)

        // E30: value-filter path on a multi-valued attribute plus a sub-attribute, `Replace` capitalised.
        let replaced = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                { "op": "Replace", "path": "emails[type eq \\"work\\"].value", "value": "updatedEmail@microsoft.com" },
                { "op": "Replace", "path": "name.familyName", "value": "updatedFamilyName" } ] }
            """)
        XCTAssertEqual(replaced.status, 200, replaced.text)
        XCTAssertEqual(replaced.json["emails"]?.arrayValue?.count, 1)
        XCTAssertEqual(replaced.json["emails"]?[0]?["value"], "updatedEmail@microsoft.com")
        XCTAssertEqual(replaced.json["emails"]?[0]?["primary"], true, "the other sub-attributes stay")
        XCTAssertEqual(replaced.json["name"]?["familyName"], "updatedFamilyName")
        XCTAssertEqual(replaced.json["name"]?["givenName"], "givenName")

        // E31: a captured PATCH: the address element is created, department added via its URN path.
        let captured = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"AdeleV2@REDACTED.onmicrosoft.com"},
             {"op":"Replace","path":"addresses[type eq \\"work\\"].formatted","value":"18/2111"},
             {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Retail"}]}
            """)
        XCTAssertEqual(captured.status, 200, captured.text)
        XCTAssertEqual(captured.json["addresses"], [["type": "work", "formatted": "18/2111"]])
        XCTAssertEqual(captured.json[Self.enterprise]?["department"], "Retail")
        XCTAssertTrue(captured.json["schemas"]?.arrayValue?.contains(.string(Self.enterprise)) == true)

        // E34: the manager arrives as a bare string and goes back as the RFC's complex value.
        let manager = try createUser("manager@contoso.com")
        let withManager = try scim.patch("/Users/\(id)", json: """
            {"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"\(manager)"}],
             "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
            """)
        XCTAssertEqual(withManager.status, 200, withManager.text)
        XCTAssertEqual(withManager.json[Self.enterprise]?["manager"]?["value"]?.stringValue, manager)

        // E32: one PATCH carrying several attributes, including a userName rename.
        let renamed = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"displayName","value":"Adele Vance"},
             {"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"},
             {"op":"Replace","path":"name.formatted","value":"Adele Vance"}]}
            """)
        XCTAssertEqual(renamed.status, 200, renamed.text)
        XCTAssertEqual(renamed.json["userName"], "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")
        XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\"")), [id])
        assertEmptyList(try scim.get("/Users?filter=userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\""))

        // E33: disable with the string "False".
        let disabled = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "path": "active", "value": "False" }] }
            """)
        XCTAssertEqual(disabled.status, 200, disabled.text)
        XCTAssertEqual(disabled.json["active"], false)
        // E47: inactive users stay visible, with `active` present.
        let stillThere = try scim.get("/Users?filter=userName eq \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\"")
        XCTAssertEqual(stillThere.resources.first?["active"], false)
        let restored = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "path": "active", "value": "True" }] }
            """)
        XCTAssertEqual(restored.json["active"], true)
        // A path-less value object in the default dialect, string booleans in any case (E33, E45).
        let pathless = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "value": { "active": "false", "title": "Retail Lead",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Retail East" } }] }
            """)
        XCTAssertEqual(pathless.status, 200, pathless.text)
        XCTAssertEqual(pathless.json["active"], false)
        XCTAssertEqual(pathless.json["title"], "Retail Lead")
        XCTAssertEqual(pathless.json[Self.enterprise]?["department"], "Retail East")
        XCTAssertEqual(pathless.json[Self.enterprise]?["manager"]?["value"]?.stringValue, manager, "the rest of the extension stays")
        let on = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "value": { "active": "TRUE" } }] }
            """)
        XCTAssertEqual(on.json["active"], true)

        // E15/E17: Entra's non-RFC filter on the work e-mail.
        let byEmail = try scim.get("/Users?filter=emails[type eq \"work\"].value eq \"AdeleV2@REDACTED.onmicrosoft.com\"")
        XCTAssertEqual(byEmail.status, 200, byEmail.text)
        XCTAssertEqual(ids(byEmail), [id])
        assertEmptyList(try scim.get("/Users?filter=emails[type eq \"home\"].value eq \"AdeleV2@REDACTED.onmicrosoft.com\""))

        // E46: hard delete.
        let deleted = try scim.delete("/Users/\(id)")
        XCTAssertEqual(deleted.status, 204)
        XCTAssertTrue(deleted.body.isEmpty)
        assertSCIMError(try scim.get("/Users/\(id)"), 404)
        assertEmptyList(try scim.get("/Users?filter=externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))
    }

    /// E35 and the validator's "Add Attributes": a value-filter path with no matching element
    /// creates it, and several sub-attribute ops under one filter build one element.
    func testValueFilterPathsCreateTheElement() throws {
        let id = try createUser("noemail@contoso.com")
        let added = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"added@contoso.com"},
             {"op":"add","path":"addresses[type eq \\"work\\"].formatted","value":"USZLTUSJXBYV"},
             {"op":"add","path":"addresses[type eq \\"work\\"].locality","value":"OSGODHEVDCVD"},
             {"op":"add","path":"addresses[type eq \\"work\\"].region","value":"YMVMOEMXAYGD"},
             {"op":"Replace","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"55555555555"}]}
            """)
        XCTAssertEqual(added.status, 200, added.text)
        XCTAssertEqual(added.json["emails"], [["type": "work", "value": "added@contoso.com"]])
        XCTAssertEqual(added.json["addresses"], [["type": "work", "formatted": "USZLTUSJXBYV", "locality": "OSGODHEVDCVD", "region": "YMVMOEMXAYGD"]])
        // E28: stored as sent.
        XCTAssertEqual(added.json["phoneNumbers"], [["type": "mobile", "value": "55555555555"]])
        XCTAssertEqual(ids(try scim.get("/Users?filter=emails[type eq \"work\"].value eq \"added@contoso.com\"")), [id])
    }

    /// E39/E40: the `aadOptscim062020` dialect, with the flag left in the URL as a query parameter.
    func testUserPatchInTheComplianceFlagDialect() throws {
        let id = try createUser("flag@contoso.com", extra: "\"emails\": [{\"type\": \"work\", \"value\": \"old@contoso.com\"}]")
        let r = try scim.patch("/Users/\(id)?aadOptscim062020", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"TestMhvaes@test.microsoft.com"},
             {"op":"replace","value":{
                "displayName":"Bjfe",
                "name.givenName":"Kkom",
                "name.familyName":"Unua",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}]}
            """)
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.json["displayName"], "Bjfe")
        XCTAssertEqual(r.json["name"], ["givenName": "Kkom", "familyName": "Unua"], "dotted keys are sub-attributes (E41)")
        XCTAssertNil(r.json["name.givenName"])
        XCTAssertEqual(r.json[Self.enterprise]?["employeeNumber"], "Aklq")
        XCTAssertEqual(r.json["emails"]?[0]?["value"], "TestMhvaes@test.microsoft.com")

        let added = try scim.patch("/Users/\(id)?aadOptscim062020", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}
            """)
        XCTAssertEqual(added.json["nickName"], "Babs")

        let disabled = try scim.patch("/Users/\(id)?aadOptscim062020", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}
            """)
        XCTAssertEqual(disabled.status, 200, disabled.text)
        XCTAssertEqual(try scim.get("/Users/\(id)").json["active"], false)

        // The same tenant may also send the default dialect (provision on demand ignores the flag, E3).
        let defaultDialect = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"displayName","value":"Pvlo"},
             {"op":"Replace","path":"name.givenName","value":"Gtfd"},
             {"op":"Replace","path":"externalId","value":"Eqpj"},
             {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}
            """)
        XCTAssertEqual(defaultDialect.status, 200, defaultDialect.text)
        XCTAssertEqual(defaultDialect.json["externalId"], "Eqpj")
        XCTAssertEqual(defaultDialect.json["name"]?["givenName"], "Gtfd")
        XCTAssertEqual(ids(try scim.get("/Users?filter=externalId eq \"Eqpj\"")), [id])
    }

    /// E42-E44: groups created without members, renamed, members added by PATCH and removed by a
    /// value list (only those!), `excludedAttributes=members`, 204 on PATCH and DELETE.
    func testGroupLifecycle() throws {
        let u1 = try createUser("u1@contoso.com")
        let u2 = try createUser("u2@contoso.com")
        let u3 = try createUser("u3@contoso.com")

        let created = try scim.post("/Groups", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                          "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
              "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
              "displayName": "displayName",
              "meta": { "resourceType": "Group" } }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let gid = try XCTUnwrap(created.id)
        XCTAssertNil(created.json["members"])
        XCTAssertEqual(created.json["schemas"], ["urn:ietf:params:scim:schemas:core:2.0:Group"])

        // Entra expects 409 on a duplicate group (E42: displayName unique).
        assertSCIMError(try scim.post("/Groups", json: """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "DISPLAYNAME"}
            """), 409, scimType: "uniqueness")

        let probe = try scim.get("/Groups?excludedAttributes=members&filter=displayName eq \"displayName\"")
        XCTAssertEqual(ids(probe), [gid])

        let rename = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "path": "displayName",
                               "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }] }
            """)
        XCTAssertEqual(rename.status, 204, rename.text)
        XCTAssertTrue(rename.body.isEmpty)
        assertEmptyList(try scim.get("/Groups?filter=displayName eq \"displayName\""))

        for member in [u1, u2, u3] {
            let add = try scim.patch("/Groups/\(gid)", json: """
                { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                  "Operations": [{ "op": "Add", "path": "members",
                                   "value": [{ "$ref": null, "value": "\(member)" }] }] }
                """)
            XCTAssertEqual(add.status, 204, add.text)
        }
        XCTAssertEqual(try members(of: gid), [u1, u2, u3])
        XCTAssertEqual(try scim.get("/Users/\(u2)").groupValues, [gid])

        // Returning members when asked not to is Entra's MultipleEntriesInResponse (E7).
        let excluded = try scim.get("/Groups/\(gid)?excludedAttributes=members")
        XCTAssertEqual(excluded.status, 200)
        XCTAssertNil(excluded.json["members"], excluded.text)
        XCTAssertEqual(excluded.json["displayName"], "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")
        let listed = try scim.get("/Groups?excludedAttributes=members&filter=displayName eq \"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\"")
        XCTAssertEqual(ids(listed), [gid])
        XCTAssertNil(listed.resources.first?["members"])

        // E44: remove by value list (default dialect) removes only those members.
        let remove = try scim.patch("/Groups/\(gid)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Remove", "path": "members",
                               "value": [{ "$ref": null, "value": "\(u1)" }] }] }
            """)
        XCTAssertEqual(remove.status, 204, remove.text)
        XCTAssertEqual(try members(of: gid), [u2, u3])
        XCTAssertEqual(try scim.get("/Users/\(u1)").groupValues, [])

        // E40, with the flag: by value filter.
        let removeFiltered = try scim.patch("/Groups/\(gid)?aadOptscim062020", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"members[value eq \\"\(u3)\\"]"}]}
            """)
        XCTAssertEqual(removeFiltered.status, 204, removeFiltered.text)
        XCTAssertEqual(try members(of: gid), [u2])

        // Deleting a member user takes it out of the group.
        XCTAssertEqual(try scim.delete("/Users/\(u2)").status, 204)
        XCTAssertEqual(try members(of: gid), [])

        let deleted = try scim.delete("/Groups/\(gid)")
        XCTAssertEqual(deleted.status, 204)
        assertSCIMError(try scim.get("/Groups/\(gid)"), 404)
        assertSCIMError(try scim.delete("/Groups/\(gid)"), 404)
        assertEmptyList(try scim.get("/Groups?excludedAttributes=members&filter=displayName eq \"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\""))
    }
}
