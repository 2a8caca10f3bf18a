import XCTest
@testable import SCIMCore

/// Helpers shared by the Resource, Schema and Patch tests: JSON literals, normalising a body,
/// applying a PATCH body, and asserting SCIM errors.
enum Fixture {
    static let enterprise = SCIMSchemaURN.enterpriseUser
    static let coreUser = SCIMSchemaURN.user
    static let coreGroup = SCIMSchemaURN.group

    static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do { return try JSONParser.parse(text) } catch {
            XCTFail("fixture is not JSON: \(error)", file: file, line: line)
            return .null
        }
    }

    static func object(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONObject {
        guard case .object(let o) = json(text, file: file, line: line) else {
            XCTFail("fixture is not a JSON object", file: file, line: line)
            return JSONObject()
        }
        return o
    }

    /// The stored attributes of a POST/PUT body.
    static func stored(_ body: String, _ definition: ResourceDefinition = .user,
                       file: StaticString = #filePath, line: UInt = #line) -> JSONObject {
        do { return try ResourceInput.normalize(json(body, file: file, line: line), definition: definition) } catch {
            XCTFail("normalize failed: \(error)", file: file, line: line)
            return JSONObject()
        }
    }

    /// Parses and applies a PATCH body.
    static func patch(_ attributes: JSONObject, _ body: String, _ definition: ResourceDefinition = .user,
                      id: String? = nil) throws(SCIMError) -> PatchResult {
        let operations = try PatchRequest.parse(json(body))
        return try PatchApplier(definition: definition).apply(operations, to: attributes, resourceID: id)
    }

    /// Applies a PATCH body that must succeed; returns the result.
    static func patched(_ attributes: JSONObject, _ body: String, _ definition: ResourceDefinition = .user, id: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) -> PatchResult {
        do { return try patch(attributes, body, definition, id: id) } catch {
            XCTFail("PATCH failed: \(error)", file: file, line: line)
            return PatchResult(attributes: attributes, membershipChanges: [], changed: false)
        }
    }

    /// A PATCH body with these operations (each a JSON object literal).
    static func operations(_ ops: String...) -> String {
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["# + ops.joined(separator: ",") + "]}"
    }
}

/// Asserts that `body` throws a SCIMError with this status and scimType; returns the error.
@discardableResult
func assertSCIMError<T>(_ scimType: SCIMError.ScimType?, status: Int = 400, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws(SCIMError) -> T) -> SCIMError? {
    do {
        let v = try body()
        XCTFail("expected \(status) \(scimType?.rawValue ?? ""), got success: \(v)", file: file, line: line)
        return nil
    } catch {
        XCTAssertEqual(error.status, status, "\(error)", file: file, line: line)
        XCTAssertEqual(error.scimType, scimType, "\(error)", file: file, line: line)
        XCTAssertFalse(error.detail.isEmpty, file: file, line: line)
        return error
    }
}

/// Asserts JSON equality and shows both sides compactly on failure.
func assertJSON(_ actual: JSONObject, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let e = Fixture.object(expected, file: file, line: line)
    XCTAssertEqual(actual, e, "\n  got      \(JSONValue.object(actual))\n  expected \(JSONValue.object(e))", file: file, line: line)
}

final class ResourceTestSupportTests: XCTestCase {
    func testHelpersWork() {
        XCTAssertEqual(Fixture.json("[1]"), [1])
        assertJSON(Fixture.object(#"{"a":1}"#), #"{"a":1.0}"#)
        assertSCIMError(.invalidValue) { () throws(SCIMError) in throw SCIMError.invalidValue("x") }
    }
}

/// Object literals as `[JSONObject]` in assertions: `objs([["value": "a"]])`.
func objs(_ values: [JSONValue]) -> [JSONObject] { values.compactMap(\.objectValue) }
