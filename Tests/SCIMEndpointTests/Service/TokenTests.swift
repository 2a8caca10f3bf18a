import Crypto
import SCIMCore
import XCTest

/// SPEC section 3: one bearer token per integration; rotation stops the old one at once (and for
/// good, across restarts); deleting the integration stops its token; tokens are never stored or
/// logged in clear.
final class TokenTests: SCIMEndpointTestCase {
    func assertUnauthorized(_ r: SCIMResponse, file: StaticString = #filePath, line: UInt = #line) {
        assertSCIMError(r, 401, file: file, line: line)
        XCTAssertTrue(r.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true, "WWW-Authenticate: \(r.headers["WWW-Authenticate"] ?? "none")", file: file, line: line)
    }

    func testRotationStopsTheOldTokenAtOnceAndAfterARestart() throws {
        let id = try createUser("rotate@example.com")
        let oldToken = integration.token
        let newToken = try server.rotateToken(integration)
        XCTAssertNotEqual(oldToken, newToken)
        XCTAssertTrue(newToken.hasPrefix("scimd_"))

        // The same keep-alive connection, the next request: refused.
        assertUnauthorized(try scim.get("/Users/\(id)"))
        assertUnauthorized(try scim.get("/Users"))
        assertUnauthorized(try scim.post("/Users", json: "{\"userName\":\"x\"}"))
        let fresh = server.client(token: newToken)
        XCTAssertEqual(try fresh.get("/Users/\(id)").status, 200)

        try server.restart()
        assertUnauthorized(try server.client(token: oldToken).get("/Users/\(id)"))
        let afterRestart = try server.client(token: newToken).get("/Users/\(id)")
        XCTAssertEqual(afterRestart.status, 200)
        XCTAssertEqual(afterRestart.json["userName"], "rotate@example.com")
    }

    func testDeletingTheIntegrationStopsItsToken() throws {
        let id = try createUser("gone@example.com")
        try server.deleteIntegration(integration)
        assertUnauthorized(try scim.get("/Users/\(id)"))
        assertUnauthorized(try scim.get("/Users"))
        try server.restart()
        assertUnauthorized(try server.client(integration).get("/Users"))
    }

    /// Every way of not presenting a valid token gets the same SCIM 401, and discovery stays public.
    func testMissingOrMalformedCredentials() throws {
        let anonymous = server.client(token: nil)
        assertUnauthorized(try anonymous.get("/Users"))
        assertUnauthorized(try anonymous.get("/Groups"))
        for header in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer \(integration.token)x", "bearer  \(String(integration.token.dropLast()))",
                       integration.token, "Bearer scimd_" + String(repeating: "A", count: 600)] {
            anonymous.extraHeaders = [("Authorization", header)]
            assertUnauthorized(try anonymous.get("/Users"))
        }
        // The scheme is case-insensitive (RFC 9110 section 11.1).
        anonymous.extraHeaders = [("Authorization", "bearer \(integration.token)")]
        XCTAssertEqual(try anonymous.get("/Users").status, 200)
        // A token in the URL is not accepted.
        anonymous.extraHeaders = []
        assertUnauthorized(try anonymous.get("/Users?access_token=\(integration.token)"))
        // Discovery needs no token (RFC 7644 section 4).
        XCTAssertEqual(try anonymous.get("/ServiceProviderConfig").status, 200)
        XCTAssertEqual(try anonymous.get("/Schemas").status, 200)
        XCTAssertEqual(try anonymous.get("/ResourceTypes").status, 200)
    }

    /// Creates and rotates tokens, runs requests (good, bad, misconfigured), restarts, compacts,
    /// then searches every file in the data directory and all captured log text for every token
    /// issued: no hit. (The SHA-256 of a token may appear; the token may not.)
    func testNoTokenIsWrittenToDiskOrLogged() throws {
        var issued = [integration.token]
        let second = try server.createIntegration("Second")
        issued.append(second.token)
        issued.append(try server.rotateToken(second))
        let rotated = try server.rotateToken(integration)
        issued.append(rotated)

        let current = server.client(token: rotated)
        let user = try createUser("token-check@example.com", client: current)
        try createGroup("Token Check", members: [user], client: current)
        for token in issued {
            let c = server.client(token: token)
            _ = try c.get("/Users")
            _ = try c.get("/Users?filter=userName eq \"token-check@example.com\"")
            _ = try c.post("/Users", json: "{\"userName\": \"other-\(issued.firstIndex(of: token) ?? 0)\"}")
            _ = try c.post("/Users", json: "not json")
            // A misconfigured client that puts the token in the URL as well.
            _ = try c.get("/Users?access_token=\(token)")
            _ = try server.client(token: nil).get("/Groups?token=\(token)")
        }
        try server.store.compact()
        try server.restart()
        _ = try server.client(token: rotated).get("/Users")
        try server.store.compact()

        let files = server.directory.fileNames()
        XCTAssertTrue(files.contains { $0.hasPrefix("log-") }, "\(files)")
        XCTAssertTrue(files.contains { $0.hasPrefix("snapshot-") }, "\(files)")
        let texts = files.map { (name: $0, text: String(decoding: server.directory.contents(of: $0), as: UTF8.self)) }
            + [(name: "store log", text: server.storeLog.messages.joined(separator: "\n")),
               (name: "activity log", text: server.activityText)]
        var hashFound = false
        for token in issued {
            let secret = String(token.dropFirst(BearerToken.prefix.count).prefix(43))
            let hashHex = BearerToken.hash(token).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            for (name, text) in texts {
                XCTAssertFalse(text.contains(token), "token found in \(name)")
                XCTAssertFalse(text.contains(secret), "token's random part found in \(name)")
                if text.contains(hashHex) { hashFound = true }
            }
        }
        _ = hashFound  // informational: the store may keep the hash in any encoding
    }
}
