import XCTest
@testable import SCIMCore

final class FilterParserTests: XCTestCase {
    private let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    private func p(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> FilterExpression? {
        do { return try FilterParser.parse(text) } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    private func path(_ a: String, _ sub: String? = nil, urn: String? = nil) -> AttributePath {
        AttributePath(schemaURN: urn, attribute: a, subAttribute: sub)
    }

    func testRFC7644Examples() {
        let core = "urn:ietf:params:scim:schemas:core:2.0:User"
        let cases: [(String, FilterExpression)] = [
            (#"userName eq "bjensen""#, .comparison(path("userName"), .eq, "bjensen")),
            (#"name.familyName co "O'Malley""#, .comparison(path("name", "familyName"), .co, "O'Malley")),
            (#"userName sw "J""#, .comparison(path("userName"), .sw, "J")),
            (#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#, .comparison(path("userName", urn: core), .sw, "J")),
            ("title pr", .present(path("title"))),
            (#"meta.lastModified gt "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .gt, "2011-05-13T04:42:34Z")),
            (#"meta.lastModified ge "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .ge, "2011-05-13T04:42:34Z")),
            (#"meta.lastModified lt "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .lt, "2011-05-13T04:42:34Z")),
            (#"meta.lastModified le "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .le, "2011-05-13T04:42:34Z")),
            (#"title pr and userType eq "Employee""#, .and(.present(path("title")), .comparison(path("userType"), .eq, "Employee"))),
            (#"title pr or userType eq "Intern""#, .or(.present(path("title")), .comparison(path("userType"), .eq, "Intern"))),
            (#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
             .comparison(path("schemas"), .eq, .string(enterprise))),
            (#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
             .and(.comparison(path("userType"), .eq, "Employee"),
                  .or(.comparison(path("emails"), .co, "example.com"), .comparison(path("emails", "value"), .co, "example.org")))),
            (#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
             .and(.comparison(path("userType"), .ne, "Employee"),
                  .not(.or(.comparison(path("emails"), .co, "example.com"), .comparison(path("emails", "value"), .co, "example.org"))))),
            (#"userType eq "Employee" and (emails.type eq "work")"#,
             .and(.comparison(path("userType"), .eq, "Employee"), .comparison(path("emails", "type"), .eq, "work"))),
            (#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
             .and(.comparison(path("userType"), .eq, "Employee"),
                  .valuePath(path("emails"), .and(.comparison(path("type"), .eq, "work"), .comparison(path("value"), .co, "@example.com"))))),
            (#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
             .or(.valuePath(path("emails"), .and(.comparison(path("type"), .eq, "work"), .comparison(path("value"), .co, "@example.com"))),
                 .valuePath(path("ims"), .and(.comparison(path("type"), .eq, "xmpp"), .comparison(path("value"), .co, "@foo.com"))))),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(p(text), expected, text)
        }
    }

    func testPrecedenceNotAndOr() {
        let a = FilterExpression.comparison(path("a"), .eq, 1)
        let b = FilterExpression.comparison(path("b"), .eq, 2)
        let c = FilterExpression.comparison(path("c"), .eq, 3)
        XCTAssertEqual(p("a eq 1 or b eq 2 and c eq 3"), .or(a, .and(b, c)))
        XCTAssertEqual(p("a eq 1 and b eq 2 or c eq 3"), .or(.and(a, b), c))
        XCTAssertEqual(p("(a eq 1 or b eq 2) and c eq 3"), .and(.or(a, b), c))
        XCTAssertEqual(p("not (a eq 1) and b eq 2"), .and(.not(a), b))
        XCTAssertEqual(p("a eq 1 or not (b eq 2) and c eq 3"), .or(a, .and(.not(b), c)))
        XCTAssertEqual(p("a eq 1 and b eq 2 and c eq 3"), .and(.and(a, b), c))
        XCTAssertEqual(p("a eq 1 or b eq 2 or c eq 3"), .or(.or(a, b), c))
    }

    func testCaseInsensitiveKeywordsAndValues() {
        XCTAssertEqual(p(#"userName EQ "x" AND title PR Or not(active Eq TRUE)"#),
                       .or(.and(.comparison(path("userName"), .eq, "x"), .present(path("title"))),
                           .not(.comparison(path("active"), .eq, true))))
        XCTAssertEqual(p("active eq False"), .comparison(path("active"), .eq, false))
        XCTAssertEqual(p("manager eq NULL"), .comparison(path("manager"), .eq, .null))
        XCTAssertEqual(p("DisplayName eq \"BobIsAmazing\""), .comparison(path("DisplayName"), .eq, "BobIsAmazing"))
    }

    func testEntraOktaOneLoginFilters() {
        XCTAssertEqual(p(#"userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee""#),
                       .comparison(path("userName"), .eq, "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"))
        XCTAssertEqual(p(#"externalId eq "johnwong""#), .comparison(path("externalId"), .eq, "johnwong"))
        XCTAssertEqual(p(#"emails[type eq "work"].value eq "x@y""#),
                       .valuePath(path("emails"), .and(.comparison(path("type"), .eq, "work"), .comparison(path("value"), .eq, "x@y"))))
        XCTAssertEqual(p(#"displayName eq "Sales Team""#), .comparison(path("displayName"), .eq, "Sales Team"))
        XCTAssertEqual(p(#"userName eq "test.user@okta.local""#), .comparison(path("userName"), .eq, "test.user@okta.local"))
        XCTAssertEqual(p(#"userName eq "a" and externalId eq "b""#),
                       .and(.comparison(path("userName"), .eq, "a"), .comparison(path("externalId"), .eq, "b")))
        // Legacy unquoted forms from Microsoft's documentation and reference tests.
        XCTAssertEqual(p("externalId eq jyoung"), .comparison(path("externalId"), .eq, "jyoung"))
        XCTAssertEqual(p("id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646"),
                       .and(.comparison(path("id"), .eq, "54D382A4-2050-4C03-94D1-E769F1D15682"),
                            .comparison(path("manager"), .eq, "2819c223-7f76-453a-919d-413861904646")))
        XCTAssertEqual(p("name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)"),
                       .and(.comparison(path("name", "FamilyName"), .eq, "Employee"),
                            .or(.comparison(path("emails", "Value"), .co, "example.com"), .comparison(path("emails", "Value"), .co, "example.org"))))
        XCTAssertEqual(p("meta.Created gt 2015-10-10T14:38:21.8617979-07:00"),
                       .comparison(path("meta", "Created"), .gt, "2015-10-10T14:38:21.8617979-07:00"))
    }

    func testURNQualifiedPaths() {
        XCTAssertEqual(p("\(enterprise):department eq \"Sales\""), .comparison(path("department", urn: enterprise), .eq, "Sales"))
        XCTAssertEqual(p("\(enterprise):manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\""),
                       .comparison(path("manager", "value", urn: enterprise), .eq, "26118915-6090-4610-87e4-49d8ca9f808d"))
        XCTAssertEqual(p("\(enterprise) pr"), .present(path(enterprise)))
    }

    func testValuesAndEscapes() {
        XCTAssertEqual(p(#"a eq "q\"b\\s\/n\n\t\r\b\f""#), .comparison(path("a"), .eq, .string("q\"b\\s/n\n\t\r\u{8}\u{c}")))
        XCTAssertEqual(p(#"a eq "\u00e9\uD83D\uDE00""#), .comparison(path("a"), .eq, .string("é😀")))
        XCTAssertEqual(p(#"a eq "héllo""#), .comparison(path("a"), .eq, "héllo"))
        XCTAssertEqual(p("a eq -1.5e3"), .comparison(path("a"), .eq, .number(JSONNumber(validatedText: "-1.5e3"))))
        XCTAssertEqual(p("a gt 0"), .comparison(path("a"), .gt, 0))
        XCTAssertEqual(p(#"a eq """#), .comparison(path("a"), .eq, ""))
        XCTAssertEqual(p(#"members.$ref eq "x""#), .comparison(path("members", "$ref"), .eq, "x"))
        XCTAssertEqual(p(#"members[$ref eq "x"]"#), .valuePath(path("members"), .comparison(path("$ref"), .eq, "x")))
    }

    func testWhitespaceTolerance() {
        XCTAssertEqual(p("  title   pr  "), .present(path("title")))
        XCTAssertEqual(p("(title pr)and(userName eq\"x\")"),
                       .and(.present(path("title")), .comparison(path("userName"), .eq, "x")))
        XCTAssertEqual(p("emails[ type eq \"work\" ]"), .valuePath(path("emails"), .comparison(path("type"), .eq, "work")))
        XCTAssertEqual(p("a eq 1\tand\nb pr"), .and(.comparison(path("a"), .eq, 1), .present(path("b"))))
    }

    func testNestingWithinLimit() {
        let depth = FilterParser.maxDepth
        let text = String(repeating: "(", count: depth) + "a pr" + String(repeating: ")", count: depth)
        XCTAssertEqual(p(text), .present(path("a")))
        let nots = String(repeating: "not (", count: depth) + "a pr" + String(repeating: ")", count: depth)
        var expected = FilterExpression.present(path("a"))
        for _ in 0..<depth { expected = .not(expected) }
        XCTAssertEqual(p(nots), expected)
    }

    func testErrorMessagesNameOffsetAndProblem() {
        func message(_ text: String) -> String {
            do { _ = try FilterParser.parse(text); return "" } catch { return error.detail }
        }
        XCTAssertTrue(message("userName").contains("expected an operator after 'userName' at offset 8"), message("userName"))
        XCTAssertTrue(message("userName  ").contains("expected an operator after 'userName' at offset 10"))
        XCTAssertTrue(message("userName xx \"a\"").contains("unknown operator 'xx' at offset 9"))
        XCTAssertTrue(message("userName eq").contains("expected a value after 'eq' at offset 11"))
        XCTAssertTrue(message("(a pr").contains("missing ')'"))
        XCTAssertTrue(message("a eq \"x").contains("unterminated string"))
    }
}
