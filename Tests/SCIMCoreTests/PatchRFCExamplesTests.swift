import XCTest
@testable import SCIMCore

/// Every PATCH example of RFC 7644 section 3.5.2, with the stored resource expected afterwards.
final class PatchRFCExamplesTests: XCTestCase {
    /// The RFC's Babs Jensen, as stored.
    private let bjensen = Fixture.stored(#"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
     "userName":"bjensen@example.com",
     "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara"},
     "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
     "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood","region":"CA","postalCode":"91608",
                   "country":"US","formatted":"100 Universal City Plaza\nHollywood, CA 91608 US","primary":true},
                  {"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA","postalCode":"91608",
                   "country":"US","formatted":"456 Hollywood Blvd\nHollywood, CA 91608 US"}]}
    """#)

    private let group = Fixture.stored(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Tour Guides"}"#, .group)

    // MARK: 3.5.2.1 Add

    func testAddMembers() {
        let result = Fixture.patched(group, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[
            {
             "op":"add",
             "path":"members",
             "value":[
              {
                "display": "Babs Jensen",
                "$ref":
        "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                "value": "2819c223-7f76-453a-919d-413861904646"
              }
             ]
            }
          ]
        }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [.add([Fixture.object(#"""
        {"display":"Babs Jensen","$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646","value":"2819c223-7f76-453a-919d-413861904646"}
        """#)])])
        XCTAssertEqual(result.attributes, group, "members never enter the attribute object")
        XCTAssertTrue(result.changed)
    }

    func testAddWithoutPath() {
        let user = Fixture.stored(#"{"userName":"bjensen","emails":[{"value":"bjensen@example.com","type":"work","primary":true}]}"#)
        let result = Fixture.patched(user, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[{
            "op":"add",
            "value":{
              "emails":[
                {
                  "value":"babs@jensen.org",
                  "type":"home"
                }
              ],
              "nickname":"Babs"
          }}]
        }
        """#)
        assertJSON(result.attributes, #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen",
         "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
         "nickName":"Babs"}
        """#)
    }

    // MARK: 3.5.2.2 Remove

    func testRemoveOneMember() {
        let result = Fixture.patched(group, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[{
            "op":"remove",
            "path":"members[value eq \"2819c223-7f76-...413861904646\"]"
          }]
        }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [.remove(values: ["2819c223-7f76-...413861904646"])])
    }

    func testRemoveAllMembers() {
        let result = Fixture.patched(group, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[{
            "op":"remove","path":"members"
          }]
        }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [.removeAll])
    }

    func testRemoveMultiValuedComplexByFilter() {
        let result = Fixture.patched(bjensen, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op":"remove",
            "path":"emails[type eq \"work\" and value ew \"example.com\"]"
          }]
        }
        """#)
        XCTAssertEqual(result.attributes["emails"], [["value": "babs@jensen.org", "type": "home"]])
        XCTAssertEqual(result.attributes["addresses"], bjensen["addresses"])
    }

    func testRemoveTwoMembersWithTheRFCsSpacing() {
        // The RFC writes `eq\"` without a space.
        let result = Fixture.patched(group, #"""
        { "schemas":
            ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            {
              "op":"remove",
              "path":"members[value eq\"2819c223-7f76-...413861904646\"]"
            },
            {
              "op":"remove",
              "path":"members[value eq\"902c246b-6245-4190-8e05-00816be7344a\"]"
            }
          ]
        }
        """#, .group)
        XCTAssertEqual(result.membershipChanges, [.remove(values: ["2819c223-7f76-...413861904646"]),
                                                  .remove(values: ["902c246b-6245-4190-8e05-00816be7344a"])])
    }

    func testReplaceAllMembersByRemoveThenAdd() {
        let result = Fixture.patched(group, #"""
        { "schemas":
          ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            {
              "op":"remove",
              "path":"members"
            },
            {
              "op":"add",
              "path":"members",
              "value":[
              {
                "display": "Babs Jensen",
                "$ref":
        "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                "value": "2819c223-7f76-453a-919d-413861904646"
              },
              {
                "display": "James Smith",
                "$ref":
        "https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210",
                "value": "08e1d05d-121c-4561-8b96-473d93df9210"
              }]
            }
          ]
        }
        """#, .group)
        XCTAssertEqual(result.membershipChanges.count, 2)
        XCTAssertEqual(result.membershipChanges.first, .removeAll)
        guard case .add(let added)? = result.membershipChanges.last else { return XCTFail() }
        XCTAssertEqual(added.map { $0["value"] }, ["2819c223-7f76-453a-919d-413861904646", "08e1d05d-121c-4561-8b96-473d93df9210"])
        XCTAssertEqual(added.map { $0["display"] }, ["Babs Jensen", "James Smith"])
    }

    // MARK: 3.5.2.3 Replace

    func testReplaceMembers() {
        let result = Fixture.patched(group, #"""
        { "schemas":
          ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op":"replace",
            "path":"members",
            "value":[
              {
                "display": "Babs Jensen",
                "$ref":
        "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                "value": "2819c223...413861904646"
              },
              {
                "display": "James Smith",
                "$ref":
        "https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210",
                "value": "08e1d05d...473d93df9210"
              }
            ]
          }]
        }
        """#, .group)
        guard case .replaceAll(let members)? = result.membershipChanges.first, result.membershipChanges.count == 1 else { return XCTFail() }
        XCTAssertEqual(members.map { $0["value"] }, ["2819c223...413861904646", "08e1d05d...473d93df9210"])
    }

    func testReplaceAWholeFilteredAddress() {
        let result = Fixture.patched(bjensen, #"""
        { "schemas":
          ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op":"replace",
            "path":"addresses[type eq \"work\"]",
            "value":
            {
              "type": "work",
              "streetAddress": "911 Universal City Plaza",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "US",
              "formatted":
        "911 Universal City Plaza\nHollywood, CA 91608 US",
              "primary": true
            }
          }]
        }
        """#)
        XCTAssertEqual(result.attributes["addresses"], Fixture.json(#"""
        [{"type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood","region":"CA","postalCode":"91608",
          "country":"US","formatted":"911 Universal City Plaza\nHollywood, CA 91608 US","primary":true},
         {"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA","postalCode":"91608",
          "country":"US","formatted":"456 Hollywood Blvd\nHollywood, CA 91608 US"}]
        """#))
    }

    func testReplaceASubAttributeOfAFilteredAddress() {
        let result = Fixture.patched(bjensen, #"""
        { "schemas":
          ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op":"replace",
            "path":"addresses[type eq \"work\"].streetAddress",
            "value":"1010 Broadway Ave"
          }]
        }
        """#)
        let addresses = result.attributes["addresses"]?.arrayValue ?? []
        XCTAssertEqual(addresses.first?["streetAddress"], "1010 Broadway Ave")
        XCTAssertEqual(addresses.first?["locality"], "Hollywood")
        XCTAssertEqual(addresses.last, bjensen["addresses"]?.arrayValue?.last)
    }

    func testReplaceWithoutPath() {
        let result = Fixture.patched(bjensen, #"""
        { "schemas":
          ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op":"replace",
            "value":{
              "emails":[
                {
                  "value":"bjensen@example.com",
                  "type":"work",
                  "primary":true
                },
                {
                  "value":"babs@jensen.org",
                  "type":"home"
                }
              ],
              "nickname":"Babs"
          }}]
        }
        """#)
        XCTAssertEqual(result.attributes["emails"], bjensen["emails"])
        XCTAssertEqual(result.attributes["nickName"], "Babs")
        XCTAssertNil(result.attributes["nickname"], "the schema's spelling is stored")
        XCTAssertTrue(result.changed)
    }

    // MARK: The rules of 3.5.2 itself

    func testPrimaryTrueOnOneValueTurnsTheOthersOff() {
        let result = Fixture.patched(bjensen, Fixture.operations(
            #"{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}"#,
            #"{"op":"add","path":"addresses","value":[{"type":"other","formatted":"somewhere","primary":true}]}"#))
        XCTAssertEqual(result.attributes["emails"], [["value": "bjensen@example.com", "type": "work", "primary": false],
                                                     ["value": "babs@jensen.org", "type": "home", "primary": true]])
        let addresses = result.attributes["addresses"]?.arrayValue ?? []
        XCTAssertEqual(addresses.map { $0["primary"] }, [false, nil, true], "only values that were true become false")
    }

    func testAddOfAValueAlreadyThereChangesNothing() {
        let result = Fixture.patched(bjensen, Fixture.operations(
            #"{"op":"add","path":"emails","value":[{"value":"babs@jensen.org","type":"home"}]}"#,
            #"{"op":"add","path":"userName","value":"bjensen@example.com"}"#))
        XCTAssertEqual(result.attributes, bjensen)
        XCTAssertFalse(result.changed)
    }

    func testReplaceOfAComplexAttributeLeavesOtherSubAttributes() {
        let result = Fixture.patched(bjensen, Fixture.operations(#"{"op":"replace","path":"name","value":{"givenName":"Babs"}}"#))
        XCTAssertEqual(result.attributes["name"], ["formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Babs"])
    }

    func testRemoveOfASingleValueAndOfAWholeList() {
        let result = Fixture.patched(bjensen, Fixture.operations(
            #"{"op":"remove","path":"name.formatted"}"#, #"{"op":"remove","path":"addresses"}"#))
        XCTAssertEqual(result.attributes["name"], ["familyName": "Jensen", "givenName": "Barbara"])
        XCTAssertNil(result.attributes["addresses"])
    }

    func testRemovingTheLastValueLeavesTheAttributeUnassigned() {
        let result = Fixture.patched(bjensen, Fixture.operations(
            #"{"op":"remove","path":"emails[type eq \"work\"]"}"#, #"{"op":"remove","path":"emails[type eq \"home\"]"}"#,
            #"{"op":"remove","path":"name.formatted"}"#, #"{"op":"remove","path":"name.givenName"}"#, #"{"op":"remove","path":"name.familyName"}"#))
        XCTAssertNil(result.attributes["emails"])
        XCTAssertNil(result.attributes["name"])
    }
}
