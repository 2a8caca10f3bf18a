import XCTest
@testable import SCIMCore

final class JSONSerializerTests: XCTestCase {
    func testScalars() {
        XCTAssertEqual(JSONValue.null.serializedString(), "null")
        XCTAssertEqual(JSONValue.bool(true).serializedString(), "true")
        XCTAssertEqual(JSONValue.bool(false).serializedString(), "false")
        XCTAssertEqual(JSONValue.int(-12).serializedString(), "-12")
        XCTAssertEqual(JSONValue.string("").serializedString(), "\"\"")
        XCTAssertEqual(JSONValue.array([]).serializedString(), "[]")
        XCTAssertEqual(JSONValue.object(JSONObject()).serializedString(), "{}")
    }

    func testStringEscapes() {
        XCTAssertEqual(JSONValue.string("\"").serializedString(), #""\"""#)
        XCTAssertEqual(JSONValue.string("\\").serializedString(), #""\\""#)
        XCTAssertEqual(JSONValue.string("/").serializedString(), #""/""#, "solidus is not escaped")
        XCTAssertEqual(JSONValue.string("\n\r\t\u{08}\u{0C}").serializedString(), #""\n\r\t\b\f""#)
        XCTAssertEqual(JSONValue.string("\u{0}").serializedString(), #""\u0000""#)
        XCTAssertEqual(JSONValue.string("\u{1}\u{1F}\u{0B}").serializedString(), #""\u0001\u001f\u000b""#)
        XCTAssertEqual(JSONValue.string("\u{7F}").serializedString(), "\"\u{7F}\"", "DEL is written raw")
        XCTAssertEqual(JSONValue.string("é日😀").serializedString(), "\"é日😀\"", "non-ASCII is written as UTF-8")
        XCTAssertEqual(JSONValue.string("a\"b\\c\nd").serializedString(), #""a\"b\\c\nd""#)
        XCTAssertEqual(JSONValue.string("\u{2028}\u{2029}").serializedString(), "\"\u{2028}\u{2029}\"")
    }

    func testEveryControlCharacterRoundTrips() throws {
        for c in 0..<0x20 {
            let s = String(Unicode.Scalar(UInt8(c)))
            let bytes = JSONValue.string(s).serialized()
            XCTAssertFalse(bytes.dropFirst().dropLast().contains { $0 < 0x20 }, "no raw control character in output")
            XCTAssertEqual(try JSONParser.parse(bytes), .string(s))
        }
    }

    func testObjectsKeepMemberOrder() {
        var o = JSONObject()
        o["z"] = 1
        o["a"] = 2
        o["m"] = [true, nil]
        XCTAssertEqual(JSONValue.object(o).serializedString(), #"{"z":1,"a":2,"m":[true,null]}"#)
        o["z"] = "replaced in place"
        XCTAssertEqual(JSONValue.object(o).serializedString(), #"{"z":"replaced in place","a":2,"m":[true,null]}"#)
        o["a"] = nil
        XCTAssertEqual(JSONValue.object(o).serializedString(), #"{"z":"replaced in place","m":[true,null]}"#)
    }

    func testKeysAreEscaped() {
        let v: JSONValue = ["a\"b": 1, "c\nd": 2, "$ref": 3]
        XCTAssertEqual(v.serializedString(), #"{"a\"b":1,"c\nd":2,"$ref":3}"#)
    }

    func testNumbersFromDoubles() {
        XCTAssertEqual(JSONValue.number(JSONNumber(1.0)).serializedString(), "1")
        XCTAssertEqual(JSONValue.number(JSONNumber(-2.5)).serializedString(), "-2.5")
        XCTAssertEqual(JSONValue.number(JSONNumber(Double.nan)).serializedString(), "0")
        XCTAssertEqual(JSONValue.number(JSONNumber(Double.infinity)).serializedString(), "0")
        for d in [1e20, 1e-7, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -0.0, 123456.789, 1e15, 0.1] {
            let text = JSONValue.number(JSONNumber(d)).serializedString()
            XCTAssertEqual(try? JSONParser.parse(text).numberValue?.doubleValue, d == 0 ? 0 : d, "\(d) serialises as valid JSON: \(text)")
        }
    }

    func testWriteRawAndCapacity() {
        var w = JSONSerializer(reservingCapacity: 4)
        w.writeRaw("[")
        w.write(.string("x"))
        w.writeRaw(Array(",1]".utf8))
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), #"["x",1]"#)
    }

    func testDescriptionIsCompactJSON() {
        let v: JSONValue = ["a": [1, 2], "b": ["c": nil]]
        XCTAssertEqual(v.description, #"{"a":[1,2],"b":{"c":null}}"#)
    }

    func testLargeStringIsWrittenInRuns() throws {
        let s = String(repeating: "abcdefgh", count: 10_000) + "\n" + String(repeating: "é", count: 10_000)
        let v = JSONValue.string(s)
        XCTAssertEqual(try JSONParser.parse(v.serialized()), v)
    }
}
