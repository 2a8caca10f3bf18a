import XCTest
@testable import SCIMCore

/// Generated inputs: round trips of random documents, every prefix of valid documents, and random
/// byte mutations. Deterministic (fixed seeds), so a failure reproduces.
final class JSONGeneratedTests: XCTestCase {
    /// SplitMix64: tiny, deterministic, good enough for test data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    /// Random documents: nested objects and arrays, strings drawing from every class of character,
    /// numbers drawing from every branch of the grammar.
    struct Generator {
        var rng: Random

        mutating func value(depth: Int) -> JSONValue {
            let pick = depth <= 0 ? rng.below(4) : rng.below(7)
            switch pick {
            case 0: return .null
            case 1: return .bool(rng.chance(50))
            case 2: return .number(number())
            case 3: return .string(string())
            case 4, 5:
                var o = JSONObject()
                for _ in 0..<rng.below(6) { o[string(maxLength: 8)] = value(depth: depth - 1) }
                return .object(o)
            default:
                return .array((0..<rng.below(6)).map { _ in value(depth: depth - 1) })
            }
        }

        mutating func number() -> JSONNumber {
            var t = rng.chance(30) ? "-" : ""
            if rng.chance(20) { t += "0" } else {
                t += String(1 + rng.below(9))
                for _ in 0..<rng.below(25) { t += String(rng.below(10)) }
            }
            if rng.chance(40) {
                t += "."
                for _ in 0...rng.below(20) { t += String(rng.below(10)) }
            }
            if rng.chance(30) {
                t += ["e", "E"][rng.below(2)] + ["", "+", "-"][rng.below(3)]
                for _ in 0...rng.below(4) { t += String(rng.below(10)) }
            }
            guard case .number(let n) = try? JSONParser.parse(t) else { preconditionFailure("generator made an invalid number \(t)") }
            return n
        }

        static let pool: [Unicode.Scalar] = {
            var p: [Unicode.Scalar] = []
            for c in 0x20..<0x7F { p.append(Unicode.Scalar(UInt8(c))) }
            for c in 0..<0x20 { p.append(Unicode.Scalar(UInt8(c))) }
            p += ["\"", "\\", "/", "\u{7F}", "é", "ß", "\u{00A0}", "\u{07FF}", "\u{0800}", "€", "日", "\u{FEFF}", "\u{FFFD}",
                  "\u{FFFF}", "\u{D7FF}", "\u{E000}", "\u{10000}", "😀", "𝄞", "\u{10FFFF}", "\u{2028}"]
            return p
        }()

        mutating func string(maxLength: Int = 24) -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<rng.below(maxLength + 1) { s.append(Self.pool[rng.below(Self.pool.count)]) }
            return String(s)
        }
    }

    /// Writes a value the way a sloppy but valid client might: random whitespace everywhere and random
    /// use of `\u` escapes (with surrogate pairs) and `\/`.
    struct NoisyWriter {
        var rng: Random
        var out: [UInt8] = []

        mutating func ws() {
            for _ in 0..<(rng.chance(30) ? rng.below(3) + 1 : 0) { out.append([0x20, 0x09, 0x0A, 0x0D][rng.below(4)]) }
        }

        mutating func write(_ v: JSONValue) {
            ws()
            switch v {
            case .null, .bool, .number: out += v.serialized()
            case .string(let s): writeString(s)
            case .array(let items):
                out.append(UInt8(ascii: "["))
                ws()
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    write(item)
                }
                ws()
                out.append(UInt8(ascii: "]"))
            case .object(let o):
                out.append(UInt8(ascii: "{"))
                ws()
                for (k, m) in o.members.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    ws()
                    writeString(m.key)
                    ws()
                    out.append(UInt8(ascii: ":"))
                    write(m.value)
                }
                ws()
                out.append(UInt8(ascii: "}"))
            }
            ws()
        }

        mutating func hex(_ u: UInt32) {
            out += Array("\\u".utf8)
            let digits = Array((rng.chance(50) ? "0123456789abcdef" : "0123456789ABCDEF").utf8)
            for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((u >> UInt32(shift)) & 0xF)]) }
        }

        mutating func writeString(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for scalar in s.unicodeScalars {
                let u = scalar.value
                if u == 0x22 || u == 0x5C || u < 0x20 || rng.chance(15) {
                    if u == 0x2F && rng.chance(50) { out += Array("\\/".utf8); continue }
                    if u >= 0x10000 {
                        let v = u - 0x10000
                        hex(0xD800 + (v >> 10)); hex(0xDC00 + (v & 0x3FF))
                    } else if u == 0x22 && rng.chance(50) { out += Array("\\\"".utf8)
                    } else if u == 0x5C && rng.chance(50) { out += Array("\\\\".utf8)
                    } else { hex(u) }
                } else {
                    out += Array(String(scalar).utf8)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    func testSerializeParseRoundTripsOnGeneratedDocuments() throws {
        var gen = Generator(rng: Random(state: 1))
        for _ in 0..<2_000 {
            let doc = gen.value(depth: 5)
            let bytes = doc.serialized()
            let parsed = try JSONParser.parse(bytes)
            XCTAssertEqual(parsed, doc)
            XCTAssertEqual(parsed.serialized(), bytes, "parse → serialize gives the same bytes")
        }
    }

    func testNoisyButValidDocumentsParseToTheSameValue() throws {
        var gen = Generator(rng: Random(state: 2))
        var writer = NoisyWriter(rng: Random(state: 3))
        for _ in 0..<2_000 {
            let doc = gen.value(depth: 5)
            writer.out.removeAll(keepingCapacity: true)
            writer.write(doc)
            do {
                let parsed = try JSONParser.parse(writer.out)
                XCTAssertEqual(parsed, doc)
                XCTAssertEqual(parsed.serialized(), doc.serialized())
            } catch {
                XCTFail("\(error) in \(String(decoding: writer.out, as: UTF8.self).debugDescription)")
            }
        }
    }

    func testEveryPrefixOfAValidDocumentFailsCleanly() {
        var gen = Generator(rng: Random(state: 4))
        var docs: [[UInt8]] = [
            Array(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"x@y.z"},{"op":"add","value":{"active":"False","name.givenName":"Kkom"}}]}"#.utf8),
            Array(#"[1,-0.5e+10,true,false,null,"\u00e9\ud83d\ude00\n",{},[],{"a":{"b":[{}]}}]"#.utf8),
        ]
        for _ in 0..<300 {
            var o = JSONObject()
            o["k"] = gen.value(depth: 4)
            docs.append(JSONValue.object(o).serialized())
            docs.append(JSONValue.array([gen.value(depth: 4)]).serialized())
        }
        for doc in docs {
            XCTAssertNoThrow(try JSONParser.parse(doc))
            for cut in 0..<doc.count {
                let prefix = Array(doc[0..<cut])
                do {
                    _ = try JSONParser.parse(prefix)
                    XCTFail("prefix of length \(cut) parsed: \(String(decoding: prefix, as: UTF8.self).debugDescription)")
                } catch {
                    XCTAssertLessThanOrEqual(error.offset, cut)
                    XCTAssertGreaterThanOrEqual(error.offset, 0)
                    // A cut inside a multi-byte character is invalid UTF-8 only once the string closes, which it can't here.
                    if case .trailingData = error.kind { XCTFail("a prefix can't have trailing data") }
                }
            }
        }
    }

    func testRandomByteMutationsNeverCrash() {
        var gen = Generator(rng: Random(state: 5))
        var rng = Random(state: 6)
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789eE+-.tfn ".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var failures = 0, successes = 0
        for _ in 0..<3_000 {
            var doc = JSONValue.object(JSONObject([("k", gen.value(depth: 4))])).serialized()
            for _ in 0...rng.below(3) {
                let at = rng.below(doc.count + 1)
                let byte = rng.chance(50) ? interesting[rng.below(interesting.count)] : UInt8(truncatingIfNeeded: rng.next())
                switch rng.below(3) {
                case 0 where at < doc.count: doc[at] = byte
                case 1: doc.insert(byte, at: at)
                default: if at < doc.count { doc.remove(at: at) }
                }
            }
            do {
                let v = try JSONParser.parse(doc)
                successes += 1
                // Whatever parses must serialise to something that parses to the same value.
                XCTAssertEqual(try? JSONParser.parse(v.serialized()), v)
            } catch {
                failures += 1
                XCTAssert((0...doc.count).contains(error.offset), "offset \(error.offset) out of range for \(doc.count) bytes")
            }
        }
        XCTAssertGreaterThan(failures, 1_000, "mutations mostly break documents")
        XCTAssertGreaterThan(successes, 10, "some mutations keep documents valid")
    }

    func testHundredsOfMalformedDocuments() {
        // Each valid fragment placed into a context, then broken in a systematic way.
        let fragments = [#"{"a":1}"#, #"[1,2]"#, #""str""#, "true", "null", "-1.5e3", #"{"a":{"b":[true,{"c":null}]}}"#]
        var malformed: [String] = []
        for f in fragments {
            malformed.append(f + ",")
            malformed.append(f + f)
            malformed.append("[" + f)
            malformed.append("[" + f + ",]")
            malformed.append("{\"k\":" + f)
            malformed.append("{\"k\":" + f + ",}")
            malformed.append("{\"k\" " + f + "}")
            malformed.append("{" + f + "}")
            malformed.append("{\"k\":" + f + " \"j\":1}")
            malformed.append("[" + f + " " + f + "]")
            malformed.append("[" + f + ":" + f + "]")
            malformed.append(f + "]")
            malformed.append(f + "}")
            malformed.append("\u{0}" + f)
            if f.contains("\"") { malformed.append(String(f.map { $0 == "\"" ? "'" : $0 })) }
        }
        malformed += ["{", "}", "[", "]", ",", ":", "\"", "\\", "'", "a", "-", ".", "e", "+", "nul", "tr", "fa", "[[]", "[]]", "{{}}", "{[]}", "[{]}",
                      "{\"a\"}", "{\"a\":}", "{:1}", "{\"a\"::1}", "{\"a\":1,,\"b\":2}", "[1,,2]", "[1 ,]", "[\"a\" \"b\"]", "\"\\q\"",
                      "\"\\u00\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\t\"", "\"\n\"", "01", "1.", "1e", "--1", "+1", ".1", "NaN", "Infinity",
                      "[01]", "[1.]", "{\"a\":01}", "{\"a\" : tru}", "{\"a\":nulll}", "[true false]", "[null,]", "\"abc", "\"abc\\\"", "[\"abc]"]
        XCTAssertGreaterThan(malformed.count, 150)
        for text in malformed {
            XCTAssertThrowsError(try JSONParser.parse(text), text.debugDescription)
        }
    }
}
