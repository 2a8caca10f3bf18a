import SCIMCore
import XCTest

/// SPEC section 3: a user's or group's data belongs to one integration; another integration's
/// token cannot read or change it (404), and never sees it in lists, filters or searches.
final class IsolationTests: SCIMEndpointTestCase {
    func testAnotherIntegrationCannotSeeOrTouchResources() throws {
        let a = scim!
        let other = try server.createIntegration("Other IdP")
        let b = server.client(other)

        let userA = try createUser("shared@example.com", client: a, extra: "\"externalId\": \"ext-1\", \"displayName\": \"Shared A\"")
        let groupA = try createGroup("Shared", members: [userA], client: a)
        let putUser = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"hijacked@example.com"}
            """
        let putGroup = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Hijacked","members":[]}
            """
        let patch = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Hijacked"}]}
            """

        for (kind, id, body) in [("Users", userA, putUser), ("Groups", groupA, putGroup)] {
            assertSCIMError(try b.get("/\(kind)/\(id)"), 404)
            assertSCIMError(try b.put("/\(kind)/\(id)", json: body), 404)
            assertSCIMError(try b.patch("/\(kind)/\(id)", json: patch), 404)
            assertSCIMError(try b.delete("/\(kind)/\(id)"), 404)
            // Not even under the other kind's path.
            assertSCIMError(try b.get("/\(kind == "Users" ? "Groups" : "Users")/\(id)"), 404)
        }

        // Lists, filters, searches.
        for path in ["/Users", "/Groups", "/Users?filter=userName eq \"shared@example.com\"", "/Users?filter=id eq \"\(userA)\"",
                     "/Users?filter=externalId eq \"ext-1\"", "/Users?filter=userName co \"shared\"",
                     "/Groups?filter=displayName eq \"Shared\"", "/Groups?filter=members.value eq \"\(userA)\"",
                     "/Users?sortBy=userName"] {
            assertEmptyList(try b.get(path))
        }
        for path in ["/.search", "/Users/.search", "/Groups/.search"] {
            assertEmptyList(try b.post(path, json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}
                """))
            assertEmptyList(try b.post(path, json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"shared@example.com\\" or displayName eq \\"Shared\\""}
                """))
        }

        // A's resources are unchanged by B's attempts.
        let stillA = try a.get("/Users/\(userA)")
        XCTAssertEqual(stillA.json["userName"], "shared@example.com")
        XCTAssertEqual(stillA.json["displayName"], "Shared A")
        XCTAssertEqual(try members(of: groupA, client: a), [userA])
        XCTAssertEqual(try a.get("/Groups/\(groupA)").json["displayName"], "Shared")

        // The same names may exist in both, and each side sees only its own.
        let userB = try createUser("SHARED@example.com", client: b)
        let groupB = try createGroup("shared", client: b)
        XCTAssertNotEqual(userA, userB)
        XCTAssertEqual(ids(try a.get("/Users?filter=userName eq \"shared@example.com\"")), [userA])
        XCTAssertEqual(ids(try b.get("/Users?filter=userName eq \"shared@example.com\"")), [userB])
        XCTAssertEqual(ids(try b.get("/Groups?filter=displayName eq \"Shared\"")), [groupB])
        XCTAssertEqual(ids(try a.post("/.search", json: "{}")).sorted(), [userA, groupA].sorted())

        // A's ids are unknown members for B: skipped, not stored; B's group still takes its own user.
        let add = try b.patch("/Groups/\(groupB)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"members","value":[{"value":"\(userA)"},{"value":"\(userB)"}]}]}
            """)
        XCTAssertEqual(add.status, 204, add.text)
        XCTAssertEqual(try members(of: groupB, client: b), [userB])
        XCTAssertEqual(try a.get("/Users/\(userA)").groupValues, [groupA])

        // Deleting B's integration leaves A's directory alone.
        try server.deleteIntegration(other)
        XCTAssertEqual(try a.get("/Users").totalResults, 1)
        XCTAssertEqual(try a.get("/Groups/\(groupA)").memberValues, [userA])
    }
}
