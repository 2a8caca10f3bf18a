import XCTest
@testable import SCIMCore

final class SortSpecificationTests: XCTestCase {
    private let resolver = FilterFixtures.resolver

    private func user(_ id: String, _ members: [(String, JSONValue)]) -> JSONObject {
        var o = JSONObject([("id", .string(id))])
        for (k, v) in members { o[k] = v }
        return o
    }

    private func order(_ sortBy: String, _ sortOrder: String? = nil, _ resources: [JSONObject],
                       file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            guard let spec = try SortSpecification.parse(sortBy: sortBy, sortOrder: sortOrder) else {
                XCTFail("no spec", file: file, line: line)
                return []
            }
            return spec.sorted(resources, resolver: resolver).map { $0["id"]?.stringValue ?? "?" }
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return []
        }
    }

    func testParse() throws {
        XCTAssertNil(try SortSpecification.parse(sortBy: nil, sortOrder: "descending"))
        XCTAssertNil(try SortSpecification.parse(sortBy: "  ", sortOrder: nil))
        XCTAssertEqual(try SortSpecification.parse(sortBy: "userName", sortOrder: nil), SortSpecification(path: AttributePath(attribute: "userName")))
        XCTAssertEqual(try SortSpecification.parse(sortBy: " name.givenName ", sortOrder: "DESCENDING"),
                       SortSpecification(path: AttributePath(attribute: "name", subAttribute: "givenName"), ascending: false))
        XCTAssertEqual(try SortSpecification.parse(sortBy: "userName", sortOrder: "Ascending")?.ascending, true)
        XCTAssertEqual(try SortSpecification.parse(sortBy: "userName", sortOrder: "")?.ascending, true)
        for bad in ["asc", "desc", "up", "ascending,", "1"] {
            XCTAssertThrowsError(try SortSpecification.parse(sortBy: "userName", sortOrder: bad)) { e in
                XCTAssertEqual((e as? SCIMError)?.scimType, .invalidValue)
            }
        }
        for bad in ["1a", "a..b", "emails[type eq \"work\"].value", "a b", "urn:"] {
            XCTAssertThrowsError(try SortSpecification.parse(sortBy: bad, sortOrder: nil), bad) { e in
                XCTAssertEqual((e as? SCIMError)?.scimType, .invalidValue)
            }
        }
    }

    func testCaseInsensitiveStringsAndMissingLast() {
        let rs = [
            user("1", [("userName", "bob")]), user("2", [("userName", "Alice")]), user("3", []),
            user("4", [("userName", "alice")]), user("5", [("userName", .null)]), user("6", [("userName", "Carol")]),
        ]
        XCTAssertEqual(order("userName", nil, rs), ["2", "4", "1", "6", "3", "5"])  // ties keep input order
        XCTAssertEqual(order("USERNAME", "descending", rs), ["3", "5", "6", "1", "2", "4"])
    }

    func testCaseExactStrings() {
        let rs = [user("1", [("badge", "b")]), user("2", [("badge", "B")]), user("3", [("badge", "a")]), user("4", [("badge", "A")])]
        XCTAssertEqual(order("badge", nil, rs), ["4", "2", "3", "1"])  // code-point order: uppercase first
        XCTAssertEqual(order("userName", nil, rs), ["1", "2", "3", "4"])  // all missing: input order
    }

    func testNumbersDatesBooleans() {
        let rs = [user("1", [("loginCount", 10)]), user("2", [("loginCount", 9)]), user("3", [("loginCount", 100)]), user("4", [("loginCount", -1.5)])]
        XCTAssertEqual(order("loginCount", nil, rs), ["4", "2", "1", "3"])
        let ds = [
            user("1", [("meta", ["lastModified": "2011-05-13T04:42:34Z"])]),
            user("2", [("meta", ["lastModified": "2011-05-13T06:42:33+02:00"])]),  // one second earlier
            user("3", [("meta", ["lastModified": "2011-05-13T04:42:34.001Z"])]),
            user("4", [("meta", ["created": "2000-01-01T00:00:00Z"])]),
        ]
        XCTAssertEqual(order("meta.lastModified", nil, ds), ["2", "1", "3", "4"])
        XCTAssertEqual(order("meta.lastModified", "descending", ds), ["4", "3", "1", "2"])
        let bs = [user("1", [("active", true)]), user("2", [("active", false)]), user("3", [("active", "False")])]
        XCTAssertEqual(order("active", nil, bs), ["2", "3", "1"])
    }

    func testMultiValuedUsesPrimaryElseFirst() {
        let rs = [
            user("1", [("emails", [["value": "z@x", "type": "work"], ["value": "a@x", "type": "home", "primary": true]])]),
            user("2", [("emails", [["value": "m@x", "type": "work"], ["value": "b@x"]])]),
            user("3", [("emails", [])]),
            user("4", [("emails", [["value": "c@x", "primary": "True"]])]),
        ]
        XCTAssertEqual(order("emails", nil, rs), ["1", "4", "2", "3"])
        XCTAssertEqual(order("emails.value", nil, rs), ["1", "4", "2", "3"])
        XCTAssertEqual(order("emails.type", nil, rs), ["1", "2", "3", "4"])  // home, work, missing, missing
        let tags = [user("1", [("tags", ["b", "a"])]), user("2", [("tags", ["A"])])]
        XCTAssertEqual(order("tags", nil, tags), ["2", "1"])
    }

    func testComplexSubAndExtension() {
        let ext = FilterFixtures.enterprise
        let rs = [
            user("1", [("name", ["givenName": "Zoe"] as JSONValue), (ext, ["department": "b"] as JSONValue)]),
            user("2", [("name", ["givenName": "adam"] as JSONValue), (ext, ["department": "A"] as JSONValue)]),
            user("3", [("name", ["familyName": "x"])]),
        ]
        XCTAssertEqual(order("name.givenName", nil, rs), ["2", "1", "3"])
        XCTAssertEqual(order("name", nil, rs), ["1", "2", "3"])  // a complex attribute has no sort value
        XCTAssertEqual(order("\(ext):department", nil, rs), ["2", "1", "3"])
        XCTAssertEqual(order("\(ext):department", "descending", rs), ["3", "1", "2"])
    }

    func testAreInIncreasingOrderAgreesWithSorted() throws {
        let spec = try XCTUnwrap(try SortSpecification.parse(sortBy: "userName", sortOrder: nil))
        XCTAssertTrue(spec.areInIncreasingOrder("a", "B", attribute: nil))
        XCTAssertFalse(spec.areInIncreasingOrder("B", "a", attribute: nil))
        XCTAssertFalse(spec.areInIncreasingOrder("a", "A", attribute: nil))
        XCTAssertTrue(spec.areInIncreasingOrder("A", "a", attribute: SchemaAttribute(name: "x", type: .string, caseExact: true)))
        XCTAssertTrue(spec.areInIncreasingOrder("z", nil, attribute: nil))
        XCTAssertFalse(spec.areInIncreasingOrder(nil, "z", attribute: nil))
        XCTAssertFalse(spec.areInIncreasingOrder(nil, nil, attribute: nil))
        let desc = SortSpecification(path: spec.path, ascending: false)
        XCTAssertTrue(desc.areInIncreasingOrder(nil, "z", attribute: nil))
        XCTAssertTrue(desc.areInIncreasingOrder("b", "a", attribute: nil))
        let date = SchemaAttribute(name: "d", type: .dateTime)
        XCTAssertTrue(spec.areInIncreasingOrder("2011-05-13T06:42:33+02:00", "2011-05-13T04:42:34Z", attribute: date))
        // Sorting agrees with ValueComparison on random strings (incl. non-ASCII).
        var rng = SplitMix64(seed: 99)
        let pieces = ["a", "B", "é", "É", "z", "Z", "1", "ß", "ü"]
        for _ in 0..<300 {
            let x = (0..<3).map { _ in pieces[Int(rng.next() % 9)] }.joined()
            let y = (0..<3).map { _ in pieces[Int(rng.next() % 9)] }.joined()
            let c = ValueComparison.compare(.string(x), .string(y), attribute: nil)
            XCTAssertEqual(spec.areInIncreasingOrder(.string(x), .string(y), attribute: nil), c == -1, "\(x) \(y)")
        }
    }
}
