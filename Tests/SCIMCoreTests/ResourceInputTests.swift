import XCTest
@testable import SCIMCore

/// `ResourceInput.normalize` on the create and update bodies the IdPs really send
/// (idp-clients.md sections 1.4, 1.7, 2.3, 2.5, 2.6, 3; jumpcloud.md sections 4-7), kept literal.
final class ResourceInputTests: XCTestCase {
    private let E = Fixture.enterprise

    // MARK: - Entra (idp-clients.md 1.4, 1.7)

    func testEntraCreateUserE22() {
        let stored = Fixture.stored(#"""
        {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
            "active": true,
            "emails": [{
                "primary": true,
                "type": "work",
                "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"
            }],
            "meta": {
                "resourceType": "User"
            },
            "name": {
                "formatted": "givenName familyName",
                "familyName": "familyName",
                "givenName": "givenName"
            },
            "roles": []
        }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
         "userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
         "active":true,
         "emails":[{"primary":true,"type":"work","value":"Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"}],
         "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"}}
        """#)
        XCTAssertEqual(stored.keys, ["schemas", "externalId", "userName", "active", "emails", "name"], "client order, schemas first")
        XCTAssertEqual(stored["emails"]?.arrayValue?.first?.objectValue?.keys, ["primary", "type", "value"])
    }

    func testEntraNullsAndMalformedURNE23() {
        let stored = Fixture.stored(#"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
         "userName":"UserName123","active":true,
         "addresses":null,"phoneNumbers":null,"preferredLanguage":null,"title":null,"department":null,"manager":null,
         "displayName":"Test User","emails":null}
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"UserName123","active":true,"displayName":"Test User"}
        """#)
    }

    func testEntraBareStringManagerE25() {
        let stored = Fixture.stored(#"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"u@example.com",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Retail","manager":"271","employeeNumber":"E1"}}
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"u@example.com",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Retail","manager":{"value":"271"},"employeeNumber":"E1"}}
        """#)
    }

    func testEntraCreateGroupE43() {
        let stored = Fixture.stored(#"""
        { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
          "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          "displayName": "displayName",
          "meta": { "resourceType": "Group" } }
        """#, .group)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName"}
        """#)
    }

    // MARK: - Okta (idp-clients.md 2.3, 2.5, 2.6)

    func testOktaCreateUserO6() {
        let stored = Fixture.stored(#"""
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "test.user@okta.local",
            "name": { "givenName": "Test", "familyName": "User" },
            "emails": [{ "primary": true, "value": "test.user@okta.local", "type": "work" }],
            "displayName": "Test User",
            "locale": "en-US",
            "externalId": "00ujl29u0le5T6Aj10h7",
            "groups": [],
            "password": "1mz050nq",
            "active": true
        }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
         "name":{"givenName":"Test","familyName":"User"},
         "emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
         "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","active":true}
        """#)
        XCTAssertNil(stored["password"], "the password is never stored")
        XCTAssertFalse(JSONValue.object(stored).serializedString().contains("1mz050nq"))
    }

    func testOktaCustomAttributesUnderTheirURNO6() {
        let stored = Fixture.stored(#"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"test.user@okta.local",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering","costCenter":"42","division":"R&D"}}
        """#)
        XCTAssertEqual(stored[E], ["department": "Engineering", "costCenter": "42", "division": "R&D"])
        XCTAssertEqual(stored["schemas"], [.string(Fixture.coreUser), .string(E)])
    }

    func testOktaPutWithEchoedMetaAndPasswordO10() {
        let stored = Fixture.stored(#"""
        { "id": "{id}", "externalId": "00uq2kqg7YTkFo3cY0g3",
          "meta": { "resourceType": "User", "created": "04-12-2018 00:00:00",
                    "lastModified": "04-12-2018 00:00:00", "version": "v1.0" },
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "jane.doe@example.com", "displayName": "Jane Doe", "locale": "en_US",
          "active": true, "password": "TkdFNVdIVkxhM2c9",
          "emails": [{ "value": "jane.doe@example.com", "type": "work", "primary": true }],
          "name": { "familyName": "Doe", "givenName": "Jane" }, "groups": [] }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"00uq2kqg7YTkFo3cY0g3",
         "userName":"jane.doe@example.com","displayName":"Jane Doe","locale":"en_US","active":true,
         "emails":[{"value":"jane.doe@example.com","type":"work","primary":true}],
         "name":{"familyName":"Doe","givenName":"Jane"}}
        """#)
    }

    func testOktaCreateGroupWithMembersO15() {
        let stored = Fixture.stored(#"""
        { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Droids",
          "members": [ { "value": "cc2573a1-e1c4-491d-a3db-ae4a2e078d61", "display": "bb-8@iamciam.dev" },
                       { "value": "478c4cf4-1aa3-41a1-93da-4c154c5955e0", "display": "c-3po@iamciam.dev" },
                       { "value": "34e14e58-f0fe-4e9d-aeb2-0da25fa6626d", "display": "r2-d2@iamciam.dev" } ] }
        """#, .group)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Droids",
         "members":[{"value":"cc2573a1-e1c4-491d-a3db-ae4a2e078d61","display":"bb-8@iamciam.dev"},
                    {"value":"478c4cf4-1aa3-41a1-93da-4c154c5955e0","display":"c-3po@iamciam.dev"},
                    {"value":"34e14e58-f0fe-4e9d-aeb2-0da25fa6626d","display":"r2-d2@iamciam.dev"}]}
        """#)
    }

    // MARK: - OneLogin (idp-clients.md 3)

    func testOneLoginSCIM2TemplateL4Filled() {
        let stored = Fixture.stored(#"""
        { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "userName": "jdoe",
          "name": { "familyName": "Doe", "givenName": "Jane" },
          "title": "Engineer", "userType": "Employee",
          "timezone": "Europe/Paris",
          "emails": [{ "value": "jane@example.com", "type": "work", "primary": true }],
          "addresses": [{ "locality": "Paris", "region": "IDF", "country": "FR" }],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "organization": "Acme", "division": "R&D",
            "department": "Platform",
            "manager": { "value": "mgr-1",
                         "displayName": "Mary Manager" } },
          "active": "True", "id": null, "meta": {"resourceType": "User"} }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"jdoe","name":{"familyName":"Doe","givenName":"Jane"},"title":"Engineer","userType":"Employee",
         "timezone":"Europe/Paris","emails":[{"value":"jane@example.com","type":"work","primary":true}],
         "addresses":[{"locality":"Paris","region":"IDF","country":"FR"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"organization":"Acme","division":"R&D","department":"Platform",
            "manager":{"value":"mgr-1"}},
         "active":true}
        """#)
    }

    func testOneLoginEmailsAsAnObjectAndUnfilledParameters() {
        let stored = Fixture.stored(#"""
        { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "jdoe",
          "emails": { "value": "jane@example.com", "type": "work", "primary": "true" },
          "title": "", "active": "", "userType": "" }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jdoe",
         "emails":[{"value":"jane@example.com","type":"work","primary":true}],"title":"","userType":""}
        """#)
    }

    func testOneLoginSCIM11TemplatesL3AreRefusedClearly() {
        let bodies = [
            #"""
            { "schemas": ["urn:scim:schemas:core:1.0"],
              "userName": "jdoe",
              "name": { "givenName": "Jane", "familyName": "Doe", "formatted": "Jane Doe" } }
            """#,
            #"""
            { "schemas": ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"],
              "userName": "jdoe",
              "name": { "familyName": "Doe", "givenName": "Jane", "formatted": "Jane Doe" },
              "emails": { "value": "jane@example.com", "type": "work", "primary": true },
              "title": "Engineer",
              "urn:scim:schemas:extension:enterprise:1.0": {
                "department": "Platform",
                "manager": { "managerId": "m-1", "displayName": "Mary Manager" } } }
            """#,
        ]
        for body in bodies {
            let error = assertSCIMError(.invalidValue) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(body), definition: .user) }
            XCTAssertTrue(error?.detail.contains("SCIM 2.0") ?? false)
        }
    }

    // MARK: - JumpCloud (jumpcloud.md 4-7)

    func testJumpCloudCreateUserJ13() {
        let stored = Fixture.stored(#"""
        { "active": true,
          "addresses": [{ "country": "US", "locality": "locality", "postalCode": "80027", "primary": true,
                          "region": "region", "streetAddress": "street-address", "type": "work" }],
          "displayName": "displayname",
          "emails": [{ "primary": true, "type": "work", "value": "testuser@example.io" }],
          "externalId": "66e2d689590450d073d2df3b",
          "locale": "en-US",
          "name": { "familyName": "lastname", "givenName": "firstname" },
          "phoneNumbers": [{ "primary": true, "type": "work", "value": "tel:+1-555-555-5555" }],
          "preferredLanguage": "en-US",
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "userName": "testuser@example.io" }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "active":true,
         "addresses":[{"country":"US","locality":"locality","postalCode":"80027","primary":true,"region":"region","streetAddress":"street-address","type":"work"}],
         "displayName":"displayname","emails":[{"primary":true,"type":"work","value":"testuser@example.io"}],
         "externalId":"66e2d689590450d073d2df3b","locale":"en-US","name":{"familyName":"lastname","givenName":"firstname"},
         "phoneNumbers":[{"primary":true,"type":"work","value":"tel:+1-555-555-5555"}],"preferredLanguage":"en-US",
         "userName":"testuser@example.io"}
        """#)
        XCTAssertEqual(stored.keys.first, "schemas")
        XCTAssertEqual(stored.keys.last, "userName")
    }

    func testJumpCloudFullPutJ16() {
        let stored = Fixture.stored(#"""
        { "active": true, "addresses": [], "displayName": "John Doe",
          "emails": [{ "primary": true, "type": "work", "value": "john.doe@example.io" }],
          "externalId": "664447f5c0c418f2d05e5318", "id": "d500eedc-4dbc-494e-978a-56da891f179a",
          "locale": "en-US", "name": { "familyName": "Doe", "givenName": "John" },
          "phoneNumbers": [],
          "photos": [{ "value": "https://img.example.com/2a27d237-0e0e.png" }],
          "preferredLanguage": "en-US",
          "schemas": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                      "urn:ietf:params:scim:schemas:core:2.0:User"],
          "title": "Captain",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "C-Suite" },
          "userName": "john.doe@example.com" }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "active":true,"displayName":"John Doe","emails":[{"primary":true,"type":"work","value":"john.doe@example.io"}],
         "externalId":"664447f5c0c418f2d05e5318","locale":"en-US","name":{"familyName":"Doe","givenName":"John"},
         "photos":[{"value":"https://img.example.com/2a27d237-0e0e.png"}],"preferredLanguage":"en-US","title":"Captain",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"C-Suite"},
         "userName":"john.doe@example.com"}
        """#)
    }

    func testJumpCloudMinimalPutWithNullEmailsJ16() {
        let stored = Fixture.stored(#"""
        { "active": true, "emails": null, "id": "5107a4e4-0b11-4e77-8dcf-c8c6978d40ac",
          "name": { "familyName": "lastname", "givenName": "firstname" },
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "testuser@example.io" }
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true,
         "name":{"familyName":"lastname","givenName":"firstname"},"userName":"testuser@example.io"}
        """#)
    }

    func testJumpCloudDeactivateByPutJ22() {
        let stored = Fixture.stored(#"""
        { "active": false, "id": "5107a4e4-0b11-4e77-8dcf-c8c6978d40ac",
          "name": { "familyName": "lastname", "givenName": "firstname" },
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "testuser@example.io" }
        """#)
        XCTAssertEqual(stored["active"], false)
    }

    func testJumpCloudGroupWithMinimalMembersJ24() {
        let stored = Fixture.stored(#"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering",
         "members":[{"value":"u-1"},{"value":"u-2","display":"Two"}]}
        """#, .group)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[{"value":"u-1"},{"value":"u-2","display":"Two"}]}
        """#)
    }

    // MARK: - Rules

    func testAttributeNamesTakeTheSchemaSpelling() {
        let stored = Fixture.stored(#"""
        {"USERNAME":"a","NAME":{"GIVENNAME":"x","familyname":"y"},"Emails":[{"VALUE":"a@b.c","Type":"work","PRIMARY":"TRUE"}],
         "nickname":"n","urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user":{"DEPARTMENT":"d","Manager":{"VALUE":"m","$REF":"https://x/Users/m"}},
         "EXTERNALID":"e"}
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"a","name":{"givenName":"x","familyName":"y"},"emails":[{"value":"a@b.c","type":"work","primary":true}],
         "nickName":"n","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"d","manager":{"value":"m","$ref":"https://x/Users/m"}},
         "externalId":"e"}
        """#)
        XCTAssertEqual(stored.keys, ["schemas", "userName", "name", "emails", "nickName", E, "externalId"])
    }

    func testStringBooleansEverywhere() {
        for (text, expected) in [("True", true), ("true", true), ("TRUE", true), ("False", false), ("false", false), ("fAlSe", false)] {
            let stored = Fixture.stored(#"{"userName":"a","active":"\#(text)","emails":[{"value":"x","primary":"\#(text)"}],"addresses":[{"primary":"\#(text)"}]}"#)
            XCTAssertEqual(stored["active"], .bool(expected), text)
            XCTAssertEqual(stored["emails"]?.arrayValue?.first?["primary"], .bool(expected), text)
            XCTAssertEqual(stored["addresses"]?.arrayValue?.first?["primary"], .bool(expected), text)
        }
    }

    func testWrongTypesAreInvalidValue() {
        let cases = [
            #"{"userName":"a","active":"maybe"}"#,
            #"{"userName":"a","active":1}"#,
            #"{"userName":"a","active":{}}"#,
            #"{"userName":"a","displayName":true}"#,
            #"{"userName":"a","displayName":{"x":1}}"#,
            #"{"userName":"a","displayName":["x"]}"#,
            #"{"userName":"a","name":"Jane Doe"}"#,
            #"{"userName":"a","name":["x","y"]}"#,
            #"{"userName":"a","emails":[["x"]]}"#,
            #"{"userName":"a","emails":[{"value":{"nested":1}}]}"#,
            #"{"userName":"a","emails":[{"primary":"yes"}]}"#,
            #"{"userName":"a","profileUrl":5}"#,
            #"{"userName":{"value":"a"}}"#,
            #"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"Sales"}"#,
            #"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":["a","b"]}}"#,
            #"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":[{"value":"a"},{"value":"b"}]}}"#,
        ]
        for body in cases {
            let error = assertSCIMError(.invalidValue) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(body), definition: .user) }
            XCTAssertNotNil(error, body)
        }
        let error = assertSCIMError(.invalidValue) { () throws(SCIMError) in
            try ResourceInput.normalize(Fixture.json(#"{"userName":"a","emails":[{"value":"x","primary":"yes"}]}"#), definition: .user)
        }
        XCTAssertEqual(error?.detail, #"Attribute 'emails.primary' must be a boolean (true or false), not the string "yes""#)
    }

    func testBodyMustBeAnObject() {
        for body in ["[]", "\"x\"", "null", "1", "true"] {
            assertSCIMError(.invalidSyntax) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(body), definition: .user) }
        }
    }

    func testRequiredAttributes() {
        for body in [#"{}"#, #"{"userName":""}"#, #"{"userName":"   "}"#, #"{"userName":null}"#, #"{"displayName":"x"}"#] {
            let e = assertSCIMError(.invalidValue) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(body), definition: .user) }
            XCTAssertTrue(e?.detail.contains("userName") ?? false, body)
        }
        for body in [#"{}"#, #"{"displayName":""}"#, #"{"members":[]}"#] {
            let e = assertSCIMError(.invalidValue) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(body), definition: .group) }
            XCTAssertTrue(e?.detail.contains("displayName") ?? false, body)
        }
    }

    func testReadOnlyAndUnknownInputIsDropped() {
        let stored = Fixture.stored(#"""
        {"userName":"a","id":"x","meta":{"created":"now"},"groups":[{"value":"g1"}],"password":"secret","fooBar":1,
         "urn:example:unknown:2.0:User":{"x":1},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"top-level",
         "name":{"givenName":"g","nickname":"not a name sub-attribute"},
         "emails":[{"value":"a@b.c","operation":"delete","display":"A"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m","displayName":"Boss"},"unknown":"x"}}
        """#)
        assertJSON(stored, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"a","name":{"givenName":"g"},"emails":[{"value":"a@b.c","display":"A"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m"}}}
        """#)
    }

    func testEmptyValuesMeanAbsent() {
        let stored = Fixture.stored(#"""
        {"userName":"a","emails":[],"phoneNumbers":[null],"ims":[{}],"photos":[{"display":null}],"name":{},"roles":null,
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{},"x509Certificates":[{"bogus":1}],
         "addresses":{"type":null}}
        """#)
        assertJSON(stored, #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a"}"#)
        let empty = Fixture.stored(#"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"displayName":"only read-only"}}}"#)
        XCTAssertEqual(empty["schemas"], [.string(Fixture.coreUser)], "no extension URN for an empty extension object")
        XCTAssertNil(empty[E])
    }

    func testAtMostOnePrimaryTheFirstWins() {
        let stored = Fixture.stored(#"""
        {"userName":"a","emails":[{"value":"1","primary":false},{"value":"2","primary":true},{"value":"3"},{"value":"4","primary":"True"},{"value":"5","primary":true}]}
        """#)
        XCTAssertEqual(stored["emails"], Fixture.json(#"""
        [{"value":"1","primary":false},{"value":"2","primary":true},{"value":"3"},{"value":"4","primary":false},{"value":"5","primary":false}]
        """#), "later trues become false; nothing is added to elements without primary")
    }

    func testNumbersForStringsKeepTheirText() {
        let stored = Fixture.stored(#"""
        {"userName":12345678901234567890,"phoneNumbers":[{"value":55555555555}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":1.50}}
        """#)
        XCTAssertEqual(stored["userName"], "12345678901234567890")
        XCTAssertEqual(stored["phoneNumbers"], [["value": "55555555555"]])
        XCTAssertEqual(stored[E]?["employeeNumber"], "1.50")
    }

    func testCoreAttributesUnderTheCoreURNAndURNKeysInAnyCase() {
        let stored = Fixture.stored(#"""
        {"urn:ietf:params:scim:schemas:core:2.0:User":{"userName":"wrapped","title":"t"},
         "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER":{"department":"d"},
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"c"}}
        """#)
        XCTAssertEqual(stored["userName"], "wrapped")
        XCTAssertEqual(stored["title"], "t")
        XCTAssertEqual(stored[E], ["department": "d", "costCenter": "c"], "both spellings of the URN merge into one object")
    }

    func testEmptyBareManagerIsAbsent() {
        let stored = Fixture.stored(#"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"","department":""}}"#)
        XCTAssertEqual(stored[E], ["department": ""], "an explicit empty string is kept; a bare empty manager id is no manager")
        let explicit = Fixture.stored(#"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":""}}}"#)
        XCTAssertEqual(explicit[E], ["manager": ["value": ""]])
    }

    func testOldEntraManagerArrayForm() {
        let stored = Fixture.stored(#"""
        {"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":[{"$ref":"http://x/Users/00aa","value":"00aa"}]}}
        """#)
        XCTAssertEqual(stored[E]?["manager"], ["$ref": "http://x/Users/00aa", "value": "00aa"])
    }

    func testMembers() {
        let stored = Fixture.stored(#"""
        {"displayName":"g","members":[{"value":"a","$ref":null,"type":"User","operation":"add"},"b",{"value":17},{"value":"a","display":"dup"},
                                      {"value":"c","$ref":"https://x/Users/c","display":"C","type":"User"}]}
        """#, .group)
        XCTAssertEqual(stored["members"], Fixture.json(#"""
        [{"value":"a","type":"User"},{"value":"b"},{"value":"17"},{"value":"c","$ref":"https://x/Users/c","display":"C","type":"User"}]
        """#))
        for bad in [#"{"displayName":"g","members":[{"display":"no value"}]}"#, #"{"displayName":"g","members":[{"value":""}]}"#,
                    #"{"displayName":"g","members":[{"value":null,"$ref":"x"}]}"#, #"{"displayName":"g","members":[true]}"#] {
            assertSCIMError(.invalidValue) { () throws(SCIMError) in try ResourceInput.normalize(Fixture.json(bad), definition: .group) }
        }
        // A User has no members: the key is unknown and dropped.
        XCTAssertNil(Fixture.stored(#"{"userName":"a","members":[{"value":"x"}]}"#)["members"])
    }

    func testLargeMemberListIsLinear() {
        let ids = (0..<100_000).map { "{\"value\":\"member-\($0)\"}" }
        let body = "{\"displayName\":\"big\",\"members\":[" + ids.joined(separator: ",") + ",{\"value\":\"member-7\"}]}"
        let stored = Fixture.stored(body, .group)
        XCTAssertEqual(stored["members"]?.arrayValue?.count, 100_000)
        XCTAssertEqual(stored["members"]?.arrayValue?.last, ["value": "member-99999"])
    }
}
