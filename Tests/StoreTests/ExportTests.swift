import SCIMCore
import Store
import XCTest

final class ExportTests: XCTestCase {
    func populated() throws -> FaultyFileSystem {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("Okta, Inc.")
        try store.writeAndWait { tx throws(SCIMError) in
            var a = userAttributes("alice@example.com", externalId: "ext-1")
            a["displayName"] = "Alice \"Al\" Smith"
            a["emails"] = .array([
                .object(JSONObject([("value", "home@example.com"), ("type", "home")])),
                .object(JSONObject([("value", "work@example.com"), ("type", "work"), ("primary", true)])),
            ])
            try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: i, attributes: a))
            var b = userAttributes("=cmd|' /C calc'!A0", active: false)
            b["displayName"] = "line\nbreak"
            try tx.putResource(StoredResource(id: "u2", kind: .user, integrationID: i, attributes: b))
            try tx.putResource(StoredResource(id: "g1", kind: .group, integrationID: i, attributes: groupAttributes("Admins", externalId: "gx")))
            _ = try tx.addMembers(integrationID: i, groupID: "g1", members: [member("u1"), member("u2")])
        }
        store.close()
        return fs
    }

    func testCSV() throws {
        let fs = try populated()
        let csv = String(decoding: try Store.export(directory: dataDirectory, format: .csv, fileSystem: fs), as: UTF8.self)
        let lines = [
            "type,integration,id,userName,displayName,externalId,active,email,members",
            "user,\"Okta, Inc.\",u1,alice@example.com,\"Alice \"\"Al\"\" Smith\",ext-1,true,work@example.com,",
            // A cell a spreadsheet would run as a formula is defused with a leading quote.
            "user,\"Okta, Inc.\",u2,'=cmd|' /C calc'!A0,\"line\nbreak\",,false,,",
            "group,\"Okta, Inc.\",g1,,Admins,gx,,,2",
            "",
        ]
        XCTAssertEqual(csv, lines.joined(separator: "\r\n"))
    }

    func testJSON() throws {
        let fs = try populated()
        let bytes = try Store.export(directory: dataDirectory, format: .json, fileSystem: fs, now: 0)
        let doc = try JSONParser.parse(bytes, maxDepth: 64)
        XCTAssertEqual(doc["exported"]?.stringValue, "1970-01-01T00:00:00.000Z")
        let integration = doc["integrations"]!.arrayValue![0]
        XCTAssertEqual(integration["name"]?.stringValue, "Okta, Inc.")
        XCTAssertNil(integration["tokenHash"], "no secrets in exports")
        let users = integration["users"]!.arrayValue!
        XCTAssertEqual(users.map { $0["id"]!.stringValue! }, ["u1", "u2"])
        XCTAssertEqual(users[0]["userName"]?.stringValue, "alice@example.com")
        XCTAssertEqual(users[0]["meta"]?["resourceType"]?.stringValue, "User")
        XCTAssertEqual(users[0]["meta"]?["version"]?.stringValue, "W/\"1\"")
        XCTAssertTrue(users[0]["meta"]!["created"]!.stringValue!.hasSuffix("Z"))
        let groups = integration["groups"]!.arrayValue!
        XCTAssertEqual(groups[0]["members"]?.arrayValue?.count, 2)
        XCTAssertEqual(groups[0]["meta"]?["version"]?.stringValue, "W/\"1\"", "created with its members in one transaction")
    }

    func testExportOfARunningStoreAndRefusalOfADamagedOne() throws {
        let fs = try populated()
        let store = try Store.open(configuration(fs))
        XCTAssertTrue(String(decoding: store.export(format: .csv), as: UTF8.self).contains("alice@example.com"))
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.export(directory: dataDirectory, format: .csv, fileSystem: fs) }) { error in
            XCTAssertTrue(error.message.contains("in use"), error.message)
        }
        store.close()
        let path = dataDirectory + "/log-0000000000000001.jsonl"
        var bytes = fs.contents(path)!
        bytes[60] ^= 1
        fs.setContents(path, bytes)
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.export(directory: dataDirectory, format: .json, fileSystem: fs) }) { error in
            XCTAssertTrue(error.message.contains("scimd check"), error.message)
        }
    }
}
