import HTTPServer
import SCIMCore
import XCTest

/// Bad input gets the right SCIM error (RFC 7644 section 3.12), never a crash, never a partial change.
final class ProtocolErrorTests: SCIMEndpointTestCase {
    func testMalformedBodiesAreInvalidSyntax() throws {
        let id = try createUser("body@example.com")
        let gid = try createGroup("Body")
        let bodies = ["{", "not json", "{\"userName\": \"a\",}", "[]", "\"text\"", "{\"userName\": \"\\ud800\"",
                      String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
                      String(repeating: "{\"a\":", count: 5000) + "1" + String(repeating: "}", count: 5000)]
        for body in bodies {
            for (method, path) in [("POST", "/Users"), ("PUT", "/Users/\(id)"), ("PATCH", "/Users/\(id)"),
                                   ("POST", "/Groups"), ("PUT", "/Groups/\(gid)"), ("PATCH", "/Groups/\(gid)"),
                                   ("POST", "/.search"), ("POST", "/Users/.search")] {
                let r = try scim.send(method, path, body: Array(body.utf8))
                assertSCIMError(r, 400, scimType: "invalidSyntax")
            }
        }
        for (method, path) in [("POST", "/Users"), ("PUT", "/Users/\(id)"), ("PATCH", "/Users/\(id)"), ("POST", "/.search")] {
            assertSCIMError(try scim.send(method, path), 400, scimType: "invalidSyntax")
        }
        XCTAssertEqual(try scim.get("/Users").totalResults, 1, "nothing was created")
        XCTAssertEqual(try scim.get("/Users/\(id)").json["userName"], "body@example.com")
    }

    func testSchemaViolationsAreInvalidValue() throws {
        for body in ["{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
                     "{\"userName\": \"\"}", "{\"userName\": null}", "{\"userName\": [\"a\"]}",
                     "{\"userName\": \"x\", \"active\": \"maybe\"}", "{\"userName\": \"x\", \"name\": \"not an object\"}"] {
            let r = try scim.post("/Users", json: body)
            XCTAssertEqual(r.status, 400, body + " → " + r.text)
            assertSCIMError(r, 400)
        }
        assertSCIMError(try scim.post("/Groups", json: "{\"members\": []}"), 400, scimType: "invalidValue")
        XCTAssertEqual(try scim.get("/Users").totalResults, 0)
    }

    func testUniquenessIsJudgedLikeTheUserNameFilter() throws {
        let id = try createUser("Dup.User@Example.com")
        for name in ["dup.user@example.com", "DUP.USER@EXAMPLE.COM", "Dup.User@Example.com"] {
            // The filter finds the user, so POST must say "exists" (Entra S4), and vice versa.
            XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"\(name)\"")), [id])
            let r = try scim.post("/Users", json: "{\"userName\": \"\(name)\"}")
            assertSCIMError(r, 409, scimType: "uniqueness")
        }
        // Non-ASCII names fold the same way in both places.
        let jorg = try createUser("JÖRG.Müller")
        for name in ["jörg.müller", "JÖRG.MÜLLER", "Jörg.Müller"] {
            XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"\(name)\"")), [jorg], name)
            XCTAssertEqual(ids(try scim.get("/Users?filter=userName eq \"\(name)\" or userName eq \"nobody\"")), [jorg], name)
            assertSCIMError(try scim.post("/Users", json: "{\"userName\": \"\(name)\"}"), 409, scimType: "uniqueness")
        }
        let group = try createGroup("Équipe Ünïcode")
        XCTAssertEqual(ids(try scim.get("/Groups?filter=displayName eq \"équipe ünïcode\"")), [group])
        assertSCIMError(try scim.post("/Groups", json: "{\"displayName\": \"ÉQUIPE ÜNÏCODE\"}"), 409, scimType: "uniqueness")

        // PATCH and PUT renames meet the same rule.
        let other = try createUser("other@example.com")
        assertSCIMError(try scim.patch("/Users/\(other)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"DUP.user@example.com"}]}
            """), 409, scimType: "uniqueness")
        assertSCIMError(try scim.put("/Users/\(other)", json: "{\"userName\": \"jörg.MÜLLER\"}"), 409, scimType: "uniqueness")
        XCTAssertEqual(try scim.get("/Users/\(other)").json["userName"], "other@example.com")
        // Renaming a user to another case of its own name is fine.
        let selfRename = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"dup.user@example.com"}]}
            """)
        XCTAssertEqual(selfRename.status, 200, selfRename.text)
        XCTAssertEqual(selfRename.json["userName"], "dup.user@example.com")
    }

    func testBadFiltersAreInvalidFilter() throws {
        for filter in ["userName eq", "userName xx \"a\"", "(userName eq \"a\"", "userName eq \"unterminated", "eq \"a\"",
                       "userName eq \"a\" and", "emails[type eq \"work\"", "not userName eq \"a\"", "userName eq \"a\" or or",
                       String(repeating: "(", count: 1000) + "userName eq \"a\"" + String(repeating: ")", count: 1000)] {
            let r = try scim.get("/Users?filter=\(QueryParameters.encode(filter))")
            assertSCIMError(r, 400, scimType: "invalidFilter")
        }
        let search = try scim.post("/Users/.search", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq"}
            """)
        assertSCIMError(search, 400, scimType: "invalidFilter")
        // Deep nesting in a body (no request-line limit there) is refused, not a stack overflow.
        let deep = String(repeating: "(", count: 100_000) + "userName eq \\\"a\\\"" + String(repeating: ")", count: 100_000)
        assertSCIMError(try scim.post("/.search", json: "{\"filter\": \"\(deep)\"}"), 400, scimType: "invalidFilter")
        let deepNot = String(repeating: "not (", count: 50_000) + "userName eq \\\"a\\\"" + String(repeating: ")", count: 50_000)
        assertSCIMError(try scim.post("/.search", json: "{\"filter\": \"\(deepNot)\"}"), 400, scimType: "invalidFilter")
    }

    func testBadPatchRequests() throws {
        let id = try createUser("patch@example.com", extra: "\"displayName\": \"Before\"")
        let gid = try createGroup("Patch")
        func patch(_ operations: String, _ target: String? = nil) throws -> SCIMResponse {
            try scim.patch(target ?? "/Users/\(id)", json: "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[\(operations)]}")
        }
        for op in ["{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}",
                   "{\"op\":\"replace\",\"path\":\"name..givenName\",\"value\":\"x\"}",
                   "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"]]\",\"value\":\"x\"}"] {
            let r = try patch(op)
            assertSCIMError(r, 400, scimType: "invalidPath")
        }
        assertSCIMError(try patch("{\"op\":\"add\",\"path\":\"\",\"value\":\"x\"}"), 400)
        assertSCIMError(try patch("{\"op\":\"move\",\"path\":\"displayName\",\"value\":\"x\"}"), 400)
        assertSCIMError(try patch("{\"path\":\"displayName\",\"value\":\"x\"}"), 400)
        assertSCIMError(try scim.patch("/Users/\(id)", json: "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}"), 400)
        assertSCIMError(try scim.patch("/Users/\(id)", json: "{\"Operations\":{}}"), 400)
        // A required attribute cannot be removed; the value type is checked.
        assertSCIMError(try patch("{\"op\":\"remove\",\"path\":\"userName\"}"), 400)
        assertSCIMError(try patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}"), 400)
        assertSCIMError(try patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}", "/Users/no-such-user"), 404)
        // One bad op fails the whole request: nothing of it is applied.
        let mixed = try patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"After\"},{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}")
        assertSCIMError(mixed, 400, scimType: "invalidPath")
        XCTAssertEqual(try scim.get("/Users/\(id)").json["displayName"], "Before")
        // A member without a usable id is not stored.
        let odd = try patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":42},{\"display\":\"no value\"}]}", "/Groups/\(gid)")
        XCTAssertTrue(odd.status == 204 || odd.status == 400, odd.text)
        XCTAssertEqual(try members(of: gid), [])
        // E38: an empty Operations array is accepted.
        XCTAssertEqual(try scim.patch("/Users/\(id)", json: "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}").status, 200)
        // E37: an op naming a valid but unmodelled or unknown attribute does not fail the rest.
        let lenient = try patch("""
            {"op":"Replace","path":"addresses[type eq \\"work\\"].streetAddress","value":"1 Main St"},
            {"op":"Replace","path":"urn:example:custom:2.0:User:badge","value":"B-7"},
            {"op":"Replace","path":"active","value":"False"}
            """)
        XCTAssertEqual(lenient.status, 200, lenient.text)
        XCTAssertEqual(lenient.json["active"], false)
    }

    /// SPEC section 2: a member id that names no user or group of this integration is skipped, the
    /// rest applies, and the activity log names the skipped ids.
    func testUnknownMemberIdsAreSkipped() throws {
        let u = try createUser("member@example.com")
        let created = try scim.post("/Groups", json: """
            {"displayName":"Partly Known","members":[{"value":"no-such-id-1"},{"value":"\(u)"},{"value":"no-such-id-2"}]}
            """)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.memberValues, [u])
        let gid = try XCTUnwrap(created.id)
        let patched = try scim.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"no-such-id-3"},{"value":"\(gid)"}]}]}
            """)
        XCTAssertEqual(patched.status, 204, patched.text)
        XCTAssertEqual(try members(of: gid), [u])
        let put = try scim.put("/Groups/\(gid)", json: """
            {"displayName":"Partly Known","members":[{"value":"no-such-id-4"}]}
            """)
        XCTAssertEqual(put.status, 200, put.text)
        XCTAssertEqual(put.memberValues, [])
        let log = server.activityText
        for skipped in ["no-such-id-1", "no-such-id-2", "no-such-id-3", "no-such-id-4"] {
            XCTAssertTrue(log.contains(skipped), "the activity log names \(skipped)")
        }
    }

    func testRoutingErrors() throws {
        for path in ["/Foo", "/Users/a/b", "", "/", "/Users/a;b=c", "/Groups/x/members"] {
            assertSCIMError(try scim.get(path), 404)
        }
        for path in ["/Bulk", "/Me"] {
            for method in ["GET", "POST"] {
                let r = try scim.send(method, path, body: method == "POST" ? Array("{}".utf8) : [])
                assertSCIMError(r, 501)
            }
        }
        for path in ["/ServiceProviderConfig", "/Schemas", "/ResourceTypes", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", "/ResourceTypes/User"] {
            for method in ["POST", "PUT", "PATCH", "DELETE"] {
                let r = try scim.send(method, path, body: method == "DELETE" ? [] : Array("{}".utf8))
                assertSCIMError(r, 405)
                XCTAssertEqual(r.headers["Allow"], "GET")
            }
            XCTAssertEqual(try scim.get(path).status, 200, path)
        }
        assertSCIMError(try scim.get("/Schemas/urn:example:nothing"), 404)
        assertSCIMError(try scim.get("/ResourceTypes/Device"), 404)
        let collection = try scim.delete("/Users")
        assertSCIMError(collection, 405)
        XCTAssertNotNil(collection.headers["Allow"])
        assertSCIMError(try scim.get("/.search"), 405)
        assertSCIMError(try scim.send("POST", "/Users/x", body: Array("{}".utf8)), 405)
    }

    func testOversizedBodyIs413WithASCIMBody() throws {
        let big = "{\"userName\": \"big\", \"displayName\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
        let r = try scim.post("/Users", json: big)
        assertSCIMError(r, 413)
        assertEmptyList(try server.client(integration).get("/Users?filter=userName eq \"big\""))
    }

    /// E61: Entra sends no User-Agent; requests carry only what the client puts there. Also no
    /// Content-Type on a GET/DELETE, unknown query parameters (E39) and Accept-Charset (O25).
    func testLenientHeadersAndParameters() throws {
        let id = try createUser("lenient@example.com")
        let raw = try HTTPTestConnection(port: server.port)
        defer { raw.close() }
        try raw.sendRaw("GET /api/v1/scim/Users/\(id) HTTP/1.1\r\nHost: scim.example.com\r\nAuthorization: Bearer \(integration.token)\r\n\r\n")
        let r = try raw.readResponse()
        XCTAssertEqual(r.status, 200, r.bodyText)
        XCTAssertTrue(r.bodyText.contains("lenient@example.com"))

        let odd = try scim.get("/Users?aadOptscim062020&foo=bar&filter=userName eq \"lenient@example.com\"&Count=5", headers: [("Accept-Charset", "utf-8")])
        XCTAssertEqual(ids(odd), [id])
        XCTAssertEqual(try scim.get("/Users/\(id)?aadOptscim062020").status, 200)
        XCTAssertEqual(try scim.delete("/Users/\(id)?aadOptscim062020", headers: [("Content-Type", "application/scim+json")]).status, 204)
        // POST without any Content-Type is accepted (the body is JSON).
        var c = HTTPHeaders()
        c.add("Authorization", "Bearer \(integration.token)")
        let noType = try raw.send(method: "POST", path: "/api/v1/scim/Users", headers: c, body: "{\"userName\":\"untyped\"}")
        XCTAssertEqual(noType.status, 201, noType.bodyText)
    }
}
