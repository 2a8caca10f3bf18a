/// A resource type (RFC 7643 section 6): its endpoint, core schema and schema extensions, and the
/// attribute resolver every other part of the core uses for it. `.user` and `.group` are the two
/// scimd serves.
public struct ResourceDefinition: AttributeResolver, Sendable, Equatable {
    public struct Extension: Sendable, Equatable {
        public var schema: ResourceSchema
        public var required: Bool
        /// The extension object as one complex attribute named by the URN, so a path naming the whole
        /// extension (`urn:…:enterprise:2.0:User`) resolves too.
        public let asAttribute: SchemaAttribute

        public init(schema: ResourceSchema, required: Bool = false) {
            self.schema = schema
            self.required = required
            self.asAttribute = SchemaAttribute(name: schema.id, type: .complex, description: schema.description,
                                               required: required, subAttributes: schema.attributes)
        }
    }

    /// The resource type name: `User`, `Group` (also its id and `meta.resourceType`).
    public var name: String
    /// The endpoint relative to the base URL: `/Users`, `/Groups`.
    public var endpoint: String
    public var description: String
    public var schema: ResourceSchema
    public var extensions: [Extension]
    /// The multi-valued attribute that holds membership (`members` for Group). The store keeps it apart
    /// from the other attributes; PATCH reports changes to it as `MembershipChange`s.
    public var memberAttributeName: String?

    public init(name: String, endpoint: String, description: String, schema: ResourceSchema,
                extensions: [Extension] = [], memberAttributeName: String? = nil) {
        self.name = name
        self.endpoint = endpoint
        self.description = description
        self.schema = schema
        self.extensions = extensions
        self.memberAttributeName = memberAttributeName
    }

    public static let user = ResourceDefinition(
        name: "User", endpoint: "/Users", description: "User Account", schema: .user,
        extensions: [Extension(schema: .enterpriseUser, required: false)])

    public static let group = ResourceDefinition(
        name: "Group", endpoint: "/Groups", description: "Group", schema: .group, memberAttributeName: "members")

    /// The core schema and the extension schemas.
    public var allSchemas: [ResourceSchema] { [schema] + extensions.map(\.schema) }

    /// True when `urn` names this resource type's core schema (ignoring case).
    public func isCoreSchema(_ urn: String) -> Bool { asciiCaseInsensitiveEquals(urn, schema.id) }

    /// The extension whose schema id is `urn`, ignoring case.
    public func `extension`(forURN urn: String) -> Extension? {
        extensions.first { asciiCaseInsensitiveEquals($0.schema.id, urn) }
    }

    /// A core-schema or common attribute (`id`, `externalId`, `meta`) by name, ignoring case.
    public func coreAttribute(named name: String) -> SchemaAttribute? {
        schema.attribute(named: name) ?? SchemaAttribute.commonAttributes.first { asciiCaseInsensitiveEquals($0.name, name) }
    }

    /// The member attribute's definition (Group `members`), if this type has one.
    public var memberAttribute: SchemaAttribute? { memberAttributeName.flatMap { schema.attribute(named: $0) } }

    // MARK: AttributeResolver

    public func attribute(for path: AttributePath) -> SchemaAttribute? {
        if let urn = path.schemaURN {
            if isCoreSchema(urn) { return coreAttribute(named: path.attribute) }
            return `extension`(forURN: urn)?.schema.attribute(named: path.attribute)
        }
        if let ext = `extension`(forURN: path.attribute) { return ext.asAttribute }
        return coreAttribute(named: path.attribute)
    }

    /// The `schemas` value of a stored resource: the core URN, then each extension whose object is
    /// present and non-empty in `attributes`.
    public func schemaURNs(for attributes: JSONObject) -> [String] {
        var urns = [schema.id]
        for ext in extensions {
            if let obj = attributes.value(forKeyIgnoringCase: ext.schema.id)?.objectValue, !obj.isEmpty { urns.append(ext.schema.id) }
        }
        return urns
    }
}
