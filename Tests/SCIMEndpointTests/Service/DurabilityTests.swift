import Dispatch
import HTTPServer
import SCIMCore
import Synchronization
import XCTest

/// What a client was told stays true after a restart (log replay, and snapshot plus replay), and
/// concurrent writers cannot break the rules.
final class DurabilityTests: SCIMEndpointTestCase {
    /// Strings that JSON, the log format and the renderer must carry through unchanged.
    static let awkward = "Zoë \"quoted\" \\back\\slash\\ /slash\n\ttab \u{2028}\u{2029} 😀 \u{0001} <b>&amp;</b> 🇩🇪 e\u{301}"

    func testEverythingSurvivesRestartsExactly() throws {
        let escaped = String(decoding: JSONValue.string(Self.awkward).serialized(), as: UTF8.self)
        let u1 = try scim.post("/Users", json: """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName":"durable@example.com","externalId":"ext-durable","displayName":\(escaped),
             "name":{"formatted":\(escaped),"givenName":"Zoë"},"active":false,"title":"Ünïcode",
             "emails":[{"value":"durable@example.com","type":"work","primary":true},{"value":"other@example.com","type":"home"}],
             "phoneNumbers":[{"value":"55555555555","type":"mobile"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops","employeeNumber":"0042"}}
            """)
        XCTAssertEqual(u1.status, 201, u1.text)
        XCTAssertEqual(u1.json["displayName"]?.stringValue, Self.awkward)
        let id1 = try XCTUnwrap(u1.id)
        let id2 = try createUser("second@example.com")
        let gid = try createGroup(Self.awkward, members: [id2, id1])
        let deleted = try createUser("deleted@example.com")
        XCTAssertEqual(try scim.delete("/Users/\(deleted)").status, 204)
        _ = try scim.patch("/Users/\(id2)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Second"}]}
            """)

        func snapshotOfEverything(_ client: SCIMClient) throws -> [String] {
            try [client.get("/Users/\(id1)"), client.get("/Users/\(id2)"), client.get("/Groups/\(gid)"),
                 client.get("/Users?sortBy=userName"), client.get("/Groups"), client.get("/Users/\(deleted)")].map { r in
                "\(r.status) \(r.etag ?? "-") " + r.text.replacingOccurrences(of: ":\(server.port)/", with: ":PORT/")
            }
        }
        func normalisedPort(_ texts: [String], _ port: Int) -> [String] {
            texts.map { $0.replacingOccurrences(of: ":\(port)/", with: ":PORT/") }
        }
        let before = try snapshotOfEverything(scim)
        XCTAssertTrue(before[5].hasPrefix("404"))

        // Replay of the log alone.
        try server.restart()
        let afterReplay = try snapshotOfEverything(server.client(integration))
        XCTAssertEqual(normalisedPort(afterReplay, server.port), before)

        // A snapshot, then more changes, then a restart: snapshot plus replay.
        try server.store.compact()
        XCTAssertTrue(server.directory.fileNames().contains { $0.hasPrefix("snapshot-") })
        try server.restart()
        XCTAssertEqual(normalisedPort(try snapshotOfEverything(server.client(integration)), server.port), before)
        let c = server.client(integration)
        let removed = try c.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members","value":[{"value":"\(id2)"}]}]}
            """)
        XCTAssertEqual(removed.status, 204)
        let expected = try c.get("/Groups/\(gid)")
        try server.restart()
        let reread = try server.client(integration).get("/Groups/\(gid)")
        XCTAssertEqual(reread.memberValues, [id1])
        XCTAssertEqual(reread.etag, expected.etag)
        XCTAssertEqual(reread.json["meta"]?["lastModified"], expected.json["meta"]?["lastModified"])
        // The token still works and the names are still taken.
        assertSCIMError(try server.client(integration).post("/Users", json: "{\"userName\": \"DURABLE@example.com\"}"), 409, scimType: "uniqueness")
        XCTAssertEqual(try server.client(integration).post("/Users", json: "{\"userName\": \"deleted@example.com\"}").status, 201)
    }

    /// Two IdP workers racing to create the same user (or group): exactly one wins, the rest get
    /// 409, and the filter shows one.
    func testConcurrentDuplicateCreatesYieldOneResource() throws {
        let port = server.port, token = integration.token
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for i in 0..<16 {
            group.enter()
            let path = i % 2 == 0 ? "/Users" : "/Groups"
            let body = i % 2 == 0 ? "{\"userName\": \"Race@Example.com\"}" : "{\"displayName\": \"Racers\"}"
            Thread.detach {
                defer { group.leave() }
                let client = SCIMClient(port: port, basePath: SCIMTestServer.basePath, token: token)
                let status = (try? client.post(path, json: body).status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        let all = statuses.withLock { $0 }
        XCTAssertEqual(all.filter { $0 == 201 }.count, 2, "\(all)")
        XCTAssertEqual(all.filter { $0 == 409 }.count, 14, "\(all)")
        XCTAssertEqual(try scim.get("/Users?filter=userName eq \"race@example.com\"").totalResults, 1)
        XCTAssertEqual(try scim.get("/Groups?filter=displayName eq \"racers\"").totalResults, 1)
        XCTAssertEqual(try scim.get("/Users").totalResults, 1)
    }

    /// meta.location and Location follow the Host the client used (and never a forged one).
    func testLocationsFollowTheHostHeader() throws {
        let raw = try HTTPTestConnection(port: server.port)
        defer { raw.close() }
        var h = HTTPHeaders()
        h.add("Host", "scim.example.com")
        h.add("Authorization", "Bearer \(integration.token)")
        h.add("X-Forwarded-Host", "evil.example.net")
        h.add("X-Forwarded-Proto", "https")
        let r = SCIMResponse(try raw.send(method: "POST", path: "/api/v1/scim/Users", headers: h, body: "{\"userName\":\"located\"}"))
        XCTAssertEqual(r.status, 201, r.text)
        let id = try XCTUnwrap(r.id)
        XCTAssertEqual(r.headers["Location"], "http://scim.example.com/api/v1/scim/Users/\(id)")
        XCTAssertEqual(r.json["meta"]?["location"]?.stringValue, "http://scim.example.com/api/v1/scim/Users/\(id)")
        var bad = HTTPHeaders()
        bad.add("Host", "scim.example.com/<script>")
        bad.add("Authorization", "Bearer \(integration.token)")
        let forged = SCIMResponse(try raw.send(method: "GET", path: "/api/v1/scim/Users/\(id)", headers: bad))
        XCTAssertFalse(forged.text.contains("<script>"))
    }
}
