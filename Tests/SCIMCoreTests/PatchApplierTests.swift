import XCTest
@testable import SCIMCore

/// `PatchApplier` semantics beyond the fixtures: mutability, types, atomicity, value paths,
/// members, extension objects, and the round-trip rules (nothing added the client didn't send).
final class PatchApplierTests: XCTestCase {
    private let E = Fixture.enterprise

    private let user = Fixture.stored(#"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
     "userName":"alice","displayName":"Alice","name":{"givenName":"Alice","familyName":"Liddell"},
     "emails":[{"value":"alice@work.example","type":"work","primary":true},{"value":"alice@home.example","type":"home"}],
     "phoneNumbers":[{"value":"1","type":"work"},{"value":"2","type":"mobile"}],
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Wonderland","manager":{"value":"queen","$ref":"https://x/Users/queen"}}}
    """#)

    private let group = Fixture.stored(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Cards","externalId":"c"}"#, .group)

    private func apply(_ ops: String..., to attributes: JSONObject? = nil, in definition: ResourceDefinition = .user,
                       file: StaticString = #filePath, line: UInt = #line) -> PatchResult {
        let body = "{\"Operations\":[" + ops.joined(separator: ",") + "]}"
        return Fixture.patched(attributes ?? (definition == .group ? group : user), body, definition, file: file, line: line)
    }

    private func fails(_ type: SCIMError.ScimType, _ ops: String..., on attributes: JSONObject? = nil, in definition: ResourceDefinition = .user,
                       file: StaticString = #filePath, line: UInt = #line) {
        let body = "{\"Operations\":[" + ops.joined(separator: ",") + "]}"
        let base = attributes ?? (definition == .group ? group : user)
        assertSCIMError(type, file: file, line: line) { () throws(SCIMError) in try Fixture.patch(base, body, definition) }
    }

    // MARK: - Mutability

    func testReadOnlyTargetsAreMutabilityErrors() {
        for path in ["id", "meta", "meta.created", "meta.lastModified", "groups", #"groups[value eq \"g\"]"#, "groups.display",
                     "\(E):manager.displayName", "urn:ietf:params:scim:schemas:core:2.0:User:id"] {
            for op in ["add", "replace"] {
                fails(.mutability, #"{"op":"\#(op)","path":"\#(path)","value":"x"}"#)
            }
            fails(.mutability, #"{"op":"remove","path":"\#(path)"}"#)
        }
    }

    func testRequiredAttributes() {
        fails(.mutability, #"{"op":"remove","path":"userName"}"#)
        fails(.mutability, #"{"op":"remove","path":"displayName"}"#, in: .group)
        fails(.invalidValue, #"{"op":"replace","path":"userName","value":""}"#)
        fails(.invalidValue, #"{"op":"replace","path":"userName","value":null}"#)
        fails(.invalidValue, #"{"op":"replace","value":{"userName":"  "}}"#)
        fails(.invalidValue, #"{"op":"replace","path":"displayName","value":null}"#, in: .group)
        // A resource stored without userName (impossible via normalize) can't be patched into validity silently.
        fails(.invalidValue, #"{"op":"add","path":"title","value":"x"}"#, on: Fixture.object(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"#))
    }

    func testMemberSubAttributesAreImmutable() {
        fails(.mutability, #"{"op":"replace","path":"members[value eq \"a\"].display","value":"x"}"#, in: .group)
        fails(.mutability, #"{"op":"add","path":"members[value eq \"a\"].value","value":"b"}"#, in: .group)
        fails(.mutability, #"{"op":"remove","path":"members[value eq \"a\"].display"}"#, in: .group)
        fails(.mutability, #"{"op":"replace","path":"members[value eq \"a\"]","value":{"value":"b"}}"#, in: .group)
        fails(.mutability, #"{"op":"replace","path":"members.value","value":"b"}"#, in: .group)
    }

    func testReadOnlyKeysInAValueObjectAreIgnored() {
        let result = apply(#"{"op":"replace","value":{"meta":{"created":"x"},"schemas":["urn:x"],"groups":[{"value":"g"}],"displayName":"A2","password":"p"}}"#)
        XCTAssertEqual(result.attributes["displayName"], "A2")
        XCTAssertNil(result.attributes["groups"])
        XCTAssertNil(result.attributes["meta"])
        XCTAssertNil(result.attributes["password"])
        XCTAssertEqual(result.attributes["schemas"], [.string(Fixture.coreUser), .string(E)])
        let manager = apply(#"{"op":"replace","value":{"\#(E):manager.displayName":"Queen of Hearts","\#(E):manager.value":"king"}}"#)
        XCTAssertEqual(manager.attributes[E]?["manager"], ["value": "king", "$ref": "https://x/Users/queen"])
    }

    // MARK: - Types

    func testWrongValueTypesAreInvalidValue() {
        fails(.invalidValue, #"{"op":"replace","path":"active","value":"maybe"}"#)
        fails(.invalidValue, #"{"op":"replace","path":"active","value":0}"#)
        fails(.invalidValue, #"{"op":"replace","path":"displayName","value":{"a":1}}"#)
        fails(.invalidValue, #"{"op":"replace","path":"displayName","value":true}"#)
        fails(.invalidValue, #"{"op":"add","path":"name","value":"Alice Liddell"}"#)
        fails(.invalidValue, #"{"op":"add","path":"emails","value":[[1]]}"#)
        fails(.invalidValue, #"{"op":"add","path":"emails[type eq \"work\"].primary","value":"sometimes"}"#)
        fails(.invalidValue, #"{"op":"replace","path":"name.givenName","value":["a"]}"#)
        fails(.invalidValue, #"{"op":"replace","path":"\#(E)","value":"Sales"}"#)
        fails(.invalidValue, #"{"op":"add","path":"members","value":[{"display":"no value"}]}"#, in: .group)
        fails(.invalidValue, #"{"op":"remove","path":"members","value":[{"display":"no value"}]}"#, in: .group)
        fails(.invalidValue, #"{"op":"replace","value":{"active":"nope"}}"#)
    }

    func testPathsThatCanNotNameAnything() {
        fails(.invalidPath, #"{"op":"replace","path":"displayName.first","value":"x"}"#)
        fails(.invalidPath, #"{"op":"replace","path":"active[value eq true]","value":false}"#)
        fails(.invalidPath, #"{"op":"remove","path":"userName[value eq \"alice\"]"}"#)
        fails(.invalidPath, #"{"op":"replace","path":"\#(E):department.x","value":"x"}"#)
    }

    // MARK: - Atomicity

    func testAllOrNothing() {
        let body = Fixture.operations(#"{"op":"replace","path":"displayName","value":"changed"}"#,
                                      #"{"op":"add","path":"emails","value":[{"value":"new@x"}]}"#,
                                      #"{"op":"replace","path":"id","value":"evil"}"#)
        let before = user
        let e = assertSCIMError(.mutability) { () throws(SCIMError) in try Fixture.patch(before, body) }
        XCTAssertTrue(e?.detail.hasPrefix("Operation 3") ?? false, e?.detail ?? "")
        XCTAssertEqual(before, user)
        let groupBody = Fixture.operations(#"{"op":"add","path":"members","value":[{"value":"a"}]}"#,
                                           #"{"op":"replace","path":"displayName","value":null}"#)
        assertSCIMError(.invalidValue) { () throws(SCIMError) in try Fixture.patch(group, groupBody, .group) }
    }

    // MARK: - Value paths

    func testFilterMatchingHonoursCaseExactness() {
        // `type` is not case-exact: "WORK" matches "work".
        let result = apply(#"{"op":"replace","path":"emails[type eq \"WORK\"].value","value":"a@w"}"#)
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.first?["value"], "a@w")
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.count, 2)
    }

    func testReplaceWithNoMatchCreatesFromEqTerms() {
        let result = apply(#"{"op":"replace","path":"emails[type eq \"other\" and primary eq \"false\"].value","value":"o@x"}"#)
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.last, ["type": "other", "primary": false, "value": "o@x"])
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.last?.objectValue?.keys, ["type", "primary", "value"])
        fails(.noTarget, #"{"op":"replace","path":"emails[value co \"nowhere\"].type","value":"x"}"#)
        fails(.noTarget, #"{"op":"add","path":"emails[type eq \"a\" or type eq \"b\"].value","value":"x"}"#)
        fails(.noTarget, #"{"op":"replace","path":"emails[not (type eq \"work\")].value","value":"x"}"#, on: Fixture.stored(#"{"userName":"u","emails":[{"value":"1","type":"work"}]}"#))
    }

    func testWholeElementAddAndReplaceOnValuePaths() {
        let added = apply(#"{"op":"add","path":"phoneNumbers[type eq \"fax\"]","value":{"value":"3"}}"#)
        XCTAssertEqual(added.attributes["phoneNumbers"]?.arrayValue?.last, ["type": "fax", "value": "3"])
        let merged = apply(#"{"op":"add","path":"phoneNumbers[type eq \"work\"]","value":{"display":"desk"}}"#)
        XCTAssertEqual(merged.attributes["phoneNumbers"]?.arrayValue?.first, ["value": "1", "type": "work", "display": "desk"])
        let replaced = apply(#"{"op":"replace","path":"phoneNumbers[type eq \"work\"]","value":{"value":"9","type":"work"}}"#)
        XCTAssertEqual(replaced.attributes["phoneNumbers"], [["value": "9", "type": "work"], ["value": "2", "type": "mobile"]])
        let cleared = apply(#"{"op":"replace","path":"phoneNumbers[type eq \"work\"]","value":null}"#)
        XCTAssertEqual(cleared.attributes["phoneNumbers"], [["value": "2", "type": "mobile"]])
        let subCleared = apply(#"{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":null}"#)
        XCTAssertEqual(subCleared.attributes["phoneNumbers"], [["type": "work"], ["value": "2", "type": "mobile"]])
    }

    func testRemoveWithNoMatchIsSuccess() {
        let result = apply(#"{"op":"remove","path":"emails[type eq \"nope\"]"}"#, #"{"op":"remove","path":"ims[type eq \"aim\"]"}"#,
                           #"{"op":"remove","path":"x509Certificates"}"#, #"{"op":"remove","path":"title"}"#)
        XCTAssertEqual(result.attributes, user)
        XCTAssertFalse(result.changed)
    }

    func testRemoveSubAttributeOfFilteredValues() {
        let result = apply(#"{"op":"remove","path":"emails[type eq \"work\"].primary"}"#)
        XCTAssertEqual(result.attributes["emails"], [["value": "alice@work.example", "type": "work"], ["value": "alice@home.example", "type": "home"]])
        let emptied = apply(#"{"op":"remove","path":"phoneNumbers[type eq \"work\"].value"}"#, #"{"op":"remove","path":"phoneNumbers[type eq \"work\"].type"}"#)
        XCTAssertEqual(emptied.attributes["phoneNumbers"], [["value": "2", "type": "mobile"]], "an element left empty goes")
    }

    func testSubAttributeOfAListWithoutAFilter() {
        let typed = apply(#"{"op":"replace","path":"phoneNumbers.type","value":"other"}"#)
        XCTAssertEqual(typed.attributes["phoneNumbers"], [["value": "1", "type": "other"], ["value": "2", "type": "other"]])
        let untyped = apply(#"{"op":"remove","path":"phoneNumbers.type"}"#)
        XCTAssertEqual(untyped.attributes["phoneNumbers"], [["value": "1"], ["value": "2"]])
        let created = apply(#"{"op":"add","path":"ims.value","value":"@alice"}"#)
        XCTAssertEqual(created.attributes["ims"], [["value": "@alice"]])
    }

    // MARK: - Whole attributes

    func testMultiValuedAddAppendsAndSkipsExactDuplicates() {
        let result = apply(#"{"op":"add","path":"emails","value":[{"value":"alice@home.example","type":"home"},{"value":"a3@x","type":"other"}]}"#,
                           #"{"op":"add","path":"emails","value":{"value":"a4@x"}}"#)
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue },
                       ["alice@work.example", "alice@home.example", "a3@x", "a4@x"])
    }

    func testMultiValuedReplaceAndRemoveWithAValueList() {
        let replaced = apply(#"{"op":"replace","path":"emails","value":[{"value":"only@x"}]}"#)
        XCTAssertEqual(replaced.attributes["emails"], [["value": "only@x"]])
        let emptied = apply(#"{"op":"replace","path":"emails","value":[]}"#)
        XCTAssertNil(emptied.attributes["emails"])
        let listed = apply(#"{"op":"remove","path":"emails","value":[{"value":"ALICE@home.example"}]}"#)
        XCTAssertEqual(listed.attributes["emails"], [["value": "alice@work.example", "type": "work", "primary": true]],
                       "removes the listed values only (e-mail values ignore case)")
    }

    func testAddPrimaryTurnsOthersOff() {
        let result = apply(#"{"op":"add","path":"emails","value":[{"value":"p@x","type":"work2","primary":true}]}"#)
        let emails = result.attributes["emails"]?.arrayValue ?? []
        XCTAssertEqual(emails.map { $0["primary"] }, [false, nil, true])
        let viaFilter = apply(#"{"op":"replace","path":"emails[type eq \"home\"]","value":{"value":"h@x","type":"home","primary":"True"}}"#)
        XCTAssertEqual(viaFilter.attributes["emails"]?.arrayValue?.map { $0["primary"] }, [false, true])
        let twoInOneList = apply(#"{"op":"replace","path":"emails","value":[{"value":"1","primary":true},{"value":"2","primary":true}]}"#)
        XCTAssertEqual(twoInOneList.attributes["emails"]?.arrayValue?.map { $0["primary"] }, [true, false])
    }

    func testNothingIsAddedTheClientDidNotSend() {
        let result = apply(#"{"op":"add","path":"emails","value":[{"value":"plain@x"}]}"#,
                           #"{"op":"replace","path":"name.givenName","value":"Al"}"#,
                           #"{"op":"add","path":"\#(E):manager","value":{"value":"king"}}"#)
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.last, ["value": "plain@x"])
        XCTAssertEqual(result.attributes["name"], ["givenName": "Al", "familyName": "Liddell"], "no derived formatted name")
        XCTAssertEqual(result.attributes[E]?["manager"], ["value": "king", "$ref": "https://x/Users/queen"], "no manager.displayName")
        XCTAssertEqual(result.attributes["emails"]?.arrayValue?.first, ["value": "alice@work.example", "type": "work", "primary": true],
                       "order kept, nothing reset")
    }

    // MARK: - Extension object

    func testWholeExtensionObjectPaths() {
        let added = apply(#"{"op":"add","path":"\#(E)","value":{"costCenter":"42","Department":"Looking-Glass","bogus":1}}"#)
        XCTAssertEqual(added.attributes[E], ["department": "Looking-Glass", "manager": ["value": "queen", "$ref": "https://x/Users/queen"], "costCenter": "42"])
        let removed = apply(#"{"op":"remove","path":"\#(E)"}"#)
        XCTAssertNil(removed.attributes[E])
        XCTAssertEqual(removed.attributes["schemas"], [.string(Fixture.coreUser)])
        let keyed = apply(#"{"op":"add","value":{"\#(E)":{"employeeNumber":"7"}}}"#)
        XCTAssertEqual(keyed.attributes[E]?["employeeNumber"], "7")
        XCTAssertEqual(keyed.attributes[E]?["department"], "Wonderland")
        let lastGone = apply(#"{"op":"remove","path":"\#(E):department"}"#, #"{"op":"remove","path":"\#(E):manager"}"#)
        XCTAssertNil(lastGone.attributes[E], "an extension left empty is removed with its URN")
        XCTAssertEqual(lastGone.attributes["schemas"], [.string(Fixture.coreUser)])
        let coreURN = apply(#"{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User","value":{"title":"Girl"}}"#)
        XCTAssertEqual(coreURN.attributes["title"], "Girl")
        let coreKey = apply(#"{"op":"replace","value":{"urn:ietf:params:scim:schemas:core:2.0:User":{"nickName":"Al"},"urn:ietf:params:scim:schemas:core:2.0:User:title":"T"}}"#)
        XCTAssertEqual(coreKey.attributes["nickName"], "Al")
        XCTAssertEqual(coreKey.attributes["title"], "T")
    }

    func testUnknownSchemasAndAttributesAreSkipped() {
        let result = apply(#"{"op":"add","path":"urn:acme:params:scim:schemas:extension:acme:2.0:User","value":{"x":1}}"#,
                           #"{"op":"add","path":"urn:acme:params:scim:schemas:extension:acme:2.0:User:badge","value":"1"}"#,
                           #"{"op":"add","path":"urn:ietf:params:scim:schemas:core:2.0:Group:displayName","value":"x"}"#,
                           #"{"op":"replace","value":{"not a path!":1,"fooBar":2,"name.middleName":"M"}}"#,
                           #"{"op":"remove","path":"members"}"#)
        XCTAssertEqual(result.attributes["name"], ["givenName": "Alice", "familyName": "Liddell", "middleName": "M"])
        XCTAssertEqual(result.attributes.count, user.count)
        XCTAssertEqual(result.membershipChanges, [], "a User has no members")
    }

    // MARK: - Members

    func testMemberChangesAreDeltasInOrder() {
        let result = apply(#"{"op":"add","path":"members","value":[{"value":"a","display":"A"},{"value":"b"},{"value":"a"}]}"#,
                           #"{"op":"remove","path":"members[value eq \"b\" or value eq \"c\"]"}"#,
                           #"{"op":"remove","path":"members[display eq \"A\"]"}"#,
                           #"{"op":"remove","path":"members[value eq \"z\" and type eq \"User\"]"}"#,
                           #"{"op":"remove","path":"members","value":[]}"#,
                           #"{"op":"add","path":"members","value":[]}"#,
                           #"{"op":"replace","path":"members","value":[]}"#,
                           #"{"op":"replace","path":"members","value":null}"#,
                           #"{"op":"add","value":{"members":[{"value":"d"}],"displayName":"Spades"}}"#,
                           #"{"op":"replace","value":{"members":"e"}}"#,
                           #"{"op":"remove","path":"members","value":"f"}"#,
                           #"{"op":"add","path":"members","value":{"value":42}}"#, in: .group)
        XCTAssertEqual(result.membershipChanges, [
            .add(objs([["value": "a", "display": "A"], ["value": "b"]])),
            .remove(values: ["b", "c"]),
            .removeMatching(.comparison(AttributePath(attribute: "display"), .eq, "A")),
            .removeMatching(.and(.comparison(AttributePath(attribute: "value"), .eq, "z"), .comparison(AttributePath(attribute: "type"), .eq, "User"))),
            .replaceAll([]),
            .removeAll,
            .add(objs([["value": "d"]])),
            .replaceAll(objs([["value": "e"]])),
            .remove(values: ["f"]),
            .add(objs([["value": "42"]])),
        ])
        XCTAssertEqual(result.attributes["displayName"], "Spades")
        XCTAssertNil(result.attributes["members"])
    }

    func testLargeMemberAddIsLinear() throws {
        let ids = (0..<50_000).map { "{\"value\":\"m\($0)\"}" }.joined(separator: ",")
        let result = apply("{\"op\":\"add\",\"path\":\"members\",\"value\":[\(ids)]}", in: .group)
        guard case .add(let members)? = result.membershipChanges.first else { return XCTFail() }
        XCTAssertEqual(members.count, 50_000)
    }

    func testLargeMultiValuedAttributeAddIsLinear() {
        let many = (0..<20_000).map { "{\"value\":\"v\($0)\"}" }.joined(separator: ",")
        let base = Fixture.stored("{\"userName\":\"u\",\"entitlements\":[\(many)]}")
        let result = apply("{\"op\":\"add\",\"path\":\"entitlements\",\"value\":[\(many),{\"value\":\"new\"}]}", to: base)
        XCTAssertEqual(result.attributes["entitlements"]?.arrayValue?.count, 20_001)
    }

    // MARK: - Result

    func testChangedAndSchemas() {
        let same = apply(#"{"op":"replace","path":"displayName","value":"Alice"}"#)
        XCTAssertFalse(same.changed)
        XCTAssertEqual(same.attributes, user)
        let different = apply(#"{"op":"replace","path":"displayName","value":"Alicia"}"#)
        XCTAssertTrue(different.changed)
        XCTAssertEqual(different.attributes.keys, user.keys, "attributes keep their place")
        let bare = Fixture.object(#"{"userName":"x"}"#)
        let withSchemas = apply(#"{"op":"add","path":"title","value":"T"}"#, to: bare)
        XCTAssertEqual(withSchemas.attributes.keys, ["schemas", "userName", "title"])
    }
}
