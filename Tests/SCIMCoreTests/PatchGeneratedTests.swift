import XCTest
@testable import SCIMCore

/// Generated PATCH requests and bodies: whatever is sent, the result is a SCIMError or a stored
/// object that is already in normal form (normalising it again changes nothing), with at most one
/// primary per list, no empty values, and correct `schemas`. Deterministic seeds.
final class PatchGeneratedTests: XCTestCase {
    private let E = Fixture.enterprise

    private lazy var paths: [String?] = [
        nil, nil, "displayName", "DISPLAYNAME", "nickName", "title", "userName", "externalId", "active", "name", "name.givenName",
        "name.formatted", "emails", #"emails[type eq \"work\"]"#, #"emails[type eq \"work\"].value"#, #"emails[type eq \"home\"].primary"#,
        #"emails[value co \"@\"]"#, #"emails[primary eq true].type"#, "emails.type", "phoneNumbers", #"phoneNumbers[type eq \"mobile\"].value"#,
        #"addresses[type eq \"work\"].locality"#, #"addresses[type eq \"work\" and primary eq \"true\"].region"#, "addresses", "roles",
        "x509Certificates", "ims.value", "photos", E, "\(E):department", "\(E):manager", "\(E):manager.value", "\(E):manager.displayName",
        "manager", #"manager[value eq \"m\"]"#, "id", "meta", "meta.created", "groups", "password", "unknownAttr", "urn:acme:x:2.0:User:y",
        "urn:ietf:params:scim:schemas:core:2.0:User:title", "members", #"members[value eq \"a\"]"#, "profileUrl",
    ]

    private lazy var values: [JSONValue?] = [
        nil, .null, "x", "", "True", "false", "work", "a@b.example", true, false, 7, 1.5, [], [:], ["x"], [nil],
        ["value": "v"], ["value": "v", "type": "work", "primary": true], ["type": "home", "primary": "True"], ["givenName": "G", "bogus": 1],
        [["value": "1", "primary": true], ["value": "2", "primary": true]], [["value": "a@b", "type": "work"]], [["nested": ["deep": 1]]],
        ["department": "D", "manager": "m"], ["displayName": "N", "name.givenName": "Q", "\(E):department": "Z", "id": "other"],
        ["emails": [["value": "n@x", "primary": true]], "active": "False", "meta": ["created": "x"]],
        [[["value": "list of lists"]]], ["value": ["not", "a", "string"]],
    ]

    private let base = Fixture.stored(#"""
    {"userName":"alice","displayName":"Alice","active":true,"name":{"givenName":"Alice","familyName":"L"},
     "emails":[{"value":"alice@work.example","type":"work","primary":true},{"value":"alice@home.example","type":"home"}],
     "addresses":[{"type":"work","locality":"Oxford"}],
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Wonderland","manager":{"value":"m"}}}
    """#)

    private func randomOperation(_ rng: inout JSONGeneratedTests.Random) -> JSONValue {
        var o = JSONObject()
        o["op"] = .string(["add", "replace", "remove", "Add", "Replace", "Remove"][rng.below(6)])
        if let p = paths[rng.below(paths.count)] { o["path"] = .string(p.replacingBackslashQuotes()) }
        if let v = values[rng.below(values.count)] { o["value"] = v }
        return .object(o)
    }

    private func checkInvariants(_ attributes: JSONObject, _ definition: ResourceDefinition, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try? ResourceInput.normalize(.object(attributes), definition: definition), attributes,
                       "a PATCH result is in normal form: \(JSONValue.object(attributes))", file: file, line: line)
        XCTAssertEqual(attributes["schemas"], .array(definition.schemaURNs(for: attributes).map(JSONValue.string)), file: file, line: line)
        for member in attributes {
            switch member.value {
            case .array(let items):
                XCTAssertFalse(items.isEmpty, "\(member.key) is an empty list", file: file, line: line)
                XCTAssertLessThanOrEqual(items.filter(AttributeValueCoercion.isPrimary).count, 1, "\(member.key) has two primaries", file: file, line: line)
            case .object(let o):
                XCTAssertFalse(o.isEmpty, "\(member.key) is an empty object", file: file, line: line)
            case .null:
                XCTFail("\(member.key) is null", file: file, line: line)
            default:
                break
            }
        }
    }

    func testRandomUserPatchesKeepTheStoredFormValid() {
        var rng = JSONGeneratedTests.Random(state: 42)
        let applier = PatchApplier(definition: .user)
        var successes = 0, failures = 0
        for _ in 0..<4_000 {
            let ops = (0...rng.below(4)).map { _ in randomOperation(&rng) }
            let body: JSONValue = ["Operations": .array(ops)]
            do {
                let operations = try PatchRequest.parse(body)
                let result = try applier.apply(operations, to: base, resourceID: "alice-id")
                successes += 1
                checkInvariants(result.attributes, .user)
                XCTAssertEqual(result.membershipChanges, [])
                XCTAssertEqual(result.changed, result.attributes != base)
            } catch {
                failures += 1
                XCTAssertEqual(error.status, 400)
                XCTAssertNotNil(error.scimType)
            }
        }
        XCTAssertGreaterThan(successes, 500)
        XCTAssertGreaterThan(failures, 500)
    }

    func testRandomGroupPatchesOnlyEverProduceMemberDeltas() {
        var rng = JSONGeneratedTests.Random(state: 7)
        let group = Fixture.stored(#"{"displayName":"G","externalId":"e"}"#, .group)
        let applier = PatchApplier(definition: .group)
        let memberValues: [JSONValue] = [[["value": "a"]], ["value": "b", "display": "B"], "c", [["value": "d"], ["value": "d"]], [], .null, [["display": "x"]], 5]
        let memberPaths = ["members", #"members[value eq "a"]"#, #"members[display co "x"]"#, "members.value", #"members[value eq "a"].display"#, "displayName"]
        var seen = 0
        for _ in 0..<2_000 {
            var ops: [JSONValue] = []
            for _ in 0...rng.below(3) {
                var o = JSONObject()
                o["op"] = .string(["add", "replace", "remove"][rng.below(3)])
                if rng.chance(80) { o["path"] = .string(memberPaths[rng.below(memberPaths.count)]) }
                if rng.chance(80) { o["value"] = rng.chance(20) ? ["members": memberValues[rng.below(memberValues.count)]] : memberValues[rng.below(memberValues.count)] }
                ops.append(.object(o))
            }
            do {
                let result = try applier.apply(try PatchRequest.parse(["Operations": .array(ops)]), to: group)
                checkInvariants(result.attributes, .group)
                XCTAssertNil(result.attributes["members"])
                for change in result.membershipChanges {
                    switch change {
                    case .add(let members), .replaceAll(let members):
                        XCTAssertTrue(members.allSatisfy { !($0["value"]?.stringValue ?? "").isEmpty })
                        XCTAssertEqual(Set(members.compactMap { $0["value"] }).count, members.count, "no duplicate ids in one change")
                    case .remove(let values):
                        XCTAssertFalse(values.isEmpty)
                    case .removeMatching, .removeAll:
                        break
                    }
                }
                seen += result.membershipChanges.count
            } catch {
                XCTAssertEqual(error.status, 400)
            }
        }
        XCTAssertGreaterThan(seen, 100)
    }

    func testRandomBodiesNormaliseIdempotently() {
        var gen = JSONGeneratedTests.Generator(rng: JSONGeneratedTests.Random(state: 99))
        var rng = JSONGeneratedTests.Random(state: 100)
        let keys = ["userName", "displayName", "active", "name", "emails", "phoneNumbers", "addresses", "roles", "title", "externalId",
                    "id", "meta", "groups", "password", "schemas", E, "members", "x509Certificates", "photos", "NAME", "Emails"]
        var ok = 0
        for _ in 0..<3_000 {
            var body = JSONObject()
            body["userName"] = "u"
            for _ in 0..<rng.below(6) {
                let key = keys[rng.below(keys.count)]
                body[key] = rng.chance(50) ? values[rng.below(values.count)] ?? .null : gen.value(depth: 3)
            }
            for definition in [ResourceDefinition.user, .group] {
                var b = body
                if definition == .group { b["displayName"] = "g" }
                guard let once = try? ResourceInput.normalize(.object(b), definition: definition) else { continue }
                ok += 1
                checkInvariants(once, definition)
            }
        }
        XCTAssertGreaterThan(ok, 1_000)
    }
}

private extension String {
    /// The path pool is written as it appears inside JSON strings; here it goes into a JSONValue.
    func replacingBackslashQuotes() -> String { String(split(separator: "\\", omittingEmptySubsequences: false).joined()) }
}
