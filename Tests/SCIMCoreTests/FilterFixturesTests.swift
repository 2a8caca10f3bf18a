import XCTest
@testable import SCIMCore

/// Shared fixtures for the filter, projection and sort tests: a small User schema resolver and sample users.
enum FilterFixtures {
    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    static let coreUser = "urn:ietf:params:scim:schemas:core:2.0:User"

    static let multiValuedComplex: [SchemaAttribute] = [
        SchemaAttribute(name: "value", type: .string),
        SchemaAttribute(name: "display", type: .string),
        SchemaAttribute(name: "type", type: .string),
        SchemaAttribute(name: "primary", type: .boolean),
    ]

    static let core: [SchemaAttribute] = [
        SchemaAttribute(name: "userName", type: .string, required: true, uniqueness: .server),
        SchemaAttribute(name: "name", type: .complex, subAttributes: [
            SchemaAttribute(name: "formatted", type: .string),
            SchemaAttribute(name: "familyName", type: .string),
            SchemaAttribute(name: "givenName", type: .string),
            SchemaAttribute(name: "middleName", type: .string),
        ]),
        SchemaAttribute(name: "displayName", type: .string),
        SchemaAttribute(name: "nickName", type: .string),
        SchemaAttribute(name: "title", type: .string),
        SchemaAttribute(name: "userType", type: .string),
        SchemaAttribute(name: "active", type: .boolean),
        SchemaAttribute(name: "password", type: .string, mutability: .writeOnly, returned: .never),
        SchemaAttribute(name: "badge", type: .string, caseExact: true),
        SchemaAttribute(name: "loginCount", type: .integer),
        SchemaAttribute(name: "score", type: .decimal),
        SchemaAttribute(name: "hireDate", type: .dateTime),
        SchemaAttribute(name: "secretQuestion", type: .string, returned: .request),
        SchemaAttribute(name: "emails", type: .complex, multiValued: true, subAttributes: multiValuedComplex),
        SchemaAttribute(name: "ims", type: .complex, multiValued: true, subAttributes: multiValuedComplex),
        SchemaAttribute(name: "phoneNumbers", type: .complex, multiValued: true, subAttributes: multiValuedComplex),
        SchemaAttribute(name: "addresses", type: .complex, multiValued: true, subAttributes: [
            SchemaAttribute(name: "formatted", type: .string),
            SchemaAttribute(name: "locality", type: .string),
            SchemaAttribute(name: "type", type: .string),
            SchemaAttribute(name: "primary", type: .boolean),
        ]),
        SchemaAttribute(name: "groups", type: .complex, multiValued: true, mutability: .readOnly, subAttributes: [
            SchemaAttribute(name: "value", type: .string, caseExact: true, mutability: .readOnly),
            SchemaAttribute(name: "$ref", type: .reference, caseExact: true, mutability: .readOnly),
            SchemaAttribute(name: "display", type: .string, mutability: .readOnly),
        ]),
        SchemaAttribute(name: "x509Certificates", type: .complex, multiValued: true, subAttributes: [
            SchemaAttribute(name: "value", type: .binary),
        ]),
        SchemaAttribute(name: "entitlements", type: .string, multiValued: true, caseExact: true),
        SchemaAttribute(name: "tags", type: .string, multiValued: true),
        SchemaAttribute(name: "members", type: .complex, multiValued: true, subAttributes: [
            SchemaAttribute(name: "value", type: .string, caseExact: true, mutability: .immutable),
            SchemaAttribute(name: "$ref", type: .reference, caseExact: true, mutability: .immutable),
            SchemaAttribute(name: "display", type: .string, mutability: .readOnly, returned: .request),
        ]),
    ]

    static let enterpriseAttributes: [SchemaAttribute] = [
        SchemaAttribute(name: "employeeNumber", type: .string),
        SchemaAttribute(name: "department", type: .string),
        SchemaAttribute(name: "costCenter", type: .string, returned: .never),
        SchemaAttribute(name: "manager", type: .complex, subAttributes: [
            SchemaAttribute(name: "value", type: .string, caseExact: true),
            SchemaAttribute(name: "$ref", type: .reference, caseExact: true),
            SchemaAttribute(name: "displayName", type: .string, mutability: .readOnly),
        ]),
    ]

    struct Resolver: AttributeResolver {
        func attribute(for path: AttributePath) -> SchemaAttribute? {
            if path.isSchemaURN { return nil }
            let list: [SchemaAttribute]
            if let urn = path.schemaURN {
                if asciiCaseInsensitiveEquals(urn, FilterFixtures.enterprise) { list = enterpriseAttributes }
                else if asciiCaseInsensitiveEquals(urn, FilterFixtures.coreUser) { list = core }
                else { return nil }
            } else {
                list = core
            }
            return list.first { asciiCaseInsensitiveEquals($0.name, path.attribute) }
        }
    }

    static let resolver = Resolver()

    static func json(_ text: String) -> JSONObject {
        do {
            guard let o = try JSONParser.parse(text).objectValue else { fatalError("fixture is not an object") }
            return o
        } catch {
            fatalError("fixture JSON: \(error)")
        }
    }

    /// RFC 7643 section 8.2's full user, trimmed, plus a few attributes the tests use.
    static let bjensen = json(#"""
    {
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "id": "2819c223-7f76-453a-919d-413861904646",
      "externalId": "701984",
      "userName": "bjensen@example.com",
      "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara"},
      "displayName": "Babs Jensen",
      "title": "Tour Guide",
      "userType": "Employee",
      "active": true,
      "badge": "AbC-1",
      "loginCount": 42,
      "score": 3.5,
      "hireDate": "2010-01-23T04:56:22Z",
      "password": "t1meMa$heen",
      "emails": [
        {"value": "bjensen@example.com", "type": "work", "primary": true},
        {"value": "babs@jensen.org", "type": "home"}
      ],
      "ims": [{"value": "someaimhandle", "type": "aim"}],
      "addresses": [{"type": "work", "formatted": "100 Universal City Plaza", "locality": "Hollywood", "primary": true}],
      "entitlements": ["Admin", "Ops"],
      "tags": ["Red", "blue"],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
        "employeeNumber": "701984",
        "department": "Tour Operations",
        "costCenter": "4130",
        "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
      },
      "meta": {
        "resourceType": "User",
        "created": "2010-01-23T04:56:22Z",
        "lastModified": "2011-05-13T04:42:34Z",
        "version": "W/\"3694e05e9dff591\"",
        "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
      }
    }
    """#)

    static let intern = json(#"""
    {
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
      "id": "c0ffee00-0000-4000-8000-000000000001",
      "userName": "JSmith",
      "name": {"familyName": "O'Malley", "givenName": "Jim"},
      "userType": "Intern",
      "active": false,
      "title": "",
      "emails": [{"value": "jim@example.org", "type": "work"}],
      "ims": [{"value": "jim@foo.com", "type": "xmpp"}],
      "loginCount": 7,
      "meta": {"resourceType": "User", "created": "2011-05-13T04:42:34.000Z", "lastModified": "2012-01-01T00:00:00.5+01:00"}
    }
    """#)

    static let bare = json(#"""
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "b", "userName": "zed", "emails": [], "name": {}}
    """#)
}
