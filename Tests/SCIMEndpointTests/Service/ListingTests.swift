import SCIMCore
import XCTest

/// Lists and searches (RFC 7644 section 3.4): paging, sorting, projection, root `/.search`, and the
/// content type a client can take.
final class ListingTests: SCIMEndpointTestCase {
    var alice: String!, bob: String!, carol: String!, team: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        bob = try createUser("bob", extra: "\"displayName\": \"Shared Name\", \"name\": {\"familyName\": \"Brown\"}, \"emails\": [{\"value\": \"bob@x.example\", \"type\": \"work\"}]")
        alice = try createUser("alice", extra: "\"name\": {\"familyName\": \"Young\"}, \"emails\": [{\"value\": \"alice@y.example\", \"type\": \"home\"}], \"active\": false")
        carol = try createUser("Carol", extra: "\"name\": {\"familyName\": \"adams\"}, \"title\": \"CTO\"")
        team = try createGroup("Shared Name", members: [alice, bob])
    }

    func testPaging() throws {
        let all = try scim.get("/Users")
        XCTAssertEqual(ids(all), [bob, alice, carol], "creation order")
        XCTAssertEqual(all.json["itemsPerPage"], 3)

        let zero = try scim.get("/Users?count=0")
        XCTAssertEqual(zero.status, 200)
        XCTAssertEqual(zero.totalResults, 3)
        XCTAssertEqual(zero.json["itemsPerPage"], 0)
        XCTAssertEqual(zero.json["Resources"], .array([]))

        let beyond = try scim.get("/Users?startIndex=10&count=5")
        XCTAssertEqual(beyond.status, 200)
        XCTAssertEqual(beyond.totalResults, 3)
        XCTAssertEqual(beyond.json["startIndex"], 10)
        XCTAssertEqual(beyond.resources.count, 0)
        XCTAssertEqual(beyond.json["itemsPerPage"], 0)

        let second = try scim.get("/Users?startIndex=2&count=1")
        XCTAssertEqual(ids(second), [alice])
        XCTAssertEqual(second.json["startIndex"], 2)
        // RFC 7644 3.4.2.4: below 1 counts as 1, a negative count as 0.
        XCTAssertEqual(ids(try scim.get("/Users?startIndex=0&count=1")), [bob])
        XCTAssertEqual(try scim.get("/Users?startIndex=-5").json["startIndex"], 1)
        XCTAssertEqual(try scim.get("/Users?count=-1").resources.count, 0)
        assertSCIMError(try scim.get("/Users?count=many"), 400, scimType: "invalidValue")
        assertSCIMError(try scim.get("/Users?startIndex=1.5"), 400, scimType: "invalidValue")
        // Filtered paging.
        let filtered = try scim.get("/Users?filter=userName pr&startIndex=3&count=2")
        XCTAssertEqual(filtered.totalResults, 3)
        XCTAssertEqual(ids(filtered), [carol])
    }

    func testSorting() throws {
        XCTAssertEqual(ids(try scim.get("/Users?sortBy=userName")), [alice, bob, carol], "case-insensitive order")
        XCTAssertEqual(ids(try scim.get("/Users?sortBy=userName&sortOrder=descending")), [carol, bob, alice])
        XCTAssertEqual(ids(try scim.get("/Users?sortBy=name.familyName")), [carol, bob, alice])
        XCTAssertEqual(ids(try scim.get("/Users?sortBy=userName&startIndex=2&count=1")), [bob])
        XCTAssertEqual(ids(try scim.get("/Users?sortBy=userName&filter=userName ne \"ALICE\"")), [bob, carol])
        XCTAssertEqual(ids(try scim.post("/Users/.search", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"sortBy":"userName","sortOrder":"descending","count":2}
            """)), [carol, bob])
        assertSCIMError(try scim.get("/Users?sortBy=userName&sortOrder=sideways"), 400)
    }

    func testFilters() throws {
        XCTAssertEqual(ids(try scim.get("/Users?filter=userName sw \"a\"")), [alice])
        XCTAssertEqual(ids(try scim.get("/Users?filter=emails co \"@x.example\"")), [bob])
        XCTAssertEqual(ids(try scim.get("/Users?filter=emails[type eq \"home\" and value ew \"y.example\"]")), [alice])
        XCTAssertEqual(ids(try scim.get("/Users?filter=title pr")), [carol])
        XCTAssertEqual(ids(try scim.get("/Users?filter=not (title pr)")), [bob, alice])
        XCTAssertEqual(ids(try scim.get("/Users?filter=active eq false or name.familyName eq \"ADAMS\"")), [alice, carol])
        XCTAssertEqual(ids(try scim.get("/Users?filter=urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"BOB\"")), [bob])
        XCTAssertEqual(ids(try scim.get("/Users?filter=USERNAME Eq \"carol\"")), [carol], "attribute names and operators ignore case")
        XCTAssertEqual(ids(try scim.get("/Users?filter=meta.created gt \"2000-01-01T00:00:00Z\"")), [bob, alice, carol])
        XCTAssertEqual(ids(try scim.get("/Users?filter=id eq \"\(carol!)\"")), [carol])
        XCTAssertEqual(ids(try scim.get("/Users?filter=groups.value eq \"\(team!)\"")), [bob, alice])
        XCTAssertEqual(ids(try scim.get("/Groups?filter=members.value eq \"\(alice!)\"")), [team])
        XCTAssertEqual(ids(try scim.get("/Groups?filter=members[value eq \"\(bob!)\"]")), [team])
        assertEmptyList(try scim.get("/Users?filter=noSuchAttribute eq \"x\""))
    }

    func testRootSearchReturnsUsersAndGroups() throws {
        let all = try scim.post("/.search", json: "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
        XCTAssertEqual(all.status, 200, all.text)
        XCTAssertEqual(all.totalResults, 4)
        XCTAssertEqual(Set(ids(all)), [alice, bob, carol, team])
        let kinds = all.resources.compactMap { $0["meta"]?["resourceType"]?.stringValue }
        XCTAssertEqual(Set(kinds), ["User", "Group"])

        let shared = try scim.post("/.search", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \\"shared name\\"",
             "attributes":["displayName"]}
            """)
        XCTAssertEqual(Set(ids(shared)), [bob, team])
        for resource in shared.resources {
            XCTAssertNil(resource["members"])
            XCTAssertNil(resource["userName"])
            XCTAssertEqual(resource["displayName"], "Shared Name")
        }

        // Paging runs across both kinds without repeats.
        var seen: [String] = []
        for start in 1...5 {
            seen += ids(try scim.post("/.search", json: "{\"startIndex\": \(start), \"count\": 1}"))
        }
        XCTAssertEqual(seen.count, 4)
        XCTAssertEqual(Set(seen), [alice, bob, carol, team])
        let sorted = try scim.post("/.search", json: "{\"sortBy\": \"displayName\", \"filter\": \"displayName pr\"}")
        XCTAssertEqual(Set(ids(sorted)), [bob, team])
    }

    func testProjectionOnReadsAndWrites() throws {
        let onlyName = try scim.get("/Users/\(bob!)?attributes=userName")
        XCTAssertEqual(onlyName.json["id"]?.stringValue, bob)
        XCTAssertEqual(onlyName.json["userName"], "bob")
        XCTAssertNil(onlyName.json["emails"])
        XCTAssertNil(onlyName.json["displayName"])
        XCTAssertNil(onlyName.json["groups"])

        let noEmails = try scim.get("/Users?excludedAttributes=emails,groups&filter=userName eq \"bob\"")
        XCTAssertNil(noEmails.resources.first?["emails"])
        XCTAssertNil(noEmails.resources.first?["groups"])
        XCTAssertEqual(noEmails.resources.first?["displayName"], "Shared Name")

        let membersOnly = try scim.get("/Groups/\(team!)?attributes=members.value")
        XCTAssertEqual(membersOnly.memberValues, [alice, bob])
        XCTAssertNil(membersOnly.json["displayName"])

        let created = try scim.post("/Users?attributes=userName", json: "{\"userName\": \"dave\", \"title\": \"CFO\"}")
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.json["userName"], "dave")
        XCTAssertNil(created.json["title"])
        XCTAssertNotNil(created.id)
        let put = try scim.put("/Users/\(created.id ?? "")?excludedAttributes=title", json: "{\"userName\": \"dave\", \"title\": \"CEO\"}")
        XCTAssertNil(put.json["title"])
        XCTAssertEqual(try scim.get("/Users/\(created.id ?? "")").json["title"], "CEO")
        let patched = try scim.patch("/Users/\(created.id ?? "")?attributes=title", json: """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"COO"}]}
            """)
        XCTAssertEqual(patched.json["title"], "COO")
        XCTAssertNil(patched.json["userName"])
        let groupPost = try scim.post("/Groups?excludedAttributes=members", json: "{\"displayName\": \"Big\", \"members\": [{\"value\": \"\(alice!)\"}]}")
        XCTAssertEqual(groupPost.status, 201)
        XCTAssertNil(groupPost.json["members"])
        XCTAssertEqual(try members(of: groupPost.id ?? ""), [alice])
    }

    func testContentNegotiation() throws {
        let cases: [(accept: String?, expected: String)] = [
            (nil, "application/scim+json; charset=utf-8"),
            ("application/scim+json", "application/scim+json; charset=utf-8"),
            ("application/json", "application/json; charset=utf-8"),
            ("application/json; charset=utf-8", "application/json; charset=utf-8"),
            ("application/json, application/scim+json;q=0.9", "application/scim+json; charset=utf-8"),
            ("*/*", "application/scim+json; charset=utf-8"),
        ]
        for c in cases {
            let headers = c.accept.map { [("Accept", $0)] } ?? []
            XCTAssertEqual(try scim.get("/Users/\(bob!)", headers: headers).contentType, c.expected, c.accept ?? "no Accept")
            XCTAssertEqual(try scim.get("/Users/missing", headers: headers).contentType, c.expected, "errors too: \(c.accept ?? "no Accept")")
            XCTAssertEqual(try scim.get("/ServiceProviderConfig", headers: headers).contentType, c.expected, "discovery too")
        }
        // Request bodies in either type.
        for type in ["application/json", "application/json; charset=utf-8", "application/scim+json", "application/scim+json;charset=UTF-8"] {
            let r = try scim.post("/Users", json: "{\"userName\": \"typed-\(type.count)\"}", headers: [("Content-Type", type)])
            XCTAssertEqual(r.status, 201, type + ": " + r.text)
        }
    }
}
