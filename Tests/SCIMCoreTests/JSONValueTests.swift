import XCTest
@testable import SCIMCore

/// JSONNumber equality, JSONObject's case-insensitive helpers, and JSONValue accessors.
final class JSONValueTests: XCTestCase {
    private func n(_ text: String) -> JSONNumber {
        guard case .number(let num) = try? JSONParser.parse(text) else { fatalError("test literal \(text) is not a number") }
        return num
    }

    func testNumberEqualityIsNumericAndExact() {
        let equal: [(String, String)] = [
            ("1", "1.0"), ("1", "1e0"), ("1", "10e-1"), ("1", "0.1e1"), ("100", "1e2"), ("100", "1E+2"), ("0", "-0"),
            ("0", "0.000"), ("0", "0e10"), ("-1.5", "-15e-1"), ("0.05", "5e-2"), ("0.050", "0.05"),
            ("123456789012345678901234567890", "1.2345678901234567890123456789e29"),
        ]
        for (a, b) in equal {
            XCTAssertEqual(n(a), n(b), "\(a) == \(b)")
            XCTAssertEqual(n(a).hashValue, n(b).hashValue, "hash(\(a)) == hash(\(b))")
        }
        let different: [(String, String)] = [
            ("1", "2"), ("1", "-1"), ("0.1", "0.01"), ("10", "1"), ("1e2", "1e3"),
            // Equal as doubles, different as numbers.
            ("9007199254740993", "9007199254740992"),
            ("0.1", "0.1000000000000000055511151231257827"),
            ("123456789012345678901234567890", "123456789012345678901234567891"),
        ]
        for (a, b) in different { XCTAssertNotEqual(n(a), n(b), "\(a) != \(b)") }
    }

    func testNumbersAsSetElements() {
        let set: Set<JSONValue> = [.number(n("1")), .number(n("1.0")), .number(n("2")), .number(n("9007199254740993")), .number(n("9007199254740992"))]
        XCTAssertEqual(set.count, 4)
    }

    func testHugeExponentsDoNotTrap() {
        XCTAssertNotEqual(n("1e99999999999999999999999999"), n("1"))
        XCTAssertEqual(n("0e99999999999999999999999999"), n("0"))
        XCTAssertEqual(n("1e-99999999999999999999999999").hashValue, n("1e-99999999999999999999999999").hashValue)
    }

    func testObjectCaseInsensitiveHelpers() {
        var o: JSONObject = JSONObject([("userName", "a"), ("Name", ["givenName": "x"])])
        XCTAssertEqual(o.value(forKeyIgnoringCase: "USERNAME"), "a")
        XCTAssertEqual(o.index(forKeyIgnoringCase: "name"), 1)
        XCTAssertNil(o.value(forKeyIgnoringCase: "user"))
        XCTAssertNil(o["username"], "the subscript is exact")
        o.setValue("b", forKeyIgnoringCase: "username")
        XCTAssertEqual(o.keys, ["userName", "Name"], "setValue keeps the stored spelling")
        XCTAssertEqual(o["userName"], "b")
        o.setValue(true, forKeyIgnoringCase: "active")
        XCTAssertEqual(o.keys, ["userName", "Name", "active"])
        XCTAssertEqual(o.removeValue(forKeyIgnoringCase: "NAME"), ["givenName": "x"])
        XCTAssertNil(o.removeValue(forKeyIgnoringCase: "NAME"))
        XCTAssertEqual(o.keys, ["userName", "active"])
        o.removeAll { $0.key == "active" }
        XCTAssertEqual(o.keys, ["userName"])
    }

    func testCaseInsensitiveComparisonIsASCIIOnly() {
        XCTAssertTrue(asciiCaseInsensitiveEquals("urn:IETF:params", "URN:ietf:PARAMS"))
        XCTAssertFalse(asciiCaseInsensitiveEquals("é", "É"))
        XCTAssertFalse(asciiCaseInsensitiveEquals("a", "ab"))
        XCTAssertFalse(asciiCaseInsensitiveEquals("@", "`"), "0x40 and 0x60 differ only in bit 5 but are not letters")
        XCTAssertFalse(asciiCaseInsensitiveEquals("[", "{"))
        XCTAssertEqual("MiXeD-Case_É".asciiLowercased, "mixed-case_É")
        XCTAssertEqual("already".asciiLowercased, "already")
    }

    func testObjectEqualityIgnoresOrderAndHashAgrees() {
        let a: JSONValue = ["x": 1, "y": [1, 2], "z": ["k": "v"]]
        let b: JSONValue = ["z": ["k": "v"], "y": [1, 2], "x": 1.0]
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, ["x": 1, "y": [2, 1], "z": ["k": "v"]], "array order matters")
        XCTAssertNotEqual(a, ["x": 1, "y": [1, 2]])
        XCTAssertNotEqual(JSONValue.object(JSONObject([("a", 1)])), JSONValue.object(JSONObject([("b", 1)])))
    }

    func testObjectInitWithRepeatedKeysKeepsTheLast() {
        let o = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        XCTAssertEqual(o.keys, ["a", "b"])
        XCTAssertEqual(o["a"], 3)
    }

    func testAccessors() {
        let v: JSONValue = ["s": "x", "b": true, "n": 3, "a": [1], "o": [:], "z": nil]
        XCTAssertEqual(v["s"]?.stringValue, "x")
        XCTAssertEqual(v["b"]?.boolValue, true)
        XCTAssertEqual(v["n"]?.numberValue?.intValue, 3)
        XCTAssertEqual(v["a"]?.arrayValue, [1])
        XCTAssertEqual(v["o"]?.objectValue, JSONObject())
        XCTAssertEqual(v["z"]?.isNull, true)
        XCTAssertNil(v["s"]?.boolValue)
        XCTAssertNil(v["missing"])
        XCTAssertNil(JSONValue.string("x")["k"])
    }
}
