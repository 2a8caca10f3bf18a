import XCTest
@testable import SCIMCore

final class ProjectionTests: XCTestCase {
    private let resolver = FilterFixtures.resolver
    private let user = FilterFixtures.bjensen
    private let ext = FilterFixtures.enterprise

    private func project(_ attributes: String?, _ excluded: String? = nil, _ resource: JSONObject? = nil,
                         file: StaticString = #filePath, line: UInt = #line) -> JSONObject {
        do {
            return try Projection.parse(attributes: attributes, excludedAttributes: excluded).apply(to: resource ?? user, resolver: resolver)
        } catch {
            XCTFail("\(String(describing: attributes)) / \(String(describing: excluded)): \(error)", file: file, line: line)
            return JSONObject()
        }
    }

    func testDefaultDropsNeverAndRequestKeepsOrder() {
        var u = user
        u["secretQuestion"] = "pet?"
        let out = project(nil, nil, u)
        XCTAssertNil(out["password"])
        XCTAssertNil(out["secretQuestion"])
        XCTAssertNil(out[ext]?["costCenter"])  // returned never inside the extension
        XCTAssertEqual(out[ext]?["department"], "Tour Operations")
        var expectedKeys = u.keys.filter { $0 != "password" && $0 != "secretQuestion" }
        XCTAssertEqual(out.keys, expectedKeys)
        expectedKeys = ["employeeNumber", "department", "manager"]
        XCTAssertEqual(out[ext]?.objectValue?.keys, expectedKeys)
        XCTAssertEqual(out["emails"], user["emails"])
        XCTAssertTrue(Projection.default.isDefault)
    }

    func testAttributesKeepsAlwaysAndNamed() {
        let out = project("userName, emails")
        XCTAssertEqual(out.keys, ["schemas", "id", "userName", "emails"])
        XCTAssertEqual(out["emails"], user["emails"])
        XCTAssertEqual(project("USERNAME").keys, ["schemas", "id", "userName"])
        XCTAssertEqual(project("urn:ietf:params:scim:schemas:core:2.0:User:userName").keys, ["schemas", "id", "userName"])
        XCTAssertEqual(project("password").keys, ["schemas", "id"])  // never, even when asked
        XCTAssertEqual(project("nothingHere").keys, ["schemas", "id"])
    }

    func testRequestReturnedOnlyWhenNamed() {
        var u = user
        u["secretQuestion"] = "pet?"
        XCTAssertEqual(project("secretQuestion", nil, u)["secretQuestion"], "pet?")
        XCTAssertNil(project("userName", nil, u)["secretQuestion"])
        XCTAssertNil(project(nil, "userName", u)["secretQuestion"])
        XCTAssertNil(project("urn:ietf:params:scim:schemas:core:2.0:User", nil, u)["secretQuestion"])
    }

    func testSubAttributeSelection() {
        let out = project("name.givenName,emails.value,meta.lastModified")
        XCTAssertEqual(out.keys, ["schemas", "id", "name", "emails", "meta"])
        XCTAssertEqual(out["name"], ["givenName": "Barbara"])
        XCTAssertEqual(out["emails"], [["value": "bjensen@example.com"], ["value": "babs@jensen.org"]])
        XCTAssertEqual(out["meta"], ["lastModified": "2011-05-13T04:42:34Z"])
        // A sub-attribute nobody has: the attribute disappears rather than becoming [{}].
        XCTAssertNil(project("emails.display")["emails"])
        XCTAssertNil(project("userName.x")["userName"])
        // Sub-attribute and whole attribute together: the whole wins.
        XCTAssertEqual(project("name.givenName,name")["name"], user["name"])
    }

    func testExcludedAttributes() {
        let out = project(nil, "emails,name.familyName , meta.version")
        XCTAssertNil(out["emails"])
        XCTAssertEqual(out["name"], ["formatted": "Ms. Barbara J Jensen, III", "givenName": "Barbara"])
        XCTAssertNil(out["meta"]?["version"])
        XCTAssertNotNil(out["meta"]?["created"])
        XCTAssertEqual(out["userName"], "bjensen@example.com")
        // always-returned attributes cannot be excluded
        let kept = project(nil, "id,schemas")
        XCTAssertNotNil(kept["id"])
        XCTAssertNotNil(kept["schemas"])
        // Entra: excludedAttributes=members on a group
        let group = FilterFixtures.json(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g","displayName":"G","members":[{"value":"u1"}]}"#)
        XCTAssertEqual(project(nil, "members", group).keys, ["schemas", "id", "displayName"])
    }

    func testAttributesWinsOverExcluded() throws {
        let p = try Projection.parse(attributes: "userName", excludedAttributes: "userName")
        XCTAssertEqual(p.apply(to: user, resolver: resolver).keys, ["schemas", "id", "userName"])
        XCTAssertTrue(p.excludedAttributes.isEmpty)
        // An empty attributes parameter counts as absent, so the exclusion applies.
        let q = try Projection.parse(attributes: " ", excludedAttributes: "userName")
        XCTAssertNil(q.apply(to: user, resolver: resolver)["userName"])
    }

    func testExtensionAttributes() {
        let one = project("\(ext):department")
        XCTAssertEqual(one.keys, ["schemas", "id", ext])
        XCTAssertEqual(one[ext], ["department": "Tour Operations"])
        XCTAssertEqual(project("\(ext):manager.value")[ext], ["manager": ["value": "26118915-6090-4610-87e4-49d8ca9f808d"]])
        let whole = project(ext.uppercased().replacingOccurrences(of: "URN:", with: "urn:"))
        XCTAssertEqual(whole[ext]?.objectValue?.keys, ["employeeNumber", "department", "manager"])
        XCTAssertNil(project(nil, ext)[ext])
        let minusDept = project(nil, "\(ext):department")
        XCTAssertEqual(minusDept[ext]?.objectValue?.keys, ["employeeNumber", "manager"])
        // Dropped when empty after projection.
        XCTAssertNil(project("\(ext):costCenter")[ext])
        XCTAssertNil(project("userName")[ext])
        let onlyCost = FilterFixtures.json(#"{"id":"x","\#(ext)":{"costCenter":"1"}}"#)
        XCTAssertNil(project(nil, nil, onlyCost)[ext])
        // Unqualified names do not reach into extensions.
        XCTAssertNil(project("department")[ext])
    }

    func testIncludes() throws {
        func includes(_ a: String?, _ e: String?, _ name: String) throws -> Bool {
            try Projection.parse(attributes: a, excludedAttributes: e).includes(attribute: name)
        }
        XCTAssertTrue(try includes(nil, nil, "members"))
        XCTAssertFalse(try includes(nil, "members", "members"))
        XCTAssertFalse(try includes(nil, "MEMBERS", "members"))
        XCTAssertTrue(try includes(nil, "members.display", "members"))
        XCTAssertFalse(try includes("displayName", nil, "members"))
        XCTAssertTrue(try includes("displayName,members.value", nil, "members"))
        XCTAssertTrue(try includes("displayName", nil, "id"))
        XCTAssertTrue(try includes("\(ext):department", nil, ext))
        XCTAssertFalse(try includes("userName", nil, ext))
        XCTAssertFalse(try includes(nil, ext, ext))
        XCTAssertTrue(try includes(nil, "\(ext):department", ext))
        XCTAssertTrue(try includes("urn:ietf:params:scim:schemas:core:2.0:Group", nil, "members"))
    }

    func testInvalidParameters() {
        for bad in ["1abc", "a..b", "name.", "a b", "urn:", "emails[type eq \"work\"]", "a.b.c", "(x)", "userName,1x"] {
            XCTAssertThrowsError(try Projection.parse(attributes: bad, excludedAttributes: nil), bad) { error in
                XCTAssertEqual((error as? SCIMError)?.scimType, .invalidValue, bad)
                XCTAssertEqual((error as? SCIMError)?.status, 400, bad)
            }
            XCTAssertThrowsError(try Projection.parse(attributes: nil, excludedAttributes: bad), bad)
        }
        XCTAssertThrowsError(try Projection.parse(attributes: String(repeating: "a,", count: 5000), excludedAttributes: nil))
        XCTAssertNoThrow(try Projection.parse(attributes: "userName,,emails,", excludedAttributes: nil))
        XCTAssertEqual(try Projection.parse(attributes: "userName,,emails,", excludedAttributes: nil).attributes.count, 2)
    }
}
