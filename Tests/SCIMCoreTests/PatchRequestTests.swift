import XCTest
@testable import SCIMCore

/// `PatchRequest.parse`: the request structure, leniency on case, and the scimType of every
/// malformed body.
final class PatchRequestTests: XCTestCase {
    private func parse(_ text: String) throws(SCIMError) -> [PatchOperation] { try PatchRequest.parse(Fixture.json(text)) }

    func testParsesOperations() throws {
        let ops = try parse(#"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"add","path":"members","value":[{"value":"1"}]},
          {"op":"remove","path":"emails[type eq \"work\"]"},
          {"op":"replace","value":{"active":false}}]}
        """#)
        XCTAssertEqual(ops.count, 3)
        XCTAssertEqual(ops[0], PatchOperation(op: .add, path: try PatchPath.parse("members"), value: [["value": "1"]]))
        XCTAssertEqual(ops[1].op, .remove)
        XCTAssertEqual(ops[1].path?.valueFilter, .comparison(AttributePath(attribute: "type"), .eq, "work"))
        XCTAssertNil(ops[1].value)
        XCTAssertEqual(ops[2], PatchOperation(op: .replace, path: nil, value: ["active": false]))
    }

    func testKeysAndOpNamesInAnyCase() throws {
        let ops = try parse(#"""
        {"operations":[{"OP":"Replace","PATH":"active","VALUE":"False"},{"Op":"ADD","Path":"nickName","Value":"x"},{"op":"rEmOvE","path":"title"}]}
        """#)
        XCTAssertEqual(ops.map(\.op), [.replace, .add, .remove])
        XCTAssertEqual(ops[0].value, "False")
        XCTAssertEqual(ops[1].path, try PatchPath.parse("nickName"))
    }

    func testSchemasMayBeMissingOrOdd() throws {
        XCTAssertEqual(try parse(#"{"Operations":[{"op":"add","path":"a","value":1}]}"#).count, 1)
        XCTAssertEqual(try parse(#"{"schemas":"nonsense","Operations":[{"op":"add","path":"a","value":1}]}"#).count, 1)
        XCTAssertEqual(try parse(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"add","path":"a","value":1}]}"#).count, 1)
    }

    func testEmptyAndBlankPathsAreNoPath() throws {
        XCTAssertNil(try parse(#"{"Operations":[{"op":"replace","path":"","value":{"a":1}}]}"#)[0].path)
        XCTAssertNil(try parse(#"{"Operations":[{"op":"replace","path":null,"value":{"a":1}}]}"#)[0].path)
        XCTAssertNil(try parse(#"{"Operations":[{"op":"replace","path":"  ","value":{"a":1}}]}"#)[0].path)
    }

    func testMalformedBodies() {
        let invalidSyntax = [
            "[]", "\"Operations\"", "null", "42",
            #"{}"#,
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"#,
            #"{"Operations":{"op":"add","path":"a","value":1}}"#,
            #"{"Operations":"add"}"#,
            #"{"Operations":null}"#,
            #"{"Operations":[1]}"#,
            #"{"Operations":[[{"op":"add"}]]}"#,
            #"{"Operations":["add"]}"#,
            #"{"Operations":[{"path":"a","value":1}]}"#,
            #"{"Operations":[{"op":null,"path":"a","value":1}]}"#,
            #"{"Operations":[{"op":1,"path":"a","value":1}]}"#,
            #"{"Operations":[{"op":["add"],"path":"a","value":1}]}"#,
        ]
        for body in invalidSyntax {
            assertSCIMError(.invalidSyntax) { () throws(SCIMError) in try parse(body) }
        }
        let invalidValue = [
            #"{"Operations":[]}"#,
            #"{"Operations":[{"op":"move","path":"a","value":1}]}"#,
            #"{"Operations":[{"op":"copy","from":"a","path":"b"}]}"#,
            #"{"Operations":[{"op":"","path":"a","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"a"}]}"#,
            #"{"Operations":[{"op":"add","path":"a","value":null}]}"#,
            #"{"Operations":[{"op":"add","value":"x"}]}"#,
            #"{"Operations":[{"op":"add","value":[{"active":true}]}]}"#,
            #"{"Operations":[{"op":"add"}]}"#,
            #"{"Operations":[{"op":"replace","path":"a"}]}"#,
            #"{"Operations":[{"op":"replace","value":true}]}"#,
            #"{"Operations":[{"op":"replace","value":null}]}"#,
            #"{"Operations":[{"op":"replace"}]}"#,
        ]
        for body in invalidValue {
            assertSCIMError(.invalidValue) { () throws(SCIMError) in try parse(body) }
        }
        let noTarget = [
            #"{"Operations":[{"op":"remove"}]}"#,
            #"{"Operations":[{"op":"remove","value":{"a":1}}]}"#,
            #"{"Operations":[{"op":"remove","path":""}]}"#,
        ]
        for body in noTarget {
            assertSCIMError(.noTarget) { () throws(SCIMError) in try parse(body) }
        }
        let invalidPath = [
            #"{"Operations":[{"op":"add","path":1,"value":1}]}"#,
            #"{"Operations":[{"op":"add","path":{"a":1},"value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"emails[type eq]","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"emails[type eq \"work\"","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"emails[]","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"name..givenName","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"name.givenName.x","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"1abc","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"emails[type eq \"work\"]x","value":1}]}"#,
            #"{"Operations":[{"op":"add","path":"emails[type eq \"work\"].","value":1}]}"#,
            #"{"Operations":[{"op":"remove","path":"members[value eq \"a\"]]"}]}"#,
            #"{"Operations":[{"op":"remove","path":"a b"}]}"#,
            #"{"Operations":[{"op":"remove","path":"/members/0"}]}"#,
        ]
        for body in invalidPath {
            assertSCIMError(.invalidPath) { () throws(SCIMError) in try parse(body) }
        }
    }

    func testTheFailingOperationIsNamed() {
        let e = assertSCIMError(.invalidValue) { () throws(SCIMError) in
            try parse(#"{"Operations":[{"op":"add","path":"a","value":1},{"op":"add","path":"b","value":1},{"op":"frobnicate","path":"c"}]}"#)
        }
        XCTAssertTrue(e?.detail.hasPrefix("Operation 3") ?? false, e?.detail ?? "")
        let p = assertSCIMError(.invalidPath) { () throws(SCIMError) in
            try parse(#"{"Operations":[{"op":"add","path":"a","value":1},{"op":"add","path":"emails[","value":1}]}"#)
        }
        XCTAssertTrue(p?.detail.hasPrefix("Operation 2") ?? false, p?.detail ?? "")
    }

    func testOperationLimit() throws {
        let one = #"{"op":"add","path":"nickName","value":"x"}"#
        let thousand = "{\"Operations\":[" + Array(repeating: one, count: 1_000).joined(separator: ",") + "]}"
        XCTAssertEqual(try parse(thousand).count, 1_000)
        let more = "{\"Operations\":[" + Array(repeating: one, count: 1_001).joined(separator: ",") + "]}"
        assertSCIMError(.tooMany) { () throws(SCIMError) in try parse(more) }
        XCTAssertEqual(try PatchRequest.parse(Fixture.json(more), maxOperations: 2_000).count, 1_001)
    }
}
