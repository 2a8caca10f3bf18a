import XCTest
@testable import SCIMCore

/// The PATCH bodies Entra, Okta and JumpCloud really send (idp-clients.md sections 1.5, 1.6, 1.7,
/// 2.5, 2.6; jumpcloud.md sections 5-7), kept literal, with the stored resource expected afterwards.
final class PatchIdPFixturesTests: XCTestCase {
    private let E = Fixture.enterprise

    /// The user Entra's E22 create body stores.
    private let entraUser = Fixture.stored(#"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
     "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
     "emails":[{"primary":true,"type":"work","value":"Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"}],
     "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}
    """#)

    private let okta = Fixture.stored(#"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
     "name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
     "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
    """#)

    private let droids = Fixture.stored(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Droids"}"#, .group)

    // MARK: - Entra, default dialect (1.5)

    func testE30MultiValuedAndSubAttributeReplace() {
        let result = Fixture.patched(entraUser, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com" },
            { "op": "Replace", "path": "name.familyName", "value": "updatedFamilyName" } ] }
        """#)
        assertJSON(result.attributes, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
         "emails":[{"primary":true,"type":"work","value":"updatedEmail@microsoft.com"}],
         "name":{"formatted":"givenName familyName","familyName":"updatedFamilyName","givenName":"givenName"}}
        """#)
    }

    func testE30UserNameRename() {
        let result = Fixture.patched(entraUser, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "Replace", "path": "userName",
                           "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }] }
        """#)
        XCTAssertEqual(result.attributes["userName"], "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")
    }

    func testE31OfficeLocationAndDepartmentCapture() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"emails[type eq \"work\"].value","value":"AdeleV2@REDACTED.onmicrosoft.com"},
         {"op":"Replace","path":"addresses[type eq \"work\"].formatted","value":"18/2111"},
         {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Retail"}]}
        """#)
        assertJSON(result.attributes, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
         "emails":[{"primary":true,"type":"work","value":"AdeleV2@REDACTED.onmicrosoft.com"}],
         "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
         "addresses":[{"type":"work","formatted":"18/2111"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Retail"}}
        """#)
        XCTAssertEqual(result.attributes.keys.first, "schemas")
    }

    func testE32OnePatchManyAttributes() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"displayName","value":"Adele Vance"},
         {"op":"Replace","path":"emails[type eq \"work\"].value","value":"adele@contoso.com"},
         {"op":"Replace","path":"userName","value":"adele@contoso.com"},
         {"op":"Replace","path":"name.familyName","value":"Vance"},
         {"op":"Replace","path":"name.formatted","value":"Adele Vance"}]}
        """#)
        XCTAssertEqual(result.attributes["displayName"], "Adele Vance")
        XCTAssertEqual(result.attributes["userName"], "adele@contoso.com")
        XCTAssertEqual(result.attributes["emails"], [["primary": true, "type": "work", "value": "adele@contoso.com"]])
        XCTAssertEqual(result.attributes["name"], ["formatted": "Adele Vance", "familyName": "Vance", "givenName": "givenName"])
    }

    func testE33DisableWithStringFalse() {
        for value in [#""False""#, #""false""#, "false", #""FALSE""#] {
            let result = Fixture.patched(entraUser, #"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "Replace", "path": "active", "value": \#(value) }] }
            """#)
            XCTAssertEqual(result.attributes["active"], false, value)
        }
        let restored = Fixture.patched(entraUser, Fixture.operations(#"{"op":"Replace","path":"active","value":"True"}"#))
        XCTAssertEqual(restored.attributes["active"], true)
    }

    func testE34ManagerAsABareString() {
        let result = Fixture.patched(entraUser, #"""
        {"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"271"}],
         "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
        """#)
        XCTAssertEqual(result.attributes[E], ["manager": ["value": "271"]])
        XCTAssertEqual(result.attributes["schemas"], [.string(Fixture.coreUser), .string(E)])
        // Changing the manager replaces the value; other manager sub-attributes stay.
        let withRef = Fixture.patched(result.attributes, Fixture.operations(
            #"{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"271","$ref":"https://x/Users/271"}}"#,
            #"{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"300"}"#))
        XCTAssertEqual(withRef.attributes[E], ["manager": ["value": "300", "$ref": "https://x/Users/271"]])
    }

    func testE34OldManagerFormAndRemovalByFilter() {
        let added = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Add","path":"manager","value":[{"$ref":"http://example.com/Users/00aa00aa","value":"00aa00aa"}]}]}
        """#)
        XCTAssertEqual(added.attributes[E], ["manager": ["$ref": "http://example.com/Users/00aa00aa", "value": "00aa00aa"]])
        let other = Fixture.patched(added.attributes, Fixture.operations(#"{"op":"remove","path":"manager[value eq \"someone-else\"]"}"#))
        XCTAssertEqual(other.attributes, added.attributes, "a filter that doesn't match removes nothing")
        XCTAssertFalse(other.changed)
        let removed = Fixture.patched(added.attributes, Fixture.operations(#"{"op":"remove","path":"manager[value eq \"00aa00aa\"]"}"#))
        XCTAssertNil(removed.attributes[E])
        XCTAssertEqual(removed.attributes["schemas"], [.string(Fixture.coreUser)])
        let viaURN = Fixture.patched(added.attributes, Fixture.operations(
            #"{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}"#))
        XCTAssertNil(viaURN.attributes[E])
        // The validator's "remove (Replace with empty)".
        let emptied = Fixture.patched(added.attributes, Fixture.operations(
            #"{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":null}"#))
        XCTAssertNil(emptied.attributes[E])
    }

    func testE35SeveralAddsUnderOneFilterBuildOneElement() {
        let result = Fixture.patched(entraUser, #"""
        {"Operations":[
         {"op":"add","path":"addresses[type eq \"work\"].formatted","value":"USZLTUSJXBYV"},
         {"op":"add","path":"addresses[type eq \"work\"].locality","value":"OSGODHEVDCVD"},
         {"op":"add","path":"addresses[type eq \"work\"].region","value":"YMVMOEMXAYGD"}],
         "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
        """#)
        XCTAssertEqual(result.attributes["addresses"], Fixture.json(#"""
        [{"type":"work","formatted":"USZLTUSJXBYV","locality":"OSGODHEVDCVD","region":"YMVMOEMXAYGD"}]
        """#))
    }

    func testE35ValidatorAddsAWorkEmailToAUserWithoutEmails() {
        let user = Fixture.stored(#"{"userName":"no-mail@contoso.com"}"#)
        for op in ["add", "Replace"] {
            let result = Fixture.patched(user, #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"\#(op)","path":"emails[type eq \"work\"].value","value":"new@contoso.com"},
                           {"op":"\#(op)","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555 0100"}]}
            """#)
            XCTAssertEqual(result.attributes["emails"], [["type": "work", "value": "new@contoso.com"]], op)
            XCTAssertEqual(result.attributes["phoneNumbers"], [["type": "mobile", "value": "+1 555 0100"]], op)
        }
    }

    func testE36RolesWithAJSONEncodedValue() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"roles",
         "value":[{"value":"{\"id\":\"06b07648-ecfe-589f-9d2f-6325724a46ee\",\"value\":\"25\",\"displayName\":\"Role1234\"}"}]}]}
        """#)
        XCTAssertEqual(result.attributes["roles"], Fixture.json(#"""
        [{"value":"{\"id\":\"06b07648-ecfe-589f-9d2f-6325724a46ee\",\"value\":\"25\",\"displayName\":\"Role1234\"}"}]
        """#))
        let replaced = Fixture.patched(result.attributes, Fixture.operations(
            #"{"op":"replace","path":"roles","value":[{"value":"25","display":"Role1234","primary":"True"}]}"#))
        XCTAssertEqual(replaced.attributes["roles"], [["value": "25", "display": "Role1234", "primary": true]])
    }

    func testE37AnUnstoredAttributeNeverFailsTheWholePatch() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"addresses[type eq \"work\"].streetAddress","value":"1 Main St"},
         {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge","value":"42"},
         {"op":"Replace","path":"extensionAttribute7","value":"x"},
         {"op":"Replace","path":"name.nickname","value":"not a name sub-attribute"},
         {"op":"Replace","path":"password","value":"s3cret!"},
         {"op":"Replace","path":"active","value":"False"}]}
        """#)
        XCTAssertEqual(result.attributes["active"], false, "the deactivation rides in the same request")
        XCTAssertEqual(result.attributes["addresses"], [["type": "work", "streetAddress": "1 Main St"]])
        XCTAssertNil(result.attributes["password"])
        XCTAssertNil(result.attributes["extensionAttribute7"])
    }

    func testE38EmptyOperations() {
        let body = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"#
        assertSCIMError(.invalidValue) { () throws(SCIMError) in try PatchRequest.parse(Fixture.json(body)) }
        XCTAssertEqual(try PatchRequest.parse(Fixture.json(body), allowsEmptyOperations: true), [])
        let result = try? PatchApplier(definition: .user).apply([], to: entraUser)
        XCTAssertEqual(result?.changed, false)
    }

    // MARK: - Entra with aadOptscim062020 (1.6)

    func testE40DisableAndAddAttributeBothDialects() {
        for op in [#"{"op":"Replace","path":"active","value":"False"}"#, #"{"op":"replace","path":"active","value":false}"#] {
            XCTAssertEqual(Fixture.patched(entraUser, Fixture.operations(op)).attributes["active"], false)
        }
        for op in [#"{"op":"Add","path":"nickName","value":"Babs"}"#, #"{"op":"add","path":"nickName","value":"Babs"}"#] {
            XCTAssertEqual(Fixture.patched(entraUser, Fixture.operations(op)).attributes["nickName"], "Babs")
        }
    }

    private let expectedAfterMultipleReplace = #"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
     "externalId":"Eqpj","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
     "emails":[{"primary":true,"type":"work","value":"TestBcwqnm@test.microsoft.com"}],
     "name":{"formatted":"givenName familyName","familyName":"Pkqf","givenName":"Gtfd"},
     "displayName":"Pvlo",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"Eqpj"}}
    """#

    func testE40ReplaceMultipleAttributesWithoutFlag() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"displayName","value":"Pvlo"},
         {"op":"Replace","path":"emails[type eq \"work\"].value","value":"TestBcwqnm@test.microsoft.com"},
         {"op":"Replace","path":"name.givenName","value":"Gtfd"},
         {"op":"Replace","path":"name.familyName","value":"Pkqf"},
         {"op":"Replace","path":"externalId","value":"Eqpj"},
         {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Eqpj"}]}
        """#)
        assertJSON(result.attributes, expectedAfterMultipleReplace)
    }

    func testE40ReplaceMultipleAttributesWithFlagPathlessDottedAndURNKeys() {
        let result = Fixture.patched(entraUser, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"replace","path":"emails[type eq \"work\"].value","value":"TestMhvaes@test.microsoft.com"},
         {"op":"replace","value":{
            "displayName":"Bjfe",
            "name.givenName":"Kkom",
            "name.familyName":"Unua",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}]}
        """#)
        assertJSON(result.attributes, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
         "emails":[{"primary":true,"type":"work","value":"TestMhvaes@test.microsoft.com"}],
         "name":{"formatted":"givenName familyName","familyName":"Unua","givenName":"Kkom"},
         "displayName":"Bjfe",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"Aklq"}}
        """#)
        XCTAssertNil(result.attributes["name.givenName"], "E41: dotted keys are paths, never literal keys")
    }

    func testE40RemoveGroupMemberBothDialects() {
        let without = Fixture.patched(droids, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}
        """#, .group)
        XCTAssertEqual(without.membershipChanges, [.remove(values: ["u1091"])], "E44: only these members, never all")
        let with = Fixture.patched(droids, #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"remove","path":"members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]"}]}
        """#, .group)
        XCTAssertEqual(with.membershipChanges, [.remove(values: ["7f4bc1a3-285e-48ae-8202-5accb43efb0e"])])
    }

    // MARK: - Entra groups (1.7)

    func testE43GroupPatches() {
        let renamed = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "Replace", "path": "displayName",
                           "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }] }
        """#, .group)
        XCTAssertEqual(renamed.attributes["displayName"], "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")
        XCTAssertEqual(renamed.membershipChanges, [])
        let added = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "Add", "path": "members",
                           "value": [{ "$ref": null, "value": "f648f8d5ea4e4cd38e9c" }] }] }
        """#, .group)
        XCTAssertEqual(added.membershipChanges, [.add(objs([["value": "f648f8d5ea4e4cd38e9c"]]))], "\"$ref\": null is absent")
        XCTAssertEqual(added.attributes, droids)
        let removed = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "Remove", "path": "members",
                           "value": [{ "$ref": null, "value": "f648f8d5ea4e4cd38e9c" }] }] }
        """#, .group)
        XCTAssertEqual(removed.membershipChanges, [.remove(values: ["f648f8d5ea4e4cd38e9c"])])
        let several = Fixture.patched(droids, Fixture.operations(
            #"{"op":"Add","path":"members","value":[{"value":"a"},{"value":"b"}]}"#,
            #"{"op":"Remove","path":"members","value":[{"value":"c"},{"value":"d"}]}"#), .group)
        XCTAssertEqual(several.membershipChanges, [.add(objs([["value": "a"], ["value": "b"]])), .remove(values: ["c", "d"])],
                       "several memberships in one PATCH, in order")
    }

    // MARK: - Okta (2.5, 2.6)

    func testO11DeactivateAndO13Reactivate() {
        let off = Fixture.patched(okta, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "replace", "value": { "active": false } }] }
        """#)
        XCTAssertEqual(off.attributes["active"], false)
        XCTAssertEqual(off.attributes["userName"], "test.user@okta.local")
        let on = Fixture.patched(off.attributes, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "replace", "value": { "active": true } }] }
        """#)
        XCTAssertEqual(on.attributes, okta)
    }

    func testO15PushAddsTheSameMembersAgain() {
        let result = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "add", "path": "members", "value": [
            { "value": "cc2573a1-e1c4-491d-a3db-ae4a2e078d61", "display": "bb-8@iamciam.dev" },
            { "value": "478c4cf4-1aa3-41a1-93da-4c154c5955e0", "display": "c-3po@iamciam.dev" },
            { "value": "34e14e58-f0fe-4e9d-aeb2-0da25fa6626d", "display": "r2-d2@iamciam.dev" } ] }] }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [.add(objs([
            ["value": "cc2573a1-e1c4-491d-a3db-ae4a2e078d61", "display": "bb-8@iamciam.dev"],
            ["value": "478c4cf4-1aa3-41a1-93da-4c154c5955e0", "display": "c-3po@iamciam.dev"],
            ["value": "34e14e58-f0fe-4e9d-aeb2-0da25fa6626d", "display": "r2-d2@iamciam.dev"],
        ]))])
    }

    func testO16RenameWithTheIdInTheValue() {
        let body = #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "replace",
                           "value": { "id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
                                      "displayName": "Test SCIMv2" } }] }
        """#
        let result = Fixture.patched(droids, body, .group, id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b")
        assertJSON(result.attributes, #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2"}"#)
        XCTAssertEqual(Fixture.patched(droids, body, .group).attributes["displayName"], "Test SCIMv2", "no id given: any is ignored")
        assertSCIMError(.mutability) { () throws(SCIMError) in try Fixture.patch(droids, body, .group, id: "another-id") }
    }

    func testO17RemoveByFilterThenAddAndFullReplace() {
        let result = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            { "op": "remove", "path": "members[value eq \"89bb1940-b905-4575-9e7f-6f887cfb368e\"]" },
            { "op": "add", "path": "members",
              "value": [{ "value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local" }] } ] }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [
            .remove(values: ["89bb1940-b905-4575-9e7f-6f887cfb368e"]),
            .add(objs([["value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"]])),
        ])
        let full = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "replace", "path": "members",
                           "value": [ { "value": "23a35c27-…", "display": "test.user@okta.local" },
                                      { "value": "89bb1940-…", "display": "test.user@okta.local" } ] }] }
        """#, .group)
        XCTAssertEqual(full.membershipChanges, [.replaceAll(objs([["value": "23a35c27-…", "display": "test.user@okta.local"],
                                                             ["value": "89bb1940-…", "display": "test.user@okta.local"]]))])
    }

    // MARK: - OneLogin (3)

    func testL9SCIM11GroupPatchIsRefusedAsMalformed() {
        let e = assertSCIMError(.invalidSyntax) { () throws(SCIMError) in
            try Fixture.patch(droids, #"{"schemas":["urn:scim:schemas:core:1.0"],"members":[{"value":"u-1","operation":"delete"}]}"#, .group)
        }
        XCTAssertTrue(e?.detail.contains("Operations") ?? false)
    }

    func testOneLoginStyleGroupPatchV2() {
        let result = Fixture.patched(droids, Fixture.operations(
            #"{"op":"add","path":"members","value":[{"value":"u-1"}]}"#, #"{"op":"remove","path":"members","value":[{"value":"u-2"}]}"#), .group)
        XCTAssertEqual(result.membershipChanges, [.add(objs([["value": "u-1"]])), .remove(values: ["u-2"])])
    }

    // MARK: - JumpCloud (jumpcloud.md 5-7)

    func testJ17ReplaceUserFields() {
        let user = Fixture.stored(#"""
        { "active": true, "emails": null, "id": "5107a4e4-0b11-4e77-8dcf-c8c6978d40ac",
          "name": { "familyName": "lastname", "givenName": "firstname" },
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "testuser@example.io" }
        """#)
        let result = Fixture.patched(user, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [ { "op": "replace", "path": "name.givenName", "value": "John" },
                          { "op": "replace", "path": "name.familyName", "value": "Doe" },
                          { "op": "replace", "path": "active", "value": false } ] }
        """#, id: "5107a4e4-0b11-4e77-8dcf-c8c6978d40ac")
        assertJSON(result.attributes, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":false,
         "name":{"familyName":"Doe","givenName":"John"},"userName":"testuser@example.io"}
        """#)
    }

    func testJ25MinimalMemberObjects() {
        let add = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "<user id>" }] }] }
        """#, .group)
        XCTAssertEqual(add.membershipChanges, [.add(objs([["value": "<user id>"]]))])
        let remove = Fixture.patched(droids, #"""
        { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{ "op": "remove", "path": "members", "value": [{ "value": "<user id>" }] }] }
        """#, .group)
        XCTAssertEqual(remove.membershipChanges, [.remove(values: ["<user id>"])])
    }

    func testJ26RepeatedAddIsPassedOnForTheStoreToIgnore() {
        let body = Fixture.operations(#"{"op":"add","path":"members","value":[{"value":"u-1"}]}"#,
                                      #"{"op":"add","path":"members","value":[{"value":"u-1"},{"value":"u-1"}]}"#)
        let result = Fixture.patched(droids, body, .group)
        XCTAssertEqual(result.membershipChanges, [.add(objs([["value": "u-1"]])), .add(objs([["value": "u-1"]]))])
    }

    func testJ28RenameGroup() {
        let result = Fixture.patched(droids, Fixture.operations(#"{"op":"replace","path":"displayName","value":"Rebels"}"#), .group)
        XCTAssertEqual(result.attributes["displayName"], "Rebels")
    }
}
