import SCIMCore
import XCTest

/// JumpCloud's Custom SCIM connector (jumpcloud.md, section 11): a Test Connection that writes,
/// whole-object PUTs, bare member objects, adoption of groups by name, deactivation that keeps
/// memberships, and an unfiltered paged import.
final class JumpCloudLifecycleTests: SCIMEndpointTestCase {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// J7-J10, requirement 1: create a test user and group, delete both; the admin re-runs the test
    /// with the same e-mail and gets 201s again (DELETE frees userName and displayName at once).
    func testTestConnectionTwiceWithTheSameEmail() throws {
        for run in 1...2 {
            assertEmptyList(try scim.get("/Users?filter=userName eq \"jc-test@example.io\""))
            let user = try scim.post("/Users", json: """
                { "active": true, "displayName": "JumpCloud Test",
                  "emails": [{ "primary": true, "type": "work", "value": "jc-test@example.io" }],
                  "externalId": "66e2d689590450d073d2df3b",
                  "name": { "familyName": "Test", "givenName": "JumpCloud" },
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                  "userName": "jc-test@example.io" }
                """)
            XCTAssertEqual(user.status, 201, "run \(run): \(user.text)")
            let group = try scim.post("/Groups", json: """
                { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "JumpCloud Test Group",
                  "members": [{ "value": "\(user.id ?? "")" }] }
                """)
            XCTAssertEqual(group.status, 201, "run \(run): \(group.text)")
            XCTAssertEqual(group.memberValues, [user.id ?? ""])
            XCTAssertEqual(try scim.delete("/Groups/\(group.id ?? "")").status, 204)
            XCTAssertEqual(try scim.delete("/Users/\(user.id ?? "")").status, 204)
            assertEmptyList(try scim.get("/Users?filter=userName eq \"jc-test@example.io\""))
            assertEmptyList(try scim.get("/Groups?filter=displayName eq \"JumpCloud Test Group\""))
            assertEmptyList(try scim.get("/Users?filter=externalId eq \"66e2d689590450d073d2df3b\""))
        }
        XCTAssertEqual(try scim.get("/Users").totalResults, 0)
        XCTAssertEqual(try scim.get("/Groups").totalResults, 0)
    }

    /// J7: where DELETE is not used, the test user is deactivated instead. It stays (inactive), so a
    /// re-run with the same e-mail meets a 409 that agrees with the filter; a new e-mail passes.
    func testTestConnectionDeactivateOnlyVariant() throws {
        let id = try createUser("jc-deact@example.io", extra: "\"active\": true")
        let off = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [ { "op": "replace", "path": "active", "value": false } ] }
            """)
        XCTAssertEqual(off.status, 200, off.text)
        let lookup = try scim.get("/Users?filter=userName eq \"jc-deact@example.io\"")
        XCTAssertEqual(ids(lookup), [id])
        XCTAssertEqual(lookup.resources.first?["active"], false)
        assertSCIMError(try scim.post("/Users", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jc-deact@example.io","active":true}
            """), 409, scimType: "uniqueness")
        XCTAssertEqual(try scim.post("/Users", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jc-deact2@example.io","active":true}
            """).status, 201)
    }

    /// J13, J16, requirements 2 and 3: a non-e-mail userName, a 24-hex externalId, and the captured
    /// whole-object PUTs (`emails: null`, empty arrays, `photos` without type, extension URN first).
    func testCreateAndWholeObjectPuts() throws {
        let created = try scim.post("/Users", json: """
            { "active": true,
              "addresses": [{ "country": "US", "locality": "locality", "postalCode": "80027", "primary": true,
                              "region": "region", "streetAddress": "street-address", "type": "work" }],
              "displayName": "displayname",
              "emails": [{ "primary": true, "type": "work", "value": "testuser@example.io" }],
              "externalId": "66e2d689590450d073d2df3b",
              "locale": "en-US",
              "name": { "familyName": "lastname", "givenName": "firstname" },
              "phoneNumbers": [{ "primary": true, "type": "work", "value": "tel:+1-555-555-5555" }],
              "preferredLanguage": "en-US",
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "userName": "jdoe" }
            """)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.id)
        XCTAssertEqual(created.json["userName"], "jdoe")
        XCTAssertEqual(created.json["phoneNumbers"]?[0]?["value"], "tel:+1-555-555-5555")
        XCTAssertEqual(created.json["addresses"]?[0]?["postalCode"], "80027")
        XCTAssertEqual(created.json["schemas"], ["urn:ietf:params:scim:schemas:core:2.0:User"], "no extension object, no extension URN")
        XCTAssertEqual(ids(try scim.get("/Users?filter=externalId eq \"66e2d689590450d073d2df3b\"")), [id])
        XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"JDOE\"")), [id])

        let full = try scim.put("/Users/\(id)", json: """
            { "active": true, "addresses": [], "displayName": "John Doe",
              "emails": [{ "primary": true, "type": "work", "value": "john.doe@example.io" }],
              "externalId": "664447f5c0c418f2d05e5318", "id": "\(id)",
              "locale": "en-US", "name": { "familyName": "Doe", "givenName": "John" },
              "phoneNumbers": [],
              "photos": [{ "value": "https://img.example.com/2a27d237-photo.png" }],
              "preferredLanguage": "en-US",
              "schemas": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                          "urn:ietf:params:scim:schemas:core:2.0:User"],
              "title": "Captain",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "C-Suite" },
              "userName": "john.doe@example.com" }
            """)
        XCTAssertEqual(full.status, 200, full.text)
        XCTAssertNil(full.json["addresses"], "[] means none")
        XCTAssertNil(full.json["phoneNumbers"], "[] means none")
        XCTAssertEqual(full.json["photos"], [["value": "https://img.example.com/2a27d237-photo.png"]])
        XCTAssertEqual(full.json["title"], "Captain")
        XCTAssertEqual(full.json[Self.enterprise]?["department"], "C-Suite")
        XCTAssertEqual(full.json["externalId"], "664447f5c0c418f2d05e5318")
        XCTAssertEqual(full.json["schemas"], ["urn:ietf:params:scim:schemas:core:2.0:User", .string(Self.enterprise)])
        assertEmptyList(try scim.get("/Users?filter=externalId eq \"66e2d689590450d073d2df3b\""))
        XCTAssertEqual(ids(try scim.get("/Users?filter=externalId eq \"664447f5c0c418f2d05e5318\"")), [id])
        assertEmptyList(try scim.get("/Users?filter=userName eq \"jdoe\""))

        let minimal = try scim.put("/Users/\(id)", json: """
            { "active": true, "emails": null, "id": "\(id)",
              "name": { "familyName": "lastname", "givenName": "firstname" },
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "testuser@example.io" }
            """)
        XCTAssertEqual(minimal.status, 200, minimal.text)
        XCTAssertNil(minimal.json["emails"], "null means none")
        XCTAssertNil(minimal.json["title"])
        XCTAssertNil(minimal.json[Self.enterprise])
        XCTAssertNil(minimal.json["externalId"])
        XCTAssertEqual(minimal.json["schemas"], ["urn:ietf:params:scim:schemas:core:2.0:User"])
        assertEmptyList(try scim.get("/Users?filter=externalId eq \"664447f5c0c418f2d05e5318\""))

        // J17: the PATCH fixture, one op per attribute.
        let patched = try scim.patch("/Users/\(id)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [ { "op": "replace", "path": "name.givenName", "value": "John" },
                              { "op": "replace", "path": "name.familyName", "value": "Doe" },
                              { "op": "replace", "path": "active", "value": false } ] }
            """)
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched.json["name"], ["familyName": "Doe", "givenName": "John"])
        XCTAssertEqual(patched.json["active"], false)
    }

    /// J21-J27, requirements 4-6: adoption by name, bare member objects, idempotent adds, removals
    /// by value list and by filter, no-op removal of a non-member, unbinding, deactivation and
    /// reactivation with memberships kept.
    func testGroupsAndMemberships() throws {
        let alice = try createUser("alice", extra: "\"active\": true")
        let bob = try createUser("bob", extra: "\"active\": true")
        let carol = try createUser("carol", extra: "\"active\": true")
        let existing = try createGroup("Engineering")

        // J27: JumpCloud's "engineering" adopts the app's "Engineering".
        assertSCIMError(try scim.post("/Groups", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "engineering",
              "members": [{ "value": "\(alice)" }] }
            """), 409, scimType: "uniqueness")
        XCTAssertEqual(try members(of: existing), [], "a refused POST adds nobody")
        let adopted = try scim.get("/Groups?filter=displayName eq \"engineering\"")
        XCTAssertEqual(ids(adopted), [existing])
        XCTAssertEqual(adopted.resources.first?["displayName"], "Engineering")

        // J25, J26: bare `{"value": id}`, sent twice.
        let add = """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "\(alice)" }, { "value": "\(bob)" }, { "value": "\(carol)" }] }] }
            """
        for _ in 1...2 {
            let r = try scim.patch("/Groups/\(existing)", json: add)
            XCTAssertTrue((200..<300).contains(r.status), r.text)
        }
        XCTAssertEqual(try members(of: existing), [alice, bob, carol])
        XCTAssertEqual(try scim.get("/Groups/\(existing)").json["members"]?[0], ["value": .string(alice)], "stored as sent")

        // Removal by value list, by filter, and of a non-member.
        let byList = try scim.patch("/Groups/\(existing)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "remove", "path": "members", "value": [{ "value": "\(alice)" }] }] }
            """)
        XCTAssertTrue((200..<300).contains(byList.status), byList.text)
        XCTAssertEqual(try members(of: existing), [bob, carol])
        let byFilter = try scim.patch("/Groups/\(existing)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "remove", "path": "members[value eq \\"\(bob)\\"]" }] }
            """)
        XCTAssertTrue((200..<300).contains(byFilter.status), byFilter.text)
        XCTAssertEqual(try members(of: existing), [carol])
        let etag = try scim.get("/Groups/\(existing)").etag
        for body in [
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"\(alice)\"}]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"\(alice)\\\"]\"}]}",
        ] {
            let noop = try scim.patch("/Groups/\(existing)", json: body)
            XCTAssertTrue((200..<300).contains(noop.status), noop.text)
        }
        XCTAssertEqual(try members(of: existing), [carol])
        XCTAssertEqual(try scim.get("/Groups/\(existing)").etag, etag, "a no-op removal changes nothing")

        // J21: unbinding the group from the app deactivates its members; group and memberships stay.
        _ = try scim.patch("/Groups/\(existing)", json: add)
        for user in [alice, bob, carol] {
            let off = try scim.patch("/Users/\(user)", json: """
                { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                  "Operations": [{ "op": "replace", "path": "active", "value": false }] }
                """)
            XCTAssertEqual(off.json["active"], false)
        }
        XCTAssertEqual(Set(try members(of: existing)), [alice, bob, carol])

        // J20: deactivate/reactivate (password expiry and reset) keeps memberships.
        let inactive = try scim.get("/Users/\(bob)")
        XCTAssertEqual(inactive.json["active"], false)
        XCTAssertEqual(inactive.groupValues, [existing])
        XCTAssertEqual(inactive.json["groups"]?[0]?["display"], "Engineering")
        let on = try scim.put("/Users/\(bob)", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bob", "active": true, "emails": null }
            """)
        XCTAssertEqual(on.status, 200, on.text)
        XCTAssertEqual(on.json["active"], true)
        XCTAssertEqual(on.groupValues, [existing])
        XCTAssertTrue(try members(of: existing).contains(bob))

        // J28: rename and delete.
        let rename = try scim.patch("/Groups/\(existing)", json: """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "path": "displayName", "value": "Platform Engineering" }] }
            """)
        XCTAssertEqual(rename.status, 204)
        XCTAssertEqual(try scim.get("/Users/\(alice)").json["groups"]?[0]?["display"], "Platform Engineering")
        XCTAssertEqual(try scim.delete("/Groups/\(existing)").status, 204)
        XCTAssertEqual(try scim.get("/Users/\(alice)").groupValues, [])
        XCTAssertEqual(try scim.post("/Groups", json: """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "engineering" }
            """).status, 201, "the name is free again")
    }

    /// J12, requirement 7: import reads every user through unfiltered pages; each exactly once.
    func testUnfilteredPagedImportReturnsEveryUserOnce() throws {
        var created: [String] = []
        for i in 0..<23 { created.append(try createUser("import-\(i)")) }
        // Some churn before the import: a deletion and a rename must not disturb paging.
        XCTAssertEqual(try scim.delete("/Users/\(created.remove(at: 5))").status, 204)
        _ = try scim.patch("/Users/\(created[0])", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"zz-renamed"}]}
            """)

        var seen: [String] = []
        var startIndex = 1
        while true {
            let page = try scim.get("/Users?startIndex=\(startIndex)&count=5")
            XCTAssertEqual(page.status, 200)
            XCTAssertEqual(page.totalResults, 22)
            XCTAssertEqual(page.json["startIndex"]?.intValue, startIndex)
            XCTAssertEqual(page.json["itemsPerPage"]?.intValue, page.resources.count)
            if page.resources.isEmpty { break }
            XCTAssertLessThanOrEqual(page.resources.count, 5)
            seen.append(contentsOf: ids(page))
            startIndex += page.resources.count
        }
        XCTAssertEqual(seen.count, 22)
        XCTAssertEqual(Set(seen).count, 22, "no user twice")
        XCTAssertEqual(Set(seen), Set(created))
        XCTAssertEqual(seen, created, "stable order (creation order)")
    }
}
