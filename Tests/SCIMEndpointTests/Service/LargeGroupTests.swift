import SCIMCore
import Store
import XCTest

/// SPEC section 2: adding or removing one member of a huge group costs about what it costs for a
/// small one: the log record written for a one-member change is small (no rewrite of the group).
final class LargeGroupTests: XCTestCase {
    static let memberCount = 20_000
    var server: SCIMTestServer!

    override func setUpWithError() throws {
        // Room for a PUT of the whole member list (Okta AIW pushes the full list, O17/S7).
        server = try SCIMTestServer(maxBodyBytes: 4 << 20)
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    /// The users are seeded through the store (an HTTP POST each would only test fsync speed).
    func seedUsers(_ count: Int, integrationID: String) throws -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(count)
        for i in 0..<count { ids.append("user-\(i)-" + String(i * 7919 % 100_003)) }
        for batch in stride(from: 0, to: count, by: 5_000) {
            let slice = Array(ids[batch..<min(batch + 5_000, count)])
            try server.store.writeAndWait { (tx: inout Transaction) throws(SCIMError) -> Void in
                for id in slice {
                    var attributes = JSONObject()
                    attributes["schemas"] = ["urn:ietf:params:scim:schemas:core:2.0:User"]
                    attributes["userName"] = .string(id + "@example.com")
                    try tx.putResource(StoredResource(id: id, kind: .user, integrationID: integrationID, attributes: attributes))
                }
            }
        }
        return ids
    }

    func membersJSON(_ ids: ArraySlice<String>) -> String {
        ids.map { "{\"value\":\"\($0)\"}" }.joined(separator: ",")
    }

    /// Bytes the store appended to its log while `body` ran (from the store's counters, checked
    /// against the log files' sizes).
    func bytesLogged(_ body: () throws -> Void) rethrows -> Int {
        let before = server.metrics.bytesAppended
        let filesBefore = server.directory.totalSize(ofFilesWithPrefix: "log-")
        try body()
        let counted = Int(server.metrics.bytesAppended - before)
        XCTAssertEqual(server.directory.totalSize(ofFilesWithPrefix: "log-") - filesBefore, counted)
        return counted
    }

    func testOneMemberChangeOfA20000MemberGroupWritesASmallRecord() throws {
        let integration = try server.createIntegration("Big")
        let scim = server.client(integration)
        let users = try seedUsers(Self.memberCount + 2, integrationID: integration.id)
        let members = users[0..<Self.memberCount]
        let extra = users[Self.memberCount], another = users[Self.memberCount + 1]

        let created = try scim.post("/Groups?excludedAttributes=members", json: "{\"displayName\":\"Everyone\"}")
        XCTAssertEqual(created.status, 201)
        let gid = try XCTUnwrap(created.id)
        for batch in stride(from: 0, to: Self.memberCount, by: 5_000) {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[\(membersJSON(members[batch..<(batch + 5_000)]))]}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertEqual(server.store.read { $0.members(integrationID: integration.id, groupID: gid)?.count }, Self.memberCount)
        let listed = try scim.get("/Groups?filter=displayName eq \"Everyone\"&excludedAttributes=members")
        XCTAssertEqual(ids(listed), [gid])
        XCTAssertNil(listed.resources.first?["members"])

        // Add one, remove one, by the two removal forms: each a small record.
        let add = try bytesLogged {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"\(extra)"}]}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertGreaterThan(add, 0)
        XCTAssertLessThan(add, 1024, "adding one member wrote \(add) bytes")

        let remove = try bytesLogged {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"\(members[7])"}]}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertGreaterThan(remove, 0)
        XCTAssertLessThan(remove, 1024, "removing one member wrote \(remove) bytes")

        let removeByFilter = try bytesLogged {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"\(members[8])\\"]"}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertLessThan(removeByFilter, 1024, "removing one member by filter wrote \(removeByFilter) bytes")

        let rename = try bytesLogged {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"All Staff"}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertLessThan(rename, 1024, "renaming the group wrote \(rename) bytes")

        let noop = try bytesLogged {
            let r = try scim.patch("/Groups/\(gid)", json: """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"\(members[0])"}]}]}
                """)
            XCTAssertEqual(r.status, 204, r.text)
        }
        XCTAssertEqual(noop, 0, "adding a present member writes nothing")

        // Deleting a member user writes the deletion, not the groups it leaves.
        let deleteUser = try bytesLogged { XCTAssertEqual(try scim.delete("/Users/\(members[9])").status, 204) }
        XCTAssertLessThan(deleteUser, 1024, "deleting a member wrote \(deleteUser) bytes")

        // Okta AIW: a PUT of the full list with one member swapped is applied as a diff.
        var wanted = Array(members)
        wanted.removeAll { $0 == members[7] || $0 == members[8] || $0 == members[9] || $0 == members[10] }
        wanted.append(extra)
        wanted.append(another)
        let put = try bytesLogged {
            let r = try scim.put("/Groups/\(gid)?excludedAttributes=members", json: """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"All Staff","members":[\(membersJSON(wanted[...]))]}
                """)
            XCTAssertEqual(r.status, 200, r.text)
            XCTAssertNil(r.json["members"])
        }
        XCTAssertLessThan(put, 1024, "a PUT that swaps one member wrote \(put) bytes")

        let final = try scim.get("/Groups/\(gid)")
        XCTAssertEqual(final.json["displayName"], "All Staff")
        let values = final.memberValues
        XCTAssertEqual(values.count, Self.memberCount - 4 + 2)
        XCTAssertEqual(Set(values), Set(wanted))
        XCTAssertEqual(values.last, another)
        XCTAssertEqual(try scim.get("/Users/\(another)").groupValues, [gid])
        XCTAssertEqual(try scim.get("/Users/\(members[10])").groupValues, [])

        // The state survives a restart (snapshot-free replay of these small records).
        try server.restart()
        let reopened = server.client(integration)
        XCTAssertEqual(Set(try reopened.get("/Groups/\(gid)").memberValues), Set(wanted))
        XCTAssertEqual(try reopened.delete("/Groups/\(gid)").status, 204)
    }

    func ids(_ r: SCIMResponse) -> [String] { r.resources.compactMap { $0["id"]?.stringValue } }
}
