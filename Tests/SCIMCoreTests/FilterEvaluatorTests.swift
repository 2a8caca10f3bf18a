import XCTest
@testable import SCIMCore

final class FilterEvaluatorTests: XCTestCase {
    private let evaluator = FilterEvaluator(resolver: FilterFixtures.resolver)
    private let users: [(String, JSONObject)] = [("bjensen", FilterFixtures.bjensen), ("intern", FilterFixtures.intern), ("bare", FilterFixtures.bare)]

    /// The names of the sample users the filter matches.
    private func matching(_ filter: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            let f = try FilterParser.parse(filter)
            return users.filter { evaluator.matches(f, resource: $0.1) }.map(\.0)
        } catch {
            XCTFail("\(filter): \(error)", file: file, line: line)
            return ["<error>"]
        }
    }

    private func check(_ filter: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(matching(filter, file: file, line: line), expected, filter, file: file, line: line)
    }

    func testRFC7644Examples() {
        check(#"userName eq "bjensen@example.com""#, ["bjensen"])
        check(#"name.familyName co "O'Malley""#, ["intern"])
        check(#"userName sw "J""#, ["intern"])
        check(#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#, ["intern"])
        check("title pr", ["bjensen"])  // the intern's title is ""
        check(#"meta.lastModified gt "2011-05-13T04:42:34Z""#, ["intern"])
        check(#"meta.lastModified ge "2011-05-13T04:42:34Z""#, ["bjensen", "intern"])
        check(#"meta.lastModified lt "2011-05-13T04:42:34Z""#, [])
        check(#"meta.lastModified le "2011-05-13T04:42:34Z""#, ["bjensen"])
        check(#"title pr and userType eq "Employee""#, ["bjensen"])
        check(#"title pr or userType eq "Intern""#, ["bjensen", "intern"])
        check(#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#, ["bjensen"])
        check(#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#, ["bjensen"])
        check(#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#, ["bare"])
        check(#"userType eq "Employee" and (emails.type eq "work")"#, ["bjensen"])
        check(#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#, ["bjensen"])
        check(#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#, ["bjensen", "intern"])
    }

    func testIdPFilters() {
        check(#"userName eq "BJENSEN@example.com""#, ["bjensen"])  // case-insensitive (Okta/validator)
        check(#"externalId eq "701984""#, ["bjensen"])
        check(#"externalId eq 701984"#, ["bjensen"])  // unquoted: compared as text
        check(#"id eq "2819c223-7f76-453a-919d-413861904646""#, ["bjensen"])
        check(#"id eq "2819C223-7F76-453A-919D-413861904646""#, [])  // id is case-exact
        check(#"emails[type eq "work"].value eq "bjensen@example.com""#, ["bjensen"])
        check(#"emails[type eq "home"].value eq "bjensen@example.com""#, [])
        check(#"emails[type eq "work"].value eq "jim@example.org""#, ["intern"])
        check(#"DisplayName eq "babs jensen""#, ["bjensen"])
        check(#"userName eq "JSmith" and active eq false"#, ["intern"])
        check(#"active eq "True""#, ["bjensen"])  // boolean sent as a string
        check("\(FilterFixtures.enterprise):department eq \"tour operations\"", ["bjensen"])
        check("\(FilterFixtures.enterprise):manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", ["bjensen"])
        check("\(FilterFixtures.enterprise):manager.value eq \"26118915-6090-4610-87E4-49D8CA9F808D\"", [])
        check("\(FilterFixtures.enterprise) pr", ["bjensen"])
        check("meta.Created gt 2010-06-01T00:00:00.8617979-07:00", ["intern"])
        check("name.FamilyName eq jensen and (emails.Value co example.com or emails.Value co example.org)", ["bjensen"])
    }

    func testCaseExactness() {
        check(#"badge eq "AbC-1""#, ["bjensen"])
        check(#"badge eq "abc-1""#, [])
        check(#"badge sw "Ab""#, ["bjensen"])
        check(#"badge sw "ab""#, [])
        check(#"badge co "C-""#, ["bjensen"])
        check(#"badge ew "c-1""#, [])
        check(#"entitlements eq "admin""#, [])
        check(#"entitlements eq "Admin""#, ["bjensen"])
        check(#"tags eq "red""#, ["bjensen"])
        check(#"tags eq "BLUE""#, ["bjensen"])
        check(#"unknownAttr eq "x""#, [])
        check(#"userName ew "EXAMPLE.COM""#, ["bjensen"])
        check(#"meta.resourceType eq "user""#, [])  // meta.* are case-exact
        check(#"meta.resourceType eq "User""#, ["bjensen", "intern"])
    }

    func testUnicodeCaseFolding() {
        let u = FilterFixtures.json(#"{"id":"u","userName":"ÉLODIE@exämple.com","badge":"Ä"}"#)
        func m(_ f: String) -> Bool { (try? evaluator.matches(FilterParser.parse(f), resource: u)) ?? false }
        XCTAssertTrue(m(#"userName eq "élodie@EXÄMPLE.com""#))
        XCTAssertTrue(m(#"userName co "ÄMPLE""#))
        XCTAssertTrue(m(#"userName sw "éLO""#))
        XCTAssertFalse(m(#"badge eq "ä""#))
        XCTAssertTrue(m(#"badge eq "Ä""#))
    }

    func testDateTimeComparisons() {
        check(#"meta.created eq "2011-05-13T04:42:34Z""#, ["intern"])  // stored with .000
        check(#"meta.created eq "2011-05-13T06:42:34+02:00""#, ["intern"])
        check(#"meta.created eq "2011-05-13T04:42:34.0000001Z""#, [])
        check(#"meta.created lt "2011-05-13T04:42:34.001Z""#, ["bjensen", "intern"])
        check(#"meta.lastModified eq "2011-12-31T23:00:00.500Z""#, ["intern"])  // stored with +01:00
        check(#"meta.lastModified gt "2011-12-31T23:00:00.499Z""#, ["intern"])
        check(#"meta.lastModified lt "2011-12-31T23:00:00.501Z""#, ["bjensen", "intern"])
        check(#"hireDate ge "2010-01-23T04:56:22.000Z""#, ["bjensen"])
        check(#"hireDate gt "2010-01-23T00:56:22-04:00""#, [])
        check(#"hireDate lt "2010-01-23T00:56:23-04:00""#, ["bjensen"])
        check(#"meta.lastModified sw "2011""#, ["bjensen"])
    }

    func testNumbersAndBooleans() {
        check("loginCount gt 10", ["bjensen"])
        check("loginCount le 7", ["intern"])
        check("loginCount eq 42.0", ["bjensen"])
        check("loginCount eq 4.2e1", ["bjensen"])
        check(#"loginCount eq "42""#, ["bjensen"])  // numeric attribute, numeric string
        check("score gt 3.25", ["bjensen"])
        check("score lt 3.5", [])
        check("active eq true", ["bjensen"])
        check("active ne true", ["intern", "bare"])
        check("active gt false", [])  // ordering on booleans never matches
        check("active lt true", [])
        check("name gt \"a\"", [])  // complex without sub-attribute
        check("name eq \"Jensen\"", [])
        check("loginCount co 4", [])  // co applies to strings only
    }

    func testMultiValuedAnyMatch() {
        check(#"emails.value eq "babs@jensen.org""#, ["bjensen"])
        check(#"emails eq "babs@jensen.org""#, ["bjensen"])
        check(#"emails.type eq "home""#, ["bjensen"])
        check(#"emails.type ne "home""#, ["intern", "bare"])  // ne is "no value equals"
        check(#"emails co "jensen""#, ["bjensen"])
        check(#"emails.primary eq true"#, ["bjensen"])
        check(#"emails[primary eq true and type eq "home"]"#, [])
        check(#"emails[primary eq true or type eq "home"]"#, ["bjensen"])
        check(#"emails[not (type eq "work")]"#, ["bjensen"])
        check(#"emails[(type eq "home" or type eq "other") and value ew ".org"]"#, ["bjensen"])
        check(#"emails[value pr]"#, ["bjensen", "intern"])
        check(#"addresses[type eq "work"].locality eq "hollywood""#, ["bjensen"])
        check(#"name[givenName eq "Jim"]"#, ["intern"])  // value filter on a single-valued complex attribute
    }

    func testPresenceAndNull() {
        check("emails pr", ["bjensen", "intern"])  // [] is not present
        check("name pr", ["bjensen", "intern"])  // {} is not present
        check("name.givenName pr", ["bjensen", "intern"])
        check("nickName pr", [])
        check("password pr", ["bjensen"])
        check("nickName ne \"x\"", ["bjensen", "intern", "bare"])  // ne on absent is true
        check("nickName eq null", ["bjensen", "intern", "bare"])
        check("title eq null", ["intern", "bare"])
        check("title ne null", ["bjensen"])
        check("nickName gt \"a\"", [])
        check("not (title pr)", ["intern", "bare"])
        check("\(FilterFixtures.enterprise):department pr", ["bjensen"])
        check("meta.version pr", ["bjensen"])
    }

    func testElementMatching() throws {
        let emails = try XCTUnwrap(FilterFixtures.resolver.attribute(for: AttributePath(attribute: "emails")))
        let work: JSONValue = ["value": "bjensen@example.com", "type": "Work", "primary": true]
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"type eq "work""#), element: work, of: emails))
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"type eq "work" and primary eq true"#), element: work, of: emails))
        XCTAssertFalse(evaluator.matches(try FilterParser.parse(#"type eq "home""#), element: work, of: emails))
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"value ew "EXAMPLE.COM""#), element: work, of: emails))
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"display ne "x""#), element: work, of: emails))
        let members = try XCTUnwrap(FilterFixtures.resolver.attribute(for: AttributePath(attribute: "members")))
        let member: JSONValue = ["value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs"]
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"value eq "2819c223-7f76-453a-919d-413861904646""#), element: member, of: members))
        XCTAssertFalse(evaluator.matches(try FilterParser.parse(#"value eq "2819C223-7F76-453A-919D-413861904646""#), element: member, of: members))
        // Without a definition: case-insensitive; a primitive element is its own `value`.
        XCTAssertTrue(evaluator.matches(try FilterParser.parse(#"value eq "ADMIN""#), element: "admin", of: nil))
        XCTAssertFalse(evaluator.matches(try FilterParser.parse(#"type eq "x""#), element: "admin", of: nil))
        XCTAssertFalse(evaluator.matches(try FilterParser.parse(#"value pr"#), element: .null, of: nil))
    }

    func testIndexableEquality() throws {
        func hint(_ f: String) throws -> String? {
            try FilterParser.parse(f).indexableEquality.map { "\($0.path)=\($0.value)" }
        }
        XCTAssertEqual(try hint(#"userName eq "a""#), "userName=a")
        XCTAssertEqual(try hint(#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a""#), "userName=a")
        XCTAssertEqual(try hint(#"externalId eq "x" and active eq true"#), "externalId=x")
        XCTAssertEqual(try hint(#"active eq true and displayName eq "g""#), "displayName=g")
        XCTAssertEqual(try hint(#"(title pr and id eq "1") and userName eq "u""#), "id=1")
        XCTAssertNil(try hint(#"userName eq "a" or id eq "b""#))
        XCTAssertNil(try hint(#"not (userName eq "a")"#))
        XCTAssertNil(try hint(#"name.givenName eq "a""#))
        XCTAssertNil(try hint(#"userName ne "a""#))
        XCTAssertNil(try hint(#"loginCount eq 1"#))
        XCTAssertNil(try hint(#"emails[value eq "a"]"#))
        XCTAssertNil(try hint("\(FilterFixtures.enterprise):department eq \"a\""))
    }
}
