import XCTest
@testable import SCIMCore

/// The User, Group and Enterprise User definitions against RFC 7643 sections 4 and 8.7.1, the
/// resolver, and the discovery documents rendered from them.
final class SchemaDefinitionTests: XCTestCase {
    private func attr(_ schema: ResourceSchema, _ path: String) -> SchemaAttribute? {
        let parts = path.split(separator: ".").map(String.init)
        guard let top = schema.attribute(named: parts[0]) else { return nil }
        return parts.count == 1 ? top : top.subAttribute(named: parts[1])
    }

    func testUserSchemaHasEveryAttributeOfRFC7643() {
        let s = ResourceSchema.user
        XCTAssertEqual(s.id, "urn:ietf:params:scim:schemas:core:2.0:User")
        XCTAssertEqual(s.name, "User")
        XCTAssertEqual(s.attributes.map(\.name), [
            "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale",
            "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements",
            "roles", "x509Certificates",
        ])
        XCTAssertEqual(attr(s, "name")?.subAttributes.map(\.name),
                       ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"])
        XCTAssertEqual(attr(s, "addresses")?.subAttributes.map(\.name),
                       ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"])
        XCTAssertEqual(attr(s, "groups")?.subAttributes.map(\.name), ["value", "$ref", "display", "type"])
        for list in ["emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates"] {
            XCTAssertEqual(attr(s, list)?.subAttributes.map(\.name), ["value", "display", "type", "primary"], list)
            XCTAssertEqual(attr(s, list)?.multiValued, true, list)
            XCTAssertEqual(attr(s, list + ".primary")?.type, .boolean, list)
        }
    }

    func testUserCharacteristicsMatchRFC7643() {
        let s = ResourceSchema.user
        let userName = attr(s, "userName")
        XCTAssertEqual(userName?.required, true)
        XCTAssertEqual(userName?.uniqueness, .server)
        XCTAssertEqual(userName?.caseExact, false)
        XCTAssertEqual(userName?.mutability, .readWrite)
        XCTAssertEqual(attr(s, "password")?.mutability, .writeOnly)
        XCTAssertEqual(attr(s, "password")?.returned, .never)
        XCTAssertEqual(attr(s, "active")?.type, .boolean)
        XCTAssertEqual(attr(s, "profileUrl")?.type, .reference)
        XCTAssertEqual(attr(s, "profileUrl")?.referenceTypes, ["external"])
        XCTAssertEqual(attr(s, "photos.value")?.type, .reference)
        XCTAssertEqual(attr(s, "photos.value")?.referenceTypes, ["external"])
        XCTAssertEqual(attr(s, "photos.type")?.canonicalValues, ["photo", "thumbnail"])
        XCTAssertEqual(attr(s, "x509Certificates.value")?.type, .binary)
        XCTAssertEqual(attr(s, "emails.type")?.canonicalValues, ["work", "home", "other"])
        XCTAssertEqual(attr(s, "phoneNumbers.type")?.canonicalValues, ["work", "home", "mobile", "fax", "pager", "other"])
        XCTAssertEqual(attr(s, "ims.type")?.canonicalValues, ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"])
        XCTAssertEqual(attr(s, "addresses.type")?.canonicalValues, ["work", "home", "other"])
        let groups = attr(s, "groups")
        XCTAssertEqual(groups?.mutability, .readOnly)
        XCTAssertTrue(groups?.subAttributes.allSatisfy { $0.mutability == .readOnly } ?? false)
        XCTAssertEqual(attr(s, "groups.$ref")?.referenceTypes, ["User", "Group"])
        XCTAssertEqual(attr(s, "groups.type")?.canonicalValues, ["direct", "indirect"])
        // Everything else is an ordinary read-write attribute returned by default.
        for a in s.attributes where !["password", "groups"].contains(a.name) {
            XCTAssertEqual(a.mutability, .readWrite, a.name)
            XCTAssertEqual(a.returned, .default, a.name)
            XCTAssertEqual(a.required, a.name == "userName", a.name)
        }
    }

    func testGroupSchema() {
        let s = ResourceSchema.group
        XCTAssertEqual(s.id, "urn:ietf:params:scim:schemas:core:2.0:Group")
        XCTAssertEqual(s.attributes.map(\.name), ["displayName", "members"])
        XCTAssertEqual(attr(s, "displayName")?.required, true)
        XCTAssertEqual(attr(s, "displayName")?.uniqueness, .server, "unique per integration, as the endpoint enforces")
        let members = attr(s, "members")
        XCTAssertEqual(members?.multiValued, true)
        XCTAssertEqual(members?.subAttributes.map(\.name), ["value", "$ref", "type", "display"])
        XCTAssertTrue(members?.subAttributes.allSatisfy { $0.mutability == .immutable } ?? false)
        XCTAssertEqual(attr(s, "members.value")?.required, true)
        XCTAssertEqual(attr(s, "members.$ref")?.referenceTypes, ["User", "Group"])
        XCTAssertEqual(attr(s, "members.type")?.canonicalValues, ["User", "Group"])
    }

    func testEnterpriseUserSchema() {
        let s = ResourceSchema.enterpriseUser
        XCTAssertEqual(s.id, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        XCTAssertEqual(s.attributes.map(\.name), ["employeeNumber", "costCenter", "organization", "division", "department", "manager"])
        XCTAssertEqual(attr(s, "manager")?.subAttributes.map(\.name), ["value", "$ref", "displayName"])
        XCTAssertEqual(attr(s, "manager.displayName")?.mutability, .readOnly)
        XCTAssertEqual(attr(s, "manager.value")?.mutability, .readWrite)
        XCTAssertEqual(attr(s, "manager.$ref")?.referenceTypes, ["User"])
    }

    func testCommonAttributes() {
        XCTAssertEqual(SchemaAttribute.id.mutability, .readOnly)
        XCTAssertEqual(SchemaAttribute.id.returned, .always)
        XCTAssertEqual(SchemaAttribute.id.caseExact, true)
        XCTAssertEqual(SchemaAttribute.externalId.caseExact, true)
        XCTAssertEqual(SchemaAttribute.externalId.mutability, .readWrite)
        XCTAssertEqual(SchemaAttribute.meta.mutability, .readOnly)
        XCTAssertEqual(SchemaAttribute.meta.subAttribute(named: "created")?.type, .dateTime)
        XCTAssertEqual(SchemaAttribute.meta.subAttribute(named: "lastModified")?.type, .dateTime)
    }

    // MARK: - Resolver

    func testResolverFindsAttributesIgnoringCaseAndQualifiers() throws {
        let user = ResourceDefinition.user
        func resolve(_ path: String) throws -> SchemaAttribute? { user.attribute(for: try AttributePath.parse(path)) }
        XCTAssertEqual(try resolve("userName")?.name, "userName")
        XCTAssertEqual(try resolve("USERNAME")?.name, "userName")
        XCTAssertEqual(try resolve("urn:ietf:params:scim:schemas:core:2.0:User:userName")?.name, "userName")
        XCTAssertEqual(try resolve("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:emails")?.name, "emails")
        XCTAssertEqual(try resolve("name.givenName")?.name, "name", "attribute(for:) ignores the sub-attribute")
        XCTAssertEqual(user.leafAttribute(for: try AttributePath.parse("name.GIVENNAME"))?.name, "givenName")
        XCTAssertEqual(try resolve("\(Fixture.enterprise):department")?.name, "department")
        XCTAssertEqual(try resolve("urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User:manager")?.name, "manager")
        XCTAssertEqual(user.leafAttribute(for: try AttributePath.parse("\(Fixture.enterprise):manager.displayName"))?.mutability, .readOnly)
        let whole = try resolve(Fixture.enterprise)
        XCTAssertEqual(whole?.type, .complex)
        XCTAssertEqual(whole?.subAttributes.count, 6)
        XCTAssertEqual(try resolve("id")?.caseExact, true)
        XCTAssertEqual(try resolve("externalId")?.name, "externalId")
        XCTAssertEqual(user.leafAttribute(for: try AttributePath.parse("meta.lastModified"))?.type, .dateTime)
        XCTAssertNil(try resolve("department"), "filters name extension attributes with their URN")
        XCTAssertNil(try resolve("members"))
        XCTAssertNil(try resolve("fooBar"))
        XCTAssertNil(try resolve("urn:ietf:params:scim:schemas:core:2.0:Group:displayName"), "another type's core schema")
        XCTAssertNil(try resolve("urn:acme:custom:badge"))
        let group = ResourceDefinition.group
        XCTAssertEqual(group.attribute(for: try AttributePath.parse("members"))?.multiValued, true)
        XCTAssertEqual(group.attribute(for: try AttributePath.parse("DISPLAYNAME"))?.name, "displayName")
        XCTAssertNil(group.attribute(for: try AttributePath.parse("userName")))
        XCTAssertNil(group.attribute(for: try AttributePath.parse("\(Fixture.enterprise):department")))
    }

    func testDefinitions() {
        XCTAssertEqual(ResourceDefinition.user.endpoint, "/Users")
        XCTAssertEqual(ResourceDefinition.group.endpoint, "/Groups")
        XCTAssertEqual(ResourceDefinition.user.extensions.map(\.schema.id), [Fixture.enterprise])
        XCTAssertEqual(ResourceDefinition.user.extensions.first?.required, false)
        XCTAssertTrue(ResourceDefinition.group.extensions.isEmpty)
        XCTAssertNil(ResourceDefinition.user.memberAttribute)
        XCTAssertEqual(ResourceDefinition.group.memberAttribute?.name, "members")
        XCTAssertEqual(ResourceDefinition.user.allSchemas.map(\.id), [Fixture.coreUser, Fixture.enterprise])
        XCTAssertNotNil(ResourceDefinition.user.extension(forURN: Fixture.enterprise.uppercased()))
        XCTAssertEqual(ResourceDefinition.user.schemaURNs(for: JSONObject()), [Fixture.coreUser])
        XCTAssertEqual(ResourceDefinition.user.schemaURNs(for: Fixture.object(#"{"\#(Fixture.enterprise)":{}}"#)), [Fixture.coreUser])
        XCTAssertEqual(ResourceDefinition.user.schemaURNs(for: Fixture.object(#"{"\#(Fixture.enterprise)":{"department":"x"}}"#)),
                       [Fixture.coreUser, Fixture.enterprise])
    }

    // MARK: - Discovery documents

    private func attributes(_ doc: JSONValue) -> [JSONValue] { doc["attributes"]?.arrayValue ?? [] }

    private func find(_ list: [JSONValue], _ name: String) -> JSONValue? { list.first { $0["name"] == .string(name) } }

    func testSchemaJSONInRFC7643Section7Format() throws {
        let doc = DiscoveryJSON.schemaJSON(.user, location: "https://example.com/api/v1/scim/Schemas/\(Fixture.coreUser)")
        XCTAssertEqual(doc["schemas"], ["urn:ietf:params:scim:schemas:core:2.0:Schema"])
        XCTAssertEqual(doc["id"], .string(Fixture.coreUser))
        XCTAssertEqual(doc["name"], "User")
        XCTAssertEqual(doc["description"], "User Account")
        XCTAssertEqual(doc["meta"]?["resourceType"], "Schema")
        XCTAssertEqual(doc["meta"]?["location"], .string("https://example.com/api/v1/scim/Schemas/\(Fixture.coreUser)"))
        let list = attributes(doc)
        XCTAssertEqual(list.count, 21)
        let userName = try XCTUnwrap(find(list, "userName"))
        XCTAssertEqual(userName["type"], "string")
        XCTAssertEqual(userName["multiValued"], false)
        XCTAssertEqual(userName["required"], true)
        XCTAssertEqual(userName["caseExact"], false)
        XCTAssertEqual(userName["mutability"], "readWrite")
        XCTAssertEqual(userName["returned"], "default")
        XCTAssertEqual(userName["uniqueness"], "server")
        XCTAssertNil(userName["subAttributes"])
        let password = try XCTUnwrap(find(list, "password"))
        XCTAssertEqual(password["mutability"], "writeOnly")
        XCTAssertEqual(password["returned"], "never")
        let emails = try XCTUnwrap(find(list, "emails"))
        XCTAssertEqual(emails["type"], "complex")
        XCTAssertEqual(emails["multiValued"], true)
        let emailSubs = emails["subAttributes"]?.arrayValue ?? []
        XCTAssertEqual(emailSubs.compactMap { $0["name"]?.stringValue }, ["value", "display", "type", "primary"])
        XCTAssertEqual(find(emailSubs, "type")?["canonicalValues"], ["work", "home", "other"])
        XCTAssertEqual(find(emailSubs, "primary")?["type"], "boolean")
        let groups = try XCTUnwrap(find(list, "groups"))
        XCTAssertEqual(groups["mutability"], "readOnly")
        XCTAssertEqual(find(groups["subAttributes"]?.arrayValue ?? [], "$ref")?["referenceTypes"], ["User", "Group"])
        let x509 = try XCTUnwrap(find(list, "x509Certificates"))
        XCTAssertEqual(find(x509["subAttributes"]?.arrayValue ?? [], "value")?["type"], "binary")
        XCTAssertEqual(find(list, "profileUrl")?["referenceTypes"], ["external"])
        // Every attribute and sub-attribute carries every characteristic.
        func check(_ a: JSONValue) {
            for key in ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"] {
                XCTAssertNotNil(a[key], "\(a["name"] ?? nil) lacks \(key)")
            }
            XCTAssertEqual(a["subAttributes"] != nil, a["type"] == "complex")
            XCTAssertEqual(a["referenceTypes"] != nil, a["type"] == "reference")
            for sub in a["subAttributes"]?.arrayValue ?? [] { check(sub) }
        }
        for schema in [ResourceSchema.user, .group, .enterpriseUser] {
            for a in attributes(DiscoveryJSON.schemaJSON(schema, location: "x")) { check(a) }
        }
        // The document is plain JSON that parses back to itself.
        XCTAssertEqual(try JSONParser.parse(doc.serialized()), doc)
    }

    func testSchemaJSONForGroupAndEnterprise() throws {
        let group = DiscoveryJSON.schemaJSON(.group, location: "g")
        let members = try XCTUnwrap(find(attributes(group), "members"))
        let value = try XCTUnwrap(find(members["subAttributes"]?.arrayValue ?? [], "value"))
        XCTAssertEqual(value["mutability"], "immutable")
        XCTAssertEqual(value["required"], true)
        XCTAssertEqual(find(attributes(group), "displayName")?["required"], true)
        let enterprise = DiscoveryJSON.schemaJSON(.enterpriseUser, location: "e")
        XCTAssertEqual(enterprise["id"], .string(Fixture.enterprise))
        XCTAssertEqual(enterprise["name"], "EnterpriseUser")
        let manager = try XCTUnwrap(find(attributes(enterprise), "manager"))
        XCTAssertEqual(find(manager["subAttributes"]?.arrayValue ?? [], "displayName")?["mutability"], "readOnly")
        XCTAssertEqual(find(manager["subAttributes"]?.arrayValue ?? [], "$ref")?["referenceTypes"], ["User"])
        XCTAssertEqual(attributes(enterprise).compactMap { $0["name"]?.stringValue },
                       ["employeeNumber", "costCenter", "organization", "division", "department", "manager"])
    }

    func testResourceTypeJSONInRFC7643Section6Format() {
        let user = DiscoveryJSON.resourceTypeJSON(.user, location: "https://h/api/v1/scim/ResourceTypes/User")
        assertJSON(user.objectValue ?? JSONObject(), #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"User","name":"User","endpoint":"/Users",
         "description":"User Account","schema":"urn:ietf:params:scim:schemas:core:2.0:User",
         "schemaExtensions":[{"schema":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","required":false}],
         "meta":{"resourceType":"ResourceType","location":"https://h/api/v1/scim/ResourceTypes/User"}}
        """#)
        let group = DiscoveryJSON.resourceTypeJSON(.group, location: "https://h/api/v1/scim/ResourceTypes/Group")
        assertJSON(group.objectValue ?? JSONObject(), #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"Group","name":"Group","endpoint":"/Groups",
         "description":"Group","schema":"urn:ietf:params:scim:schemas:core:2.0:Group",
         "meta":{"resourceType":"ResourceType","location":"https://h/api/v1/scim/ResourceTypes/Group"}}
        """#)
    }

    /// scim2-tester fills every writable attribute that /Schemas publishes and expects it back exactly:
    /// a resource with every published writable attribute set must normalise to itself.
    func testEveryPublishedWritableAttributeIsStoredExactly() {
        var body = JSONObject()
        var ext = JSONObject()
        func sample(_ a: SchemaAttribute, _ n: Int) -> JSONValue {
            switch a.type {
            case .boolean: return .bool(n % 2 == 0)
            case .binary: return "TUlJRFF6Q0NBcXlnQXdJQkFnSUNFQUF3RFFZSktvWklodmNOQVFFRkJRQXdUakVMTUFrR0ExVUVCaE1DVlZNeA=="
            case .reference: return .string("https://\(a.name.lowercased())-\(n).test")
            case .complex:
                var o = JSONObject()
                for (i, sub) in a.subAttributes.enumerated() where sub.mutability != .readOnly { o[sub.name] = sample(sub, n + i) }
                return a.multiValued ? .array([.object(o)]) : .object(o)
            default: return .string("\(a.name)-\(n)")
            }
        }
        for (i, a) in ResourceSchema.user.attributes.enumerated() where a.mutability == .readWrite { body[a.name] = sample(a, i) }
        for (i, a) in ResourceSchema.enterpriseUser.attributes.enumerated() where a.mutability == .readWrite { ext[a.name] = sample(a, i) }
        body["externalId"] = "ext-1"
        body[Fixture.enterprise] = .object(ext)
        var expected = body
        body["schemas"] = [.string(Fixture.coreUser), .string(Fixture.enterprise)]
        expected["schemas"] = [.string(Fixture.coreUser), .string(Fixture.enterprise)]
        XCTAssertEqual(try ResourceInput.normalize(.object(body), definition: .user), expected)
    }
}
