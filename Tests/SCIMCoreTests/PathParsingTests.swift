import XCTest
@testable import SCIMCore

final class PathParsingTests: XCTestCase {
    private let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    private func pp(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PatchPath? {
        do { return try PatchPath.parse(text) } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func testAttributePathParse() throws {
        XCTAssertEqual(try AttributePath.parse("userName"), AttributePath(attribute: "userName"))
        XCTAssertEqual(try AttributePath.parse(" name.givenName "), AttributePath(attribute: "name", subAttribute: "givenName"))
        XCTAssertEqual(try AttributePath.parse("members.$ref"), AttributePath(attribute: "members", subAttribute: "$ref"))
        XCTAssertEqual(try AttributePath.parse("\(enterprise):manager.value"),
                       AttributePath(schemaURN: enterprise, attribute: "manager", subAttribute: "value"))
        XCTAssertEqual(try AttributePath.parse("\(enterprise):department"), AttributePath(schemaURN: enterprise, attribute: "department"))
        let whole = try AttributePath.parse(enterprise)
        XCTAssertEqual(whole, AttributePath(attribute: enterprise))
        XCTAssertTrue(whole.isSchemaURN)
        XCTAssertEqual(whole.extensionURN, enterprise)
        XCTAssertEqual(whole.description, enterprise)
        let core = try AttributePath.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName")
        XCTAssertTrue(core.isCoreAttribute)
        XCTAssertNil(core.extensionURN)
        XCTAssertEqual(core.withoutCoreSchemaURN, AttributePath(attribute: "userName"))
        let ext = try AttributePath.parse("\(enterprise):department")
        XCTAssertFalse(ext.isCoreAttribute)
        XCTAssertEqual(ext.extensionURN, enterprise)
        XCTAssertEqual(try AttributePath.parse("urn:acme:custom:badge"), AttributePath(schemaURN: "urn:acme:custom", attribute: "badge"))
    }

    func testPatchPaths() {
        XCTAssertEqual(pp("members"), PatchPath(attribute: AttributePath(attribute: "members")))
        XCTAssertEqual(pp("name.familyName"), PatchPath(attribute: AttributePath(attribute: "name", subAttribute: "familyName")))
        XCTAssertEqual(pp(#"members[value eq "2819c223"]"#),
                       PatchPath(attribute: AttributePath(attribute: "members"),
                                 valueFilter: .comparison(AttributePath(attribute: "value"), .eq, "2819c223")))
        XCTAssertEqual(pp(#"emails[type eq "work"].value"#),
                       PatchPath(attribute: AttributePath(attribute: "emails"),
                                 valueFilter: .comparison(AttributePath(attribute: "type"), .eq, "work"), filteredSubAttribute: "value"))
        XCTAssertEqual(pp(#"addresses[type eq "work"].formatted"#),
                       PatchPath(attribute: AttributePath(attribute: "addresses"),
                                 valueFilter: .comparison(AttributePath(attribute: "type"), .eq, "work"), filteredSubAttribute: "formatted"))
        XCTAssertEqual(pp("\(enterprise):department"), PatchPath(attribute: AttributePath(schemaURN: enterprise, attribute: "department")))
        XCTAssertEqual(pp("\(enterprise):manager.value"),
                       PatchPath(attribute: AttributePath(schemaURN: enterprise, attribute: "manager", subAttribute: "value")))
        XCTAssertEqual(pp(enterprise), PatchPath(attribute: AttributePath(attribute: enterprise)))
        XCTAssertEqual(pp("  members  "), PatchPath(attribute: AttributePath(attribute: "members")))
        XCTAssertEqual(pp(#"emails[type eq "work" and primary eq true]"#),
                       PatchPath(attribute: AttributePath(attribute: "emails"),
                                 valueFilter: .and(.comparison(AttributePath(attribute: "type"), .eq, "work"),
                                                   .comparison(AttributePath(attribute: "primary"), .eq, true))))
        XCTAssertEqual(pp(#"phoneNumbers[type eq "untyped"].primary"#)?.filteredSubAttribute, "primary")
    }
}
