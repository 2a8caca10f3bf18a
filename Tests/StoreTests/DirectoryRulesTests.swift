import SCIMCore
import Store
import XCTest

final class DirectoryRulesTests: XCTestCase {
    var fs: FaultyFileSystem!
    var store: Store!
    var integration = ""

    override func setUpWithError() throws {
        fs = FaultyFileSystem()
        store = try Store.open(configuration(fs))
        integration = try store.createIntegration("Okta")
    }

    override func tearDown() {
        store?.close()
        store = nil
    }

    func testUserNameIsUniqueIgnoringCaseAndFreedAtOnceOnDelete() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "Alice@Example.com", id: "u1")
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createUser(integration, "alice@example.COM", id: "u2") }, status: 409)
        XCTAssertEqual(store.read { $0.userID(integrationID: integration, userName: "ALICE@example.com") }, "u1")
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: integration, id: "u1") }
        XCTAssertNil(store.read { $0.userID(integrationID: integration, userName: "alice@example.com") })
        try store.createUser(integration, "alice@example.com", id: "u2")
        XCTAssertEqual(store.read { $0.userID(integrationID: integration, userName: "Alice@Example.com") }, "u2")
        // Same name in another integration is fine.
        let other = try store.createIntegration("Entra")
        try store.createUser(other, "alice@example.com", id: "u3")
    }

    func testDisplayNameIsUniqueIgnoringCaseAndFreedOnDelete() throws {
        let store = self.store!, integration = self.integration
        try store.createGroup(integration, "Admins", id: "g1")
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createGroup(integration, "ADMINS", id: "g2") }, status: 409)
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.group, integrationID: integration, id: "g1") }
        try store.createGroup(integration, "admins", id: "g2")
        XCTAssertEqual(store.read { $0.groupID(integrationID: integration, displayName: "Admins") }, "g2")
    }

    func testRenameOfUserNameMovesTheIndexAndVersionCountsChanges() throws {
        let store = self.store!, integration = self.integration
        let created = try store.createUser(integration, "bob", id: "u1", externalId: "ext-1")
        XCTAssertEqual(created.version, 1)
        XCTAssertEqual(created.created, created.lastModified)
        let replaced = try store.writeAndWait { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: integration, attributes: userAttributes("robert", externalId: "ext-2")))
        }
        XCTAssertEqual(replaced.version, 2)
        XCTAssertEqual(replaced.created, created.created)
        XCTAssertGreaterThan(replaced.lastModified, created.lastModified)
        store.read { s in
            XCTAssertNil(s.userID(integrationID: integration, userName: "bob"))
            XCTAssertEqual(s.userID(integrationID: integration, userName: "Robert"), "u1")
            XCTAssertEqual(s.resourceIDs(.user, integrationID: integration, externalId: "ext-1"), [])
            XCTAssertEqual(s.resourceIDs(.user, integrationID: integration, externalId: "ext-2"), ["u1"])
            XCTAssertEqual(s.resourceIDs(.user, integrationID: integration, externalId: "EXT-2"), [], "externalId is exact")
        }
        // Two changes in one transaction: one version step.
        let twice = try store.writeAndWait { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: integration, attributes: userAttributes("r1")))
            return try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: integration, attributes: userAttributes("r2")))
        }
        XCTAssertEqual(twice.version, 3)
    }

    func testExternalIdIndexHoldsSeveralResources() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "a", id: "u1", externalId: "same")
        try store.createUser(integration, "b", id: "u2", externalId: "same")
        XCTAssertEqual(store.read { $0.resourceIDs(.user, integrationID: integration, externalId: "same") }, ["u1", "u2"])
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: integration, id: "u1") }
        XCTAssertEqual(store.read { $0.resourceIDs(.user, integrationID: integration, externalId: "same") }, ["u2"])
    }

    func testResourceErrors() throws {
        let store = self.store!, integration = self.integration
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createUser("no-such-integration", "x") }, status: 404)
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "u9", kind: .user, integrationID: integration, attributes: JSONObject()))
            }
        }, status: 400)
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: integration, id: "nope") }
        }, status: 404)
        try store.createUser(integration, "x", id: "shared")
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createGroup(integration, "G", id: "shared") }, status: 409)
    }

    func testMembershipAddAndRemoveAreIdempotent() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "a", id: "u1")
        try store.createUser(integration, "b", id: "u2")
        try store.createGroup(integration, "G", id: "g1")
        let added = try store.writeAndWait { tx throws(SCIMError) in
            try tx.addMembers(integrationID: integration, groupID: "g1",
                              members: [member("u1"), member("u2"), member("u1"), member("nobody"), member("g1")])
        }
        XCTAssertEqual(added, ["u1", "u2"], "repeats, unknown ids and the group itself are skipped")
        let v2 = store.read { $0.resource(.group, integrationID: integration, id: "g1")!.version }
        XCTAssertEqual(v2, 2)
        let again = try store.writeAndWait { tx throws(SCIMError) in
            try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u2")])
        }
        XCTAssertEqual(again, [])
        XCTAssertEqual(store.read { $0.resource(.group, integrationID: integration, id: "g1")!.version }, 2, "no change, no new version")
        let removed = try store.writeAndWait { tx throws(SCIMError) in
            try tx.removeMembers(integrationID: integration, groupID: "g1", values: ["u1", "u1", "zzz"])
        }
        XCTAssertEqual(removed, ["u1"])
        let none = try store.writeAndWait { tx throws(SCIMError) in
            try tx.removeMembers(integrationID: integration, groupID: "g1", values: ["u1"])
        }
        XCTAssertEqual(none, [])
        store.read { s in
            XCTAssertEqual(s.resource(.group, integrationID: integration, id: "g1")!.version, 3)
            XCTAssertEqual(s.members(integrationID: integration, groupID: "g1")!.values, ["u2"])
            XCTAssertEqual(s.groupIDs(integrationID: integration, userID: "u2"), ["g1"])
            XCTAssertEqual(s.groupIDs(integrationID: integration, userID: "u1"), [])
            XCTAssertEqual(s.membershipCount, 1)
        }
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in
                try tx.addMembers(integrationID: integration, groupID: "g1", members: [JSONObject([("display", "no value")])])
            }
        }, status: 400)
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in try tx.addMembers(integrationID: integration, groupID: "nope", members: [member("u1")]) }
        }, status: 404)
    }

    func testMemberObjectsAreKeptAsSentInOrder() throws {
        let store = self.store!, integration = self.integration
        for i in 0..<5 { try store.createUser(integration, "user\(i)", id: "u\(i)") }
        try store.createGroup(integration, "G", id: "g1")
        let sent = (0..<5).reversed().map { i in
            JSONObject([("value", .string("u\(i)")), ("display", .string("User \(i)")), ("type", "User")])
        }
        try store.writeAndWait { tx throws(SCIMError) in _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: sent) }
        store.read { s in
            let list = s.members(integrationID: integration, groupID: "g1")!
            XCTAssertEqual(list.count, 5)
            XCTAssertEqual(list.all, sent)
            XCTAssertEqual(list.member("u3"), sent[1])
            XCTAssertEqual(list.page(offset: 1, limit: 2), Array(sent[1...2]))
            XCTAssertTrue(list.contains("u0"))
            XCTAssertFalse(list.contains("u9"))
        }
    }

    func testReplaceMembersChangesVersionOnceAndKeepsOrder() throws {
        let store = self.store!, integration = self.integration
        for i in 0..<4 { try store.createUser(integration, "user\(i)", id: "u\(i)") }
        try store.createGroup(integration, "G", id: "g1")
        try store.writeAndWait { tx throws(SCIMError) in
            _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u0"), member("u1"), member("u2")])
        }
        let result = try store.writeAndWait { tx throws(SCIMError) in
            try tx.replaceMembers(integrationID: integration, groupID: "g1", members: [member("u2"), member("u3"), member("u0")])
        }
        XCTAssertEqual(result.added, ["u3"])
        XCTAssertEqual(result.removed, ["u1"])
        store.read { s in
            XCTAssertEqual(s.members(integrationID: integration, groupID: "g1")!.values, ["u0", "u2", "u3"])
            XCTAssertEqual(s.resource(.group, integrationID: integration, id: "g1")!.version, 3)
        }
    }

    func testDeletingAUserRemovesItsMemberships() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "a", id: "u1")
        try store.createUser(integration, "b", id: "u2")
        try store.createGroup(integration, "G1", id: "g1")
        try store.createGroup(integration, "G2", id: "g2")
        try store.writeAndWait { tx throws(SCIMError) in
            _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u1"), member("u2")])
            _ = try tx.addMembers(integrationID: integration, groupID: "g2", members: [member("u1"), member("g1")])
        }
        let before = store.read { $0.resource(.group, integrationID: integration, id: "g1")!.version }
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: integration, id: "u1") }
        store.read { s in
            XCTAssertEqual(s.members(integrationID: integration, groupID: "g1")!.values, ["u2"])
            XCTAssertEqual(s.members(integrationID: integration, groupID: "g2")!.values, ["g1"])
            XCTAssertEqual(s.groupIDs(integrationID: integration, userID: "u1"), [])
            XCTAssertEqual(s.resource(.group, integrationID: integration, id: "g1")!.version, before + 1)
            XCTAssertEqual(s.membershipCount, 2)
        }
        // Deleting a group takes it out of its parents, and its members no longer list it.
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.group, integrationID: integration, id: "g1") }
        store.read { s in
            XCTAssertEqual(s.members(integrationID: integration, groupID: "g2")!.values, [])
            XCTAssertEqual(s.groupIDs(integrationID: integration, userID: "u2"), [])
            XCTAssertNil(s.members(integrationID: integration, groupID: "g1"))
            XCTAssertEqual(s.membershipCount, 0)
        }
    }

    func testDeleteIntegrationRemovesEverything() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "a", id: "u1")
        try store.createGroup(integration, "G", id: "g1")
        try store.writeAndWait { tx throws(SCIMError) in _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u1")]) }
        let other = try store.createIntegration("Entra")
        try store.createUser(other, "a", id: "u1")
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteIntegration(id: integration) }
        store.read { s in
            XCTAssertNil(s.integration(id: integration))
            XCTAssertNil(s.integration(named: "okta"))
            XCTAssertNil(s.integration(tokenHash: tokenHash("Okta")))
            XCTAssertNil(s.resource(.user, integrationID: integration, id: "u1"))
            XCTAssertEqual(s.resourceCount(.user, integrationID: integration), 0)
            XCTAssertEqual(s.userCount, 1)
            XCTAssertEqual(s.groupCount, 0)
            XCTAssertEqual(s.membershipCount, 0)
            XCTAssertEqual(s.integrations.map(\.id), [other])
            XCTAssertNotNil(s.resource(.user, integrationID: other, id: "u1"))
        }
        // The name is free again.
        try store.createIntegration("OKTA", id: "int-new")
    }

    func testIntegrationRules() throws {
        let store = self.store!, integration = self.integration
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createIntegration("okta", id: "other") }, status: 409)
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createIntegration("  ", id: "blank") }, status: 400)
        let entra = try store.createIntegration("Entra")
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in try tx.renameIntegration(id: entra, to: "OKTA") }
        }, status: 409)
        try store.writeAndWait { tx throws(SCIMError) in try tx.renameIntegration(id: entra, to: "Microsoft Entra") }
        try store.writeAndWait { tx throws(SCIMError) in try tx.renameIntegration(id: integration, to: "okta") }  // own name, other case
        try store.writeAndWait { tx throws(SCIMError) in try tx.rotateToken(integrationID: entra, tokenHash: tokenHash("new"), tokenHint: "scimd_…new") }
        store.read { s in
            XCTAssertEqual(s.integration(named: "microsoft ENTRA")?.id, entra)
            XCTAssertEqual(s.integration(named: "OKTA")?.name, "okta")
            XCTAssertNil(s.integration(tokenHash: tokenHash("Entra")), "the old token stops working")
            XCTAssertEqual(s.integration(tokenHash: tokenHash("new"))?.id, entra)
            XCTAssertEqual(s.integration(tokenHash: tokenHash("Okta"))?.id, integration)
            XCTAssertEqual(s.integrations.map(\.id), [integration, entra])
            XCTAssertGreaterThan(s.integration(id: entra)!.tokenRotatedAt, s.integration(id: entra)!.createdAt)
        }
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in try tx.deleteIntegration(id: "nope") }
        }, status: 404)
        try store.writeAndWait { tx throws(SCIMError) in tx.setAdminPassword(record: "pbkdf2$1$abc") }
        XCTAssertEqual(store.read { $0.adminPasswordRecord }, "pbkdf2$1$abc")
    }

    struct Abort: Error {}

    func testTransactionRollbackLeavesStateAndLogUnchanged() throws {
        let store = self.store!, integration = self.integration
        try store.createUser(integration, "a", id: "u1")
        try store.createUser(integration, "b", id: "u2")
        try store.createGroup(integration, "G", id: "g1")
        try store.createGroup(integration, "H", id: "g2")
        try store.writeAndWait { tx throws(SCIMError) in
            _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u1"), member("u2"), member("g2")])
        }
        try store.writeAndWait { tx throws(SCIMError) in _ = try tx.addMembers(integrationID: integration, groupID: "g2", members: [member("u2")]) }
        let before = store.fingerprint
        let records = store.metrics.recordsAppended
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try store.writeAndWait { tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "u3", kind: .user, integrationID: integration, attributes: userAttributes("c")))
                _ = try tx.addMembers(integrationID: integration, groupID: "g1", members: [member("u3")])
                try tx.deleteResource(.user, integrationID: integration, id: "u1")
                try tx.deleteResource(.group, integrationID: integration, id: "g2")
                _ = try tx.removeMembers(integrationID: integration, groupID: "g1", values: ["u2"])
                try tx.putResource(StoredResource(id: "u2", kind: .user, integrationID: integration, attributes: userAttributes("renamed")))
                try tx.renameIntegration(id: integration, to: "Renamed")
                try tx.rotateToken(integrationID: integration, tokenHash: tokenHash("x"), tokenHint: "x")
                tx.setAdminPassword(record: "p")
                try tx.createIntegration(id: "i2", name: "Second", tokenHash: tokenHash("2"), tokenHint: "2")
                try tx.createUser(in: "i2")
                try tx.deleteIntegration(id: integration)
                XCTAssertNil(tx.state.integration(id: integration))
                throw SCIMError.invalidValue("changed my mind")
            }
        }, status: 400)
        XCTAssertEqual(store.fingerprint, before)
        XCTAssertEqual(store.metrics.recordsAppended, records)
        // A failed mutation inside a body that carries on changes nothing either.
        try store.writeAndWait { tx throws(SCIMError) in
            XCTAssertThrowsSCIMError({ () throws(SCIMError) in try tx.putResource(StoredResource(id: "u9", kind: .user, integrationID: integration, attributes: userAttributes("A"))) }, status: 409)
        }
        XCTAssertEqual(store.fingerprint, before)
        store.close()
        let reopened = try Store.open(configuration(fs))
        self.store = reopened
        XCTAssertEqual(reopened.fingerprint, before)
    }

    func testPagingFollowsCreationOrderAcrossDeletes() throws {
        let store = self.store!, integration = self.integration
        var expected: [String] = []
        try store.writeAndWait { tx throws(SCIMError) in
            for i in 0..<3000 {
                try tx.putResource(StoredResource(id: "u\(i)", kind: .user, integrationID: integration, attributes: userAttributes("user\(i)")))
            }
        }
        expected = (0..<3000).map { "u\($0)" }
        try store.writeAndWait { tx throws(SCIMError) in
            for i in stride(from: 0, to: 3000, by: 7) { try tx.deleteResource(.user, integrationID: integration, id: "u\(i)") }
        }
        expected.removeAll { Int($0.dropFirst())! % 7 == 0 }
        for limit in [1, 10, 100, 1000, 5000] {
            var seen: [String] = []
            var offset = 0
            while true {
                let page = store.read { $0.resources(.user, integrationID: integration, offset: offset, limit: limit) }
                if page.isEmpty { break }
                seen += page.map(\.id)
                offset += page.count
            }
            XCTAssertEqual(seen, expected, "limit \(limit)")
        }
        XCTAssertEqual(store.read { $0.resourceCount(.user, integrationID: integration) }, expected.count)
        var visited: [String] = []
        store.read { s in s.forEachResource(.user, integrationID: integration) { visited.append($0.id); return visited.count < 10 } }
        XCTAssertEqual(visited, Array(expected.prefix(10)))
        // Replacing keeps the position; the order survives a snapshot and reopen.
        try store.writeAndWait { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: integration, attributes: userAttributes("first-renamed")))
        }
        try store.compact()
        store.close()
        let reopened = try Store.open(configuration(fs))
        self.store = reopened
        XCTAssertEqual(reopened.read { $0.resources(.user, integrationID: integration, offset: 0, limit: 3).map(\.id) }, Array(expected.prefix(3)))
        XCTAssertEqual(reopened.read { $0.resources(.user, integrationID: integration, offset: expected.count - 2, limit: 5).map(\.id) },
                       Array(expected.suffix(2)))
    }

    func testBodyThatChangesNothingSucceedsWithoutARecord() throws {
        let store = self.store!, integration = self.integration
        let records = store.metrics.recordsAppended
        let count = try store.writeAndWait { tx throws(SCIMError) in tx.state.resourceCount(.user, integrationID: integration) }
        XCTAssertEqual(count, 0)
        XCTAssertEqual(store.metrics.recordsAppended, records)
    }
}

extension Transaction {
    mutating func createUser(in integrationID: String) throws(SCIMError) {
        try putResource(StoredResource(id: "x1", kind: .user, integrationID: integrationID, attributes: userAttributes("x")))
    }
}
