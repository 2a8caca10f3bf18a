import SCIMCore
import XCTest

/// Each test gets its own server, store and data directory, and one integration ("Test") with a
/// client `scim` that speaks for it.
class SCIMEndpointTestCase: XCTestCase {
    var server: SCIMTestServer!
    var integration: TestIntegration!
    var scim: SCIMClient!

    override func setUpWithError() throws {
        try super.setUpWithError()
        server = try SCIMTestServer()
        integration = try server.createIntegration("Test")
        scim = server.client(integration)
    }

    override func tearDown() {
        scim = nil
        server?.stop()
        server = nil
        super.tearDown()
    }

    // MARK: Helpers shared by the lifecycles

    /// POSTs a minimal user and returns its id (fails the test if it is not created).
    @discardableResult
    func createUser(_ userName: String, client: SCIMClient? = nil, extra: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try (client ?? scim).post("/Users", json: """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": \(JSONValue.string(userName).serializedString())\(extra.isEmpty ? "" : ", " + extra)}
            """)
        XCTAssertEqual(r.status, 201, r.text, file: file, line: line)
        return try XCTUnwrap(r.id, r.text, file: file, line: line)
    }

    @discardableResult
    func createGroup(_ displayName: String, members: [String] = [], client: SCIMClient? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let list = members.map { "{\"value\": \"\($0)\"}" }.joined(separator: ", ")
        let r = try (client ?? scim).post("/Groups", json: """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": \(JSONValue.string(displayName).serializedString()), "members": [\(list)]}
            """)
        XCTAssertEqual(r.status, 201, r.text, file: file, line: line)
        return try XCTUnwrap(r.id, r.text, file: file, line: line)
    }

    /// The member values of a group, read back with GET.
    func members(of groupID: String, client: SCIMClient? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let r = try (client ?? scim).get("/Groups/\(groupID)")
        XCTAssertEqual(r.status, 200, r.text, file: file, line: line)
        return r.memberValues
    }

    /// Asserts the RFC 7644 section 3.12 error body: Error URN, `status` as a string equal to the HTTP
    /// status, a non-empty `detail`, the expected `scimType`, a SCIM JSON content type.
    func assertSCIMError(_ r: SCIMResponse, _ status: Int, scimType: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.text, file: file, line: line)
        XCTAssertTrue(r.isJSON, "error body is not JSON: \(r.text)", file: file, line: line)
        XCTAssertEqual(r.json["schemas"], ["urn:ietf:params:scim:api:messages:2.0:Error"], file: file, line: line)
        XCTAssertEqual(r.json["status"], .string(String(status)), "status must be a string", file: file, line: line)
        XCTAssertFalse((r.json["detail"]?.stringValue ?? "").isEmpty, "detail is empty", file: file, line: line)
        if let scimType {
            XCTAssertEqual(r.json["scimType"]?.stringValue, scimType, r.text, file: file, line: line)
        }
        XCTAssertTrue(r.contentType?.hasPrefix("application/scim+json") == true || r.contentType?.hasPrefix("application/json") == true,
                      "content type \(r.contentType ?? "none")", file: file, line: line)
    }

    /// Asserts an empty ListResponse (200, totalResults 0, Resources []).
    func assertEmptyList(_ r: SCIMResponse, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 200, r.text, file: file, line: line)
        XCTAssertEqual(r.json["schemas"], ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], file: file, line: line)
        XCTAssertEqual(r.totalResults, 0, r.text, file: file, line: line)
        XCTAssertEqual(r.json["Resources"], .array([]), r.text, file: file, line: line)
    }

    /// The ids in a ListResponse.
    func ids(_ r: SCIMResponse) -> [String] { r.resources.compactMap { $0["id"]?.stringValue } }
}
