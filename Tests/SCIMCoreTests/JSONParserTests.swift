import XCTest
@testable import SCIMCore

/// Table-driven tests of the strict JSON parser: what it accepts, what it refuses, and where it says
/// the problem is.
final class JSONParserTests: XCTestCase {
    private func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONError) -> JSONValue {
        try JSONParser.parse(text, maxDepth: maxDepth)
    }

    private func parseBytes(_ bytes: [UInt8]) throws(JSONError) -> JSONValue { try JSONParser.parse(bytes) }

    private func assertFails(_ bytes: [UInt8], _ kind: JSONError.Kind? = nil, at offset: Int? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        do {
            let v = try parseBytes(bytes)
            XCTFail("expected failure, got \(v) for \(bytes)", file: file, line: line)
        } catch {
            if let kind { XCTAssertEqual(error.kind, kind, "input \(String(decoding: bytes, as: UTF8.self).debugDescription)", file: file, line: line) }
            if let offset { XCTAssertEqual(error.offset, offset, "input \(String(decoding: bytes, as: UTF8.self).debugDescription)", file: file, line: line) }
        }
    }

    private func assertFails(_ text: String, _ kind: JSONError.Kind? = nil, at offset: Int? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        assertFails(Array(text.utf8), kind, at: offset, file: file, line: line)
    }

    // MARK: - Scalars and structure

    func testScalars() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse("false"), .bool(false))
        XCTAssertEqual(try parse("\"\""), .string(""))
        XCTAssertEqual(try parse("\"abc\""), .string("abc"))
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse(" \t\r\n 42 \t\r\n"), .int(42))
    }

    func testContainers() throws {
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object(JSONObject()))
        XCTAssertEqual(try parse(" [ ] "), .array([]))
        XCTAssertEqual(try parse(" { } "), .object(JSONObject()))
        XCTAssertEqual(try parse("[1,\"a\",null,true,false,[],{}]"), [1, "a", nil, true, false, [], [:]])
        let v = try parse(#"{"b":1,"a":[{"c":"d"}],"e":{}}"#)
        XCTAssertEqual(v.objectValue?.keys, ["b", "a", "e"], "member order is kept")
        XCTAssertEqual(v["a"], [["c": "d"]])
        XCTAssertEqual(try parse("[\n  1 ,\n  2\n]"), [1, 2])
        XCTAssertEqual(try parse("{ \"a\" : 1 , \"b\" : 2 }"), ["a": 1, "b": 2])
    }

    func testKeyOrderIsKeptForManyKeys() throws {
        let keys = (0..<100).map { "k\(99 - $0)" }
        let text = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        XCTAssertEqual(try parse(text).objectValue?.keys, keys)
    }

    // MARK: - Strings and escapes

    func testEveryEscape() throws {
        XCTAssertEqual(try parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(try parse(#""a\nb""#), .string("a\nb"))
        XCTAssertEqual(try parse(#""\u0041\u00e9\u00E9\u20AC""#), .string("Aéé€"))
        XCTAssertEqual(try parse(#""\u0000""#), .string("\u{0}"))
        XCTAssertEqual(try parse(#""\u001f\u007f""#), .string("\u{1F}\u{7F}"))
        XCTAssertEqual(try parse(#""x\u0020y""#), .string("x y"))
        XCTAssertEqual(try parse(#""\uFFFF""#), .string("\u{FFFF}"))
        // An escape in the middle of a long non-ASCII string takes the slow path.
        XCTAssertEqual(try parse("\"héllo wörld \\t ünïcode\""), .string("héllo wörld \t ünïcode"))
    }

    func testSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""\uD83D\uDE00""#), .string("😀"))
        XCTAssertEqual(try parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try parse(#""\uD800\uDC00""#), .string("\u{10000}"))
        XCTAssertEqual(try parse(#""\uDBFF\uDFFF""#), .string("\u{10FFFF}"))
        XCTAssertEqual(try parse(#""a\uD834\uDD1Eb""#), .string("a𝄞b"))
    }

    func testLoneSurrogatesAreRefused() {
        assertFails(#""\uD800""#, .unpairedSurrogate, at: 1)
        assertFails(#""\uDBFF x""#, .unpairedSurrogate, at: 1)
        assertFails(#""\uDC00""#, .unpairedSurrogate, at: 1)
        assertFails(#""ab\uDFFF""#, .unpairedSurrogate, at: 3)
        assertFails(#""\uD800\uD800""#, .unpairedSurrogate, at: 1)
        assertFails(#""\uD800\u0041""#, .unpairedSurrogate, at: 1)
        assertFails(#""\uD800\n""#, .unpairedSurrogate, at: 1)
        assertFails(#""\uDE00\uD83D""#, .unpairedSurrogate, at: 1)
    }

    func testBadEscapes() {
        for e in ["a", "x", "U", "0", "'", "v", " ", "B", "N", "e"] {
            assertFails("\"\\\(e)\"", .invalidEscape, at: 1)
        }
        assertFails(#""\u12G4""#, .invalidUnicodeEscape, at: 1)
        assertFails(#""\uZZZZ""#, .invalidUnicodeEscape, at: 1)
        assertFails(#""\u 123""#, .invalidUnicodeEscape, at: 1)
        assertFails(#""\u12""#, .invalidUnicodeEscape, at: 1)
        assertFails(#""\u-123""#, .invalidUnicodeEscape, at: 1)
        assertFails(#""\u12"#, .unexpectedEnd)
        assertFails(#""\"#, .unexpectedEnd)
        assertFails(#""\u"#, .unexpectedEnd)
        assertFails(#""\u""#, .invalidUnicodeEscape, at: 1)
    }

    func testControlCharactersInStrings() {
        for c in UInt8(0)..<0x20 {
            assertFails([0x22, 0x61, c, 0x22], .controlCharacterInString, at: 2)
            // Also after an escape (the slow path).
            assertFails([0x22, 0x5C, 0x6E, c, 0x22], .controlCharacterInString, at: 3)
        }
        XCTAssertEqual(try parseBytes([0x22, 0x7F, 0x22]), .string("\u{7F}"), "DEL is not a control character in JSON")
    }

    func testValidUTF8() throws {
        XCTAssertEqual(try parse("\"é\""), .string("é"))
        XCTAssertEqual(try parse("\"日本語\""), .string("日本語"))
        XCTAssertEqual(try parse("\"😀\""), .string("😀"))
        XCTAssertEqual(try parse("{\"ключ\":\"значение\"}"), ["ключ": "значение"])
        XCTAssertEqual(try parseBytes([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]), .string("\u{10FFFF}"))
        XCTAssertEqual(try parseBytes([0x22, 0xEF, 0xBF, 0xBF, 0x22]), .string("\u{FFFF}"))
    }

    func testInvalidUTF8() {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0xFF, 0x22], 1),                          // never valid
            ([0x22, 0xFE, 0x22], 1),
            ([0x22, 0x80, 0x22], 1),                          // lone continuation byte
            ([0x22, 0x61, 0xBF, 0x22], 2),
            ([0x22, 0xC3, 0x22], 1),                          // truncated 2-byte sequence
            ([0x22, 0xE2, 0x82, 0x22], 1),                    // truncated 3-byte sequence
            ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1),              // truncated 4-byte sequence
            ([0x22, 0xC0, 0xAF, 0x22], 1),                    // overlong '/'
            ([0x22, 0xC1, 0xBF, 0x22], 1),                    // overlong
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),              // overlong 3-byte
            ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1),        // overlong 4-byte
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),              // UTF-8-encoded surrogate D800
            ([0x22, 0xED, 0xBF, 0xBF, 0x22], 1),              // UTF-8-encoded surrogate DFFF
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),        // above U+10FFFF
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
            ([0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], 1),  // 5-byte form
            ([0x22, 0xC3, 0xA9, 0xC3, 0x22], 3),              // valid é then truncated
            ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 3),              // after an escape
            ([0x22, 0xC3, 0x28, 0x22], 1),                    // bad continuation
        ]
        for (bytes, offset) in cases {
            assertFails(bytes, .invalidUTF8, at: offset)
        }
        // Invalid UTF-8 in a key is refused the same way.
        assertFails([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], .invalidUTF8, at: 2)
        // Outside strings, non-ASCII bytes are unexpected.
        assertFails([0xC3, 0xA9], .unexpectedByte(0xC3), at: 0)
        assertFails([0x5B, 0x31, 0x2C, 0xFF, 0x5D], .unexpectedByte(0xFF), at: 3)
    }

    // MARK: - Numbers

    func testNumbersKeepTheirText() throws {
        let valid = [
            "0", "-0", "1", "-1", "10", "1234567890", "0.0", "0.5", "-0.5", "1.25", "1e5", "1E5", "1e+5", "1e-5",
            "1E+05", "-1.5e-10", "0e0", "0.0e-0", "123456789012345678901234567890", "-9223372036854775809",
            "3.141592653589793238462643383279", "1e400", "1e-400", "9007199254740993", "0.1000000000000000055511151231257827",
        ]
        for t in valid {
            XCTAssertEqual(try parse(t).numberValue?.text, t, t)
            XCTAssertEqual(try parse("[\(t)]").arrayValue?.first?.numberValue?.text, t, t)
            XCTAssertEqual(try parse("{\"n\":\(t)}")["n"]?.numberValue?.text, t, t)
            XCTAssertEqual(try parse(t).serializedString(), t, "numbers serialise as written")
        }
    }

    func testInvalidNumbers() {
        let cases: [(String, JSONError.Kind, Int)] = [
            ("-", .invalidNumber, 0), ("--1", .invalidNumber, 0), ("-a", .invalidNumber, 0),
            ("01", .invalidNumber, 0), ("-01", .invalidNumber, 0), ("00", .invalidNumber, 0), ("0123", .invalidNumber, 0),
            ("1.", .invalidNumber, 0), ("1.e5", .invalidNumber, 0), ("-1.", .invalidNumber, 0), ("0.", .invalidNumber, 0),
            ("1e", .invalidNumber, 0), ("1e+", .invalidNumber, 0), ("1e-", .invalidNumber, 0), ("1E", .invalidNumber, 0),
            ("1ee5", .invalidNumber, 0), ("1e+-5", .invalidNumber, 0), ("[1.]", .invalidNumber, 1), ("[01]", .invalidNumber, 1),
            ("{\"a\":-}", .invalidNumber, 5),
            (".5", .unexpectedByte(UInt8(ascii: ".")), 0), ("+1", .unexpectedByte(UInt8(ascii: "+")), 0),
            ("NaN", .unexpectedByte(UInt8(ascii: "N")), 0), ("Infinity", .unexpectedByte(UInt8(ascii: "I")), 0),
            ("-Infinity", .invalidNumber, 0), ("0x10", .trailingData, 1), ("1.5.5", .trailingData, 3),
            ("1 2", .trailingData, 2), ("1e5e5", .trailingData, 3), ("1,", .trailingData, 1), ("[1x]", .unexpectedByte(UInt8(ascii: "x")), 2),
        ]
        for (t, kind, offset) in cases { assertFails(t, kind, at: offset) }
    }

    func testNumberViews() throws {
        XCTAssertEqual(try parse("42").numberValue?.intValue, 42)
        XCTAssertEqual(try parse("-7").numberValue?.intValue, -7)
        XCTAssertNil(try parse("1.5").numberValue?.intValue)
        XCTAssertEqual(try parse("1.5").numberValue?.doubleValue, 1.5)
        XCTAssertNil(try parse("123456789012345678901234567890").numberValue?.intValue)
    }

    // MARK: - Literals

    func testBrokenLiterals() {
        assertFails("tru", .unexpectedEnd, at: 3)
        assertFails("t", .unexpectedEnd, at: 1)
        assertFails("nul", .unexpectedEnd, at: 3)
        assertFails("fals", .unexpectedEnd, at: 4)
        assertFails("trUe", .unexpectedByte(UInt8(ascii: "U")), at: 2)
        assertFails("True", .unexpectedByte(UInt8(ascii: "T")), at: 0)
        assertFails("NULL", .unexpectedByte(UInt8(ascii: "N")), at: 0)
        assertFails("nulll", .trailingData, at: 4)
        assertFails("truex", .trailingData, at: 4)
        assertFails("[truex]", .unexpectedByte(UInt8(ascii: "x")), at: 5)
        assertFails("undefined", .unexpectedByte(UInt8(ascii: "u")), at: 0)
    }

    // MARK: - Structure errors and offsets

    func testStructuralErrorsAndOffsets() {
        let cases: [(String, JSONError.Kind, Int)] = [
            ("", .unexpectedEnd, 0),
            ("   ", .unexpectedEnd, 3),
            ("[", .unexpectedEnd, 1),
            ("[1", .unexpectedEnd, 2),
            ("[1,", .unexpectedEnd, 3),
            ("[1,]", .unexpectedByte(UInt8(ascii: "]")), 3),
            ("[,1]", .unexpectedByte(UInt8(ascii: ",")), 1),
            ("[1 2]", .unexpectedByte(UInt8(ascii: "2")), 3),
            ("[1;2]", .unexpectedByte(UInt8(ascii: ";")), 2),
            ("]", .unexpectedByte(UInt8(ascii: "]")), 0),
            ("}", .unexpectedByte(UInt8(ascii: "}")), 0),
            ("{", .unexpectedEnd, 1),
            ("{\"a\"", .unexpectedEnd, 4),
            ("{\"a\":", .unexpectedEnd, 5),
            ("{\"a\":1", .unexpectedEnd, 6),
            ("{\"a\":1,", .unexpectedEnd, 7),
            ("{\"a\":1,}", .unexpectedByte(UInt8(ascii: "}")), 7),
            ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1")), 5),
            ("{\"a\"=1}", .unexpectedByte(UInt8(ascii: "=")), 4),
            ("{a:1}", .unexpectedByte(UInt8(ascii: "a")), 1),
            ("{'a':1}", .unexpectedByte(UInt8(ascii: "'")), 1),
            ("{1:1}", .unexpectedByte(UInt8(ascii: "1")), 1),
            ("{\"a\":1 \"b\":2}", .unexpectedByte(UInt8(ascii: "\"")), 7),
            ("{\"a\":1]", .unexpectedByte(UInt8(ascii: "]")), 6),
            ("[1}", .unexpectedByte(UInt8(ascii: "}")), 2),
            ("{,}", .unexpectedByte(UInt8(ascii: ",")), 1),
            ("{\"a\":}", .unexpectedByte(UInt8(ascii: "}")), 5),
            ("\"abc", .unexpectedEnd, 4),
            ("'abc'", .unexpectedByte(UInt8(ascii: "'")), 0),
            ("[] []", .trailingData, 3),
            ("{}{}", .trailingData, 2),
            ("{} x", .trailingData, 3),
            ("\"a\"\"b\"", .trailingData, 3),
            ("null null", .trailingData, 5),
            ("[1]\u{0}", .trailingData, 3),
            ("/* c */ 1", .unexpectedByte(UInt8(ascii: "/")), 0),
            ("[1] // c", .trailingData, 4),
            ("\u{0B}1", .unexpectedByte(0x0B), 0),   // vertical tab is not JSON whitespace
            ("\u{0C}1", .unexpectedByte(0x0C), 0),   // form feed neither
            ("\u{A0}1", .unexpectedByte(0xC2), 0),   // nor NBSP
        ]
        for (t, kind, offset) in cases { assertFails(t, kind, at: offset) }
    }

    func testErrorDescriptionsNameTheOffset() {
        do { _ = try parse("[1,]"); XCTFail() } catch {
            XCTAssertEqual(error.description, "unexpected character ']' at byte 3")
        }
        do { _ = try parse("[\u{1}]"); XCTFail() } catch {
            XCTAssertEqual(error.description, "unexpected byte 0x1 at byte 1")
        }
        do { _ = try parse(#"{"a":1,"a":2}"#); XCTFail() } catch {
            XCTAssertEqual(error.description, "duplicate key \"a\" at byte 7")
        }
    }

    // MARK: - Duplicate keys

    func testDuplicateKeysAreRefused() {
        assertFails(#"{"a":1,"a":2}"#, .duplicateKey("a"), at: 7)
        assertFails(#"{"a":1,"b":2,"a":3}"#, .duplicateKey("a"), at: 13)
        assertFails(#"{"x":{"a":1,"a":1}}"#, .duplicateKey("a"), at: 12)
        assertFails(#"[{"a":1},{"b":1,"b":1}]"#, .duplicateKey("b"), at: 16)
        // The same key spelled with an escape is the same key.
        assertFails(#"{"a":1,"\u0061":2}"#, .duplicateKey("a"), at: 7)
    }

    func testDuplicateKeysAcrossTheSmallAndLargeObjectPaths() {
        // The parser scans linearly for the first 16 keys and switches to a set after: test duplicates
        // on every position around the switch.
        for n in 1...40 {
            for dup in 0..<n {
                var parts = (0..<n).map { "\"k\($0)\":\($0)" }
                parts.append("\"k\(dup)\":0")
                let text = "{" + parts.joined(separator: ",") + "}"
                assertFails(text, .duplicateKey("k\(dup)"))
            }
            let unique = "{" + (0..<n).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
            XCTAssertEqual(try? parse(unique).objectValue?.count, n)
        }
    }

    func testKeysDifferingInCaseAreDistinct() throws {
        let v = try parse(#"{"a":1,"A":2}"#)
        XCTAssertEqual(v.objectValue?.count, 2)
        XCTAssertEqual(v.objectValue?.value(forKeyIgnoringCase: "A"), .int(1), "case-insensitive lookup finds the first")
    }

    // MARK: - Depth

    func testDepthLimit() throws {
        func nested(_ n: Int, open: String, close: String) -> String { String(repeating: open, count: n) + String(repeating: close, count: n) }
        XCTAssertNoThrow(try parse(nested(32, open: "[", close: "]")))
        assertFails(nested(33, open: "[", close: "]"), .tooDeep(limit: 32), at: 32)
        let objects32 = String(repeating: "{\"a\":", count: 31) + "{}" + String(repeating: "}", count: 31)
        XCTAssertNoThrow(try parse(objects32))
        let objects33 = String(repeating: "{\"a\":", count: 32) + "{}" + String(repeating: "}", count: 32)
        assertFails(objects33, .tooDeep(limit: 32), at: 32 * 5)
        // Mixed nesting counts both kinds.
        XCTAssertNoThrow(try parse(String(repeating: "[{\"a\":", count: 16) + "1" + String(repeating: "}]", count: 16)))
        assertFails(String(repeating: "[{\"a\":", count: 16) + "[]" + String(repeating: "}]", count: 16), .tooDeep(limit: 32))
        // Siblings don't add up: depth is about nesting, not count.
        let wide = "[" + Array(repeating: nested(31, open: "[", close: "]"), count: 100).joined(separator: ",") + "]"
        XCTAssertNoThrow(try parse(wide))
        // A custom limit.
        XCTAssertNoThrow(try parse("[[[]]]", maxDepth: 3))
        XCTAssertThrowsError(try parse("[[[[]]]]", maxDepth: 3))
        XCTAssertThrowsError(try parse("[]", maxDepth: 0))
        XCTAssertNoThrow(try parse("1", maxDepth: 0))
    }

    func testHostileDepthFailsFastWithoutRecursingDeep() {
        // 1 MB of '[' must fail at the limit, not overflow the stack.
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1 << 20)
        assertFails(bytes, .tooDeep(limit: 32), at: 32)
        let objs = [UInt8](String(repeating: "{\"a\":", count: 100_000).utf8)
        assertFails(objs, .tooDeep(limit: 32))
    }

    // MARK: - BOM

    func testByteOrderMark() throws {
        XCTAssertEqual(try parseBytes([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8)), ["a": 1])
        XCTAssertEqual(try parseBytes([0xEF, 0xBB, 0xBF, 0x20, 0x31]), .int(1))
        assertFails([0xEF, 0xBB, 0xBF], .unexpectedEnd, at: 3)
        assertFails([0xEF, 0xBB], .unexpectedByte(0xEF), at: 0)
        assertFails([0x20, 0xEF, 0xBB, 0xBF, 0x31], .unexpectedByte(0xEF), at: 1)
        assertFails([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x31], .unexpectedByte(0xEF), at: 3)
        // A BOM inside a string is just U+FEFF.
        XCTAssertEqual(try parseBytes([0x22, 0xEF, 0xBB, 0xBF, 0x22]), .string("\u{FEFF}"))
        // UTF-16 BOMs are not UTF-8.
        assertFails([0xFF, 0xFE, 0x31, 0x00], .unexpectedByte(0xFF), at: 0)
        assertFails([0xFE, 0xFF, 0x00, 0x31], .unexpectedByte(0xFE), at: 0)
    }

    // MARK: - Entry points agree

    func testEntryPointsAgree() throws {
        let text = #"{"a":[1,2,{"b":"c"}]}"#
        let bytes = Array(text.utf8)
        let viaBuffer = try bytes.withUnsafeBufferPointer { (b) throws(JSONError) -> JSONValue in try JSONParser.parse(b) }
        XCTAssertEqual(try parse(text), try parseBytes(bytes))
        XCTAssertEqual(viaBuffer, try parseBytes(bytes))
    }

    // MARK: - SCIM-shaped documents

    func testParsesATypicalSCIMBody() throws {
        let body = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "bjensen@example.com",
          "name": {"givenName": "Barbara", "familyName": "Jensen", "formatted": "Ms. Barbara J Jensen, III"},
          "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}],
          "active": true,
          "x": 1.5e3
        }
        """
        let v = try parse(body)
        XCTAssertEqual(v["userName"], "bjensen@example.com")
        XCTAssertEqual(v["name"]?["givenName"], "Barbara")
        XCTAssertEqual(v["emails"]?.arrayValue?.first?["primary"], true)
        XCTAssertEqual(v["x"]?.numberValue?.text, "1.5e3")
    }
}
