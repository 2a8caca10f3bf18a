import SCIMCore
import XCTest

/// ETags (RFC 7644 section 3.14): the ETag header is `meta.version`, `If-None-Match` gives 304,
/// `If-Match` on a stale version gives 412 and changes nothing.
final class ConditionalRequestTests: SCIMEndpointTestCase {
    func testETagIsMetaVersionOnEveryResponse() throws {
        let created = try scim.post("/Users", json: "{\"userName\": \"etag@example.com\"}")
        let id = try XCTUnwrap(created.id)
        XCTAssertNotNil(created.etag)
        XCTAssertEqual(created.etag, created.json["meta"]?["version"]?.stringValue)

        let read = try scim.get("/Users/\(id)")
        XCTAssertEqual(read.etag, read.json["meta"]?["version"]?.stringValue)
        XCTAssertEqual(read.etag, created.etag)

        let patched = try scim.patch("/Users/\(id)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"E"}]}
            """)
        XCTAssertEqual(patched.etag, patched.json["meta"]?["version"]?.stringValue)
        XCTAssertNotEqual(patched.etag, created.etag)

        let put = try scim.put("/Users/\(id)", json: "{\"userName\": \"etag@example.com\", \"displayName\": \"F\"}")
        XCTAssertEqual(put.etag, put.json["meta"]?["version"]?.stringValue)
        XCTAssertNotEqual(put.etag, patched.etag)

        // A Group PATCH answers 204 with the new version in the ETag header.
        let gid = try createGroup("ETags")
        let groupETag = try scim.get("/Groups/\(gid)").etag
        let groupPatch = try scim.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"\(id)"}]}]}
            """)
        XCTAssertEqual(groupPatch.status, 204)
        let group = try scim.get("/Groups/\(gid)")
        XCTAssertEqual(groupPatch.etag, group.etag)
        XCTAssertEqual(group.etag, group.json["meta"]?["version"]?.stringValue)
        // Membership changes are changes of the group (version and lastModified).
        XCTAssertNotEqual(group.etag, groupETag)

        // Listed resources carry the same meta.version.
        let listed = try scim.get("/Users?filter=userName eq \"etag@example.com\"")
        XCTAssertEqual(listed.resources.first?["meta"]?["version"]?.stringValue, put.etag)
    }

    func testIfNoneMatch() throws {
        let id = try createUser("inm@example.com")
        let etag = try XCTUnwrap(try scim.get("/Users/\(id)").etag)
        let notModified = try scim.get("/Users/\(id)", headers: [("If-None-Match", etag)])
        XCTAssertEqual(notModified.status, 304)
        XCTAssertTrue(notModified.body.isEmpty)
        XCTAssertEqual(notModified.etag, etag)
        XCTAssertEqual(try scim.get("/Users/\(id)", headers: [("If-None-Match", "*")]).status, 304)
        XCTAssertEqual(try scim.get("/Users/\(id)", headers: [("If-None-Match", "W/\"999\", \(etag)")]).status, 304)
        let changed = try scim.get("/Users/\(id)", headers: [("If-None-Match", "W/\"999\"")])
        XCTAssertEqual(changed.status, 200)
        XCTAssertEqual(changed.json["userName"], "inm@example.com")
        // The connection is still usable after a 304 (no body to skip).
        XCTAssertEqual(try scim.get("/Users/\(id)").status, 200)
    }

    func testIfMatch() throws {
        let id = try createUser("im@example.com", extra: "\"displayName\": \"Original\"")
        let etag = try XCTUnwrap(try scim.get("/Users/\(id)").etag)
        let stale = "W/\"999\""
        let patch = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Changed"}]}
            """
        assertSCIMError(try scim.patch("/Users/\(id)", json: patch, headers: [("If-Match", stale)]), 412)
        assertSCIMError(try scim.put("/Users/\(id)", json: "{\"userName\": \"im@example.com\"}", headers: [("If-Match", stale)]), 412)
        assertSCIMError(try scim.delete("/Users/\(id)", headers: [("If-Match", stale)]), 412)
        let unchanged = try scim.get("/Users/\(id)")
        XCTAssertEqual(unchanged.json["displayName"], "Original")
        XCTAssertEqual(unchanged.etag, etag)

        let ok = try scim.patch("/Users/\(id)", json: patch, headers: [("If-Match", etag)])
        XCTAssertEqual(ok.status, 200, ok.text)
        // The old version no longer matches; the strong form of the new one does (weak comparison).
        assertSCIMError(try scim.patch("/Users/\(id)", json: patch, headers: [("If-Match", etag)]), 412)
        let newTag = try XCTUnwrap(ok.etag)
        XCTAssertEqual(try scim.put("/Users/\(id)", json: "{\"userName\": \"im@example.com\"}", headers: [("If-Match", String(newTag.dropFirst(2)))]).status, 200)
        XCTAssertEqual(try scim.delete("/Users/\(id)", headers: [("If-Match", "*")]).status, 204)

        let gid = try createGroup("Guarded")
        assertSCIMError(try scim.patch("/Groups/\(gid)", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"X"}]}
            """, headers: [("If-Match", stale)]), 412)
        XCTAssertEqual(try scim.get("/Groups/\(gid)").json["displayName"], "Guarded")
    }
}
