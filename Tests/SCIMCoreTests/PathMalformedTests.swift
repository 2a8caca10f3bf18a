import XCTest
@testable import SCIMCore

/// Every malformed PATCH path must give `invalidPath` (400), never a crash.
final class PathMalformedTests: XCTestCase {
    static let malformed: [String] = [
        "", " ", "\t", ".", "..", "[", "]", "[]", "()", "\"members\"",
        "1abc", "a..b", "a.", ".a", "a.b.c", "-a", "_a", "a b", "members value", "a/b", "a@b", "a=b", "$", "a.$",
        "é", "naïve", "a,b", "a;b", "name.givenName.x", "name..givenName", "(members)",
        "members[", "members[]", "members[ ]", "members]", "members[value eq \"x\"", "members[value eq \"x\"]]",
        "members[[value eq \"x\"]]", "members[value]", "members[value eq]", "members[value eq \"x\" and]",
        "members[value xx \"x\"]", "members[value eq \"x]", "members[value eq \"x\"].", "members[value eq \"x\"]..value",
        "members[value eq \"x\"].1a", "members[value eq \"x\"].value.display", "members[value eq \"x\"]value",
        "members[value eq \"x\"] .value", "members[value eq \"x\"][type eq \"y\"]", "members[value eq \"x\"].value[type pr]",
        "members[a[b eq 1]]", "name.givenName[value eq \"x\"]", "members[value eq \"x\"] and a pr", "members[(value pr]",
        "members[value eq \"x\")]", "members[value eq \"\\q\"]", "members[value eq \"\\uD800\"]", "members [value eq \"x\"]",
        "urn:", "urn:a", "urn::a:b", "urn:a::b", "urn:a:b:", "urn:ietf:params:scim:schemas:core:2.0:User:",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:1x", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:a.b.c",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User[value eq \"x\"]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.",
        "urn:a/b:c", "emails[type eq \"work\"].value eq \"x\"", "emails[type eq \"work\"] extra",
        String(repeating: "a", count: 5000), "members[" + String(repeating: "(", count: 100) + "value pr" + String(repeating: ")", count: 100) + "]",
    ]

    func testMalformedPathsGiveInvalidPath() {
        XCTAssertGreaterThanOrEqual(Self.malformed.count, 60)
        for text in Self.malformed {
            do {
                let parsed = try PatchPath.parse(text)
                XCTFail("accepted malformed path \(String(reflecting: text)) as \(parsed)")
            } catch {
                XCTAssertEqual(error.status, 400, text)
                XCTAssertEqual(error.scimType, .invalidPath, text)
            }
        }
    }

    func testMalformedAttributePathsGiveInvalidPath() {
        for text in ["", "1a", "a..b", "a.", ".a", "a.b.c", "urn:", "urn:a", "a[b]", "a b", "a\"b"] {
            XCTAssertThrowsError(try AttributePath.parse(text), text) { error in
                XCTAssertEqual((error as? SCIMError)?.scimType, .invalidPath, text)
            }
        }
    }

    func testMessagesNameOffsets() {
        func detail(_ text: String) -> String {
            do { _ = try PatchPath.parse(text); return "" } catch { return error.detail }
        }
        XCTAssertTrue(detail("a..b").contains("at offset 2"), detail("a..b"))
        XCTAssertTrue(detail("members[value eq \"x\"").contains("missing ']' for the '[' at offset 7"), detail("members[value eq \"x\""))
        XCTAssertTrue(detail("members[value eq \"x\"]x").contains("at offset 21"), detail("members[value eq \"x\"]x"))
        XCTAssertTrue(detail("").contains("empty path"))
    }

    func testFuzzNeverCrashes() {
        let seeds = [#"emails[type eq "work" and primary eq true].value"#, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"]
        let alphabet = Array(#"()[]" .:\aeqv1$-"#.utf8)
        var rng = SplitMix64(seed: 42)
        for seed in seeds {
            let base = Array(seed.utf8)
            for _ in 0..<1500 {
                var b = base
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let i = Int(rng.next() % UInt64(b.count))
                    if rng.next() % 2 == 0 { b.remove(at: i) } else { b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i) }
                    if b.isEmpty { b = [0x61] }
                }
                do { _ = try PatchPath.parse(String(decoding: b, as: UTF8.self)) } catch {
                    XCTAssertEqual(error.scimType, .invalidPath)
                }
            }
        }
    }
}
