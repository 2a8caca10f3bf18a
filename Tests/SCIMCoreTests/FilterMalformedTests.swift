import XCTest
@testable import SCIMCore

/// Every malformed filter must give `invalidFilter` (400), never a crash or a hang.
final class FilterMalformedTests: XCTestCase {
    static let malformed: [String] = [
        // empty / whitespace
        "", " ", "\t\n", "()", "( )", "[]", "not", "not ()", "not ( )",
        // missing operator / value
        "userName", "userName ", "userName eq", "userName eq ", "userName eq )", "(userName eq)", "userName eq ]",
        "title pr pr", "userName \"x\"", "userName 5", "(userName)", "emails[type]", "emails[type eq]",
        "emails[type eq \"work\"].value", "emails[type eq \"work\"].value eq", "emails[type eq \"work\"].value xx \"a\"",
        // unknown operators
        "userName equals \"x\"", "userName == \"x\"", "userName = \"x\"", "userName != \"x\"", "userName eq1 \"x\"",
        "userName like \"x\"", "userName lte 5", "userName pr1", "userName e q \"x\"", "userName in \"x\"",
        "userName <> \"x\"", "userName ~ \"x\"", "userName ne_ \"x\"", "userName sw* \"x\"",
        // values that are keywords / missing
        "userName eq and", "userName eq or", "userName eq not", "userName eq and title pr", "userName eq (\"x\")",
        "userName eq [\"x\"]", "userName eq [", "userName eq \"a\" \"b\"",
        // logical operators without operands
        "and", "or", "and title pr", "or title pr", "title pr and", "title pr or", "title pr and and title pr",
        "title pr or or title pr", "title pr and or title pr", "title pr and ()", "title pr and (", "title pr or )",
        "title pr and not", "title pr and not title pr", "not title pr", "not not (title pr)", "title pr not (a pr)",
        "title pr AND", "(title pr) and", "title pr and )", "title pr andtitle pr", "title pr and(", "title pr or ]",
        // unbalanced parentheses / brackets
        "(title pr", "((title pr)", "title pr)", "(title pr))", ")title pr(", "(title pr and (a pr)", "title pr)(",
        "emails[type eq \"work\"", "emails[type eq \"work\"]]", "emails type eq \"work\"]", "emails[[type eq \"work\"]]",
        "emails[(type eq \"work\"]", "emails[type eq \"work\")]", "(emails[type eq \"work\")]", "emails[type eq \"work\" and",
        "emails[", "emails[]", "emails[ ]", "[type eq \"x\"]", "emails]", "emails[type eq \"x\"] and", "emails[type pr]]",
        // nested value filters
        "a[b[c eq 1]]", "emails[type[value eq 1]]", "emails[x pr and y[z pr]]",
        // value filters on the wrong thing
        "name.givenName[value eq \"x\"]", "emails[type eq \"w\"].", "emails[type eq \"w\"].1a eq \"x\"",
        "emails[type eq \"w\"].value.x eq \"y\"", "emails[type eq \"w\"]value eq \"x\"", "emails[type eq \"w\"].$ eq \"x\"",
        // invalid attribute names
        "1abc eq \"x\"", "a..b eq \"x\"", "a. eq \"x\"", ".a eq \"x\"", "a.b.c eq \"x\"", "-a eq \"x\"", "_a eq \"x\"",
        "a/b eq \"x\"", "a@b eq \"x\"", "a=b", "a,b eq \"x\"", "a;b eq \"x\"", "a.1 eq \"x\"", "$ eq \"x\"", "$1 eq \"x\"",
        "a.$ eq \"x\"", "é eq \"x\"", "naïve eq \"x\"", "a*b eq \"x\"", "a#b pr", "a!b pr", "a.b. pr", "a.-b pr",
        // URN problems
        "urn: eq \"x\"", "urn:eq \"x\"", "urn:a eq \"x\"", "urn::a:b eq \"x\"", "urn:a::b eq \"x\"", "urn:a:b: eq \"x\"",
        "urn:ietf:params:scim:schemas:core:2.0:User: eq \"x\"", "urn:ietf:params:scim:schemas:core:2.0:User:1x eq \"x\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:a.b.c eq \"x\"", "urn:a/b:c eq \"x\"", "urn:a:b:.c pr",
        "urn:ietf:params:scim:schemas:core:2.0:User:name. pr",
        // strings and escapes
        "userName eq \"x", "userName eq \"", "userName eq \"\\\"", "userName eq \"a\\q\"", "userName eq \"a\\x41\"",
        "userName eq \"\\u12\"", "userName eq \"\\u12G4\"", "userName eq \"\\uD800\"", "userName eq \"\\uDC00\"",
        "userName eq \"\\uD800\\u0041\"", "userName eq \"\\uD800x\"", "userName eq \"a\nb\"", "userName eq \"a\tb\"",
        "userName eq \"a\u{01}b\"", "userName eq \"\\", "userName eq 'x'x", "userName eq 'x'", "userName eq a\\b", "userName eq \"x\"\"", "userName eq \"a\" b",
        // trailing garbage
        "title pr x", "title pr ,", "title pr;", "title pr \"x\"", "userName eq \"x\" 5", "userName eq \"x\" eq \"y\"",
        "userName eq \"x\" title pr", "userName eq 5 6", "(title pr) (a pr)", "title pr\u{0}", "title pr ]",
        "title pr and a pr b", "emails[type pr] x",
    ]

    func testMalformedFiltersGiveInvalidFilter() {
        XCTAssertGreaterThanOrEqual(Self.malformed.count, 150)
        for text in Self.malformed {
            do {
                let parsed = try FilterParser.parse(text)
                XCTFail("accepted malformed filter \(String(reflecting: text)) as \(parsed)")
            } catch {
                XCTAssertEqual(error.status, 400, text)
                XCTAssertEqual(error.scimType, .invalidFilter, text)
                XCTAssertTrue(error.detail.contains("offset") || error.detail.contains("longer than"), "\(text): \(error.detail)")
            }
        }
    }

    private func assertInvalid(_ text: String, containing fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try FilterParser.parse(text)
            XCTFail("accepted", file: file, line: line)
        } catch {
            XCTAssertEqual(error.scimType, .invalidFilter, file: file, line: line)
            XCTAssertTrue(error.detail.contains(fragment), error.detail, file: file, line: line)
        }
    }

    func testOversizedInput() {
        let big = String(repeating: "title pr and ", count: 400) + "title pr"  // > 5 KiB
        XCTAssertGreaterThan(big.utf8.count, 5 * 1024)
        assertInvalid(big, containing: "longer than 4096 bytes")
        let justUnder = String(repeating: "a pr and ", count: 454) + "a pr"
        XCTAssertLessThanOrEqual(justUnder.utf8.count, FilterParser.maxLength)
        XCTAssertNoThrow(try FilterParser.parse(justUnder))
    }

    func testDeepNestingFailsFast() {
        let parens = String(repeating: "(", count: 10_000) + "a pr" + String(repeating: ")", count: 10_000)
        assertInvalid(parens, containing: "longer than")  // length is checked first
        let parens4k = String(repeating: "(", count: 2000) + "a pr" + String(repeating: ")", count: 2000)
        assertInvalid(parens4k, containing: "nests deeper than 32 levels at offset 32")
        let nots = String(repeating: "not (", count: 10_000) + "a pr" + String(repeating: ")", count: 10_000)
        assertInvalid(nots, containing: "longer than")
        let nots4k = String(repeating: "not (", count: 600) + "a pr" + String(repeating: ")", count: 600)
        assertInvalid(nots4k, containing: "nests deeper than 32 levels")
        let opens = String(repeating: "(", count: 4000)
        assertInvalid(opens, containing: "nests deeper")
        let depth33 = String(repeating: "(", count: 33) + "a pr" + String(repeating: ")", count: 33)
        assertInvalid(depth33, containing: "nests deeper")
        let mixed = String(repeating: "not ((", count: 16) + "e[a pr]" + String(repeating: "))", count: 16)
        assertInvalid(mixed, containing: "nests deeper")
    }

    func testMessages() {
        assertInvalid("userName", containing: "expected an operator after 'userName' at offset 8")
        assertInvalid("userName eq \"a\" and", containing: "expected an expression after 'and' at offset 19")
        assertInvalid("userName eq \"a\" or ", containing: "expected an expression after 'or' at offset 19")
        assertInvalid("a[b[c eq 1]]", containing: "value filters cannot be nested at offset 3")
        assertInvalid("1abc eq 1", containing: "must start with a letter, found '1' at offset 0")
        assertInvalid("a..b eq 1", containing: "offset 2")
        assertInvalid("(a pr", containing: "missing ')' for the '(' at offset 0")
        assertInvalid("emails[type pr", containing: "missing ']' for the '[' at offset 6")
        assertInvalid("title pr x", containing: "expected 'and', 'or' or the end of the filter, found 'x' at offset 9")
        assertInvalid("a eq \"\\q\"", containing: "invalid escape '\\q' in string at offset 6")
        assertInvalid("not a pr", containing: "expected '(' after 'not' at offset 4")
        assertInvalid("urn: pr", containing: "schema URN")
        assertInvalid("", containing: "empty filter at offset 0")
        assertInvalid("userName eq \"a\" \"b\"", containing: "offset 16")
    }

    /// Random mutations of valid filters must never crash; they either parse or give invalidFilter.
    func testMutationFuzzNeverCrashes() {
        let seeds = [
            #"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            #"emails[type eq "work"].value eq "x@y" or not (title pr)"#,
            #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "a\u00e9\"b""#,
            "meta.lastModified gt \"2011-05-13T04:42:34Z\" and (a eq 1.5e3 or b eq true or c eq null)",
        ]
        let alphabet = Array(#"()[]" .:\aeqnotrpu1$-"#.utf8)
        var rng = SplitMix64(seed: 0x5C1D)
        for seed in seeds {
            let base = Array(seed.utf8)
            for _ in 0..<1500 {
                var b = base
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let i = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 3 {
                    case 0: b.remove(at: i)
                    case 1: b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                    default: b[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    }
                    if b.isEmpty { b = [0x61] }
                }
                let text = String(decoding: b, as: UTF8.self)
                do { _ = try FilterParser.parse(text) } catch {
                    XCTAssertEqual(error.scimType, .invalidFilter)
                }
            }
        }
    }
}

/// A tiny deterministic PRNG for fuzz-style tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
