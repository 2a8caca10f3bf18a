/// Definitions of the attributes every SCIM resource has (RFC 7643 section 3.1), used when the
/// resolver does not know them: `id` and `externalId` are case-exact strings, `meta.created` and
/// `meta.lastModified` are dateTimes, `schemas` is always returned.
enum CommonAttributeFallback {
    static let id = SchemaAttribute(name: "id", type: .string, caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server)
    static let externalId = SchemaAttribute(name: "externalId", type: .string, caseExact: true)
    static let schemas = SchemaAttribute(name: "schemas", type: .reference, multiValued: true, mutability: .readOnly, returned: .always)
    static let meta = SchemaAttribute(
        name: "meta", type: .complex, mutability: .readOnly,
        subAttributes: [
            SchemaAttribute(name: "resourceType", type: .string, caseExact: true, mutability: .readOnly),
            SchemaAttribute(name: "created", type: .dateTime, mutability: .readOnly),
            SchemaAttribute(name: "lastModified", type: .dateTime, mutability: .readOnly),
            SchemaAttribute(name: "location", type: .reference, caseExact: true, mutability: .readOnly),
            SchemaAttribute(name: "version", type: .string, caseExact: true, mutability: .readOnly),
        ])

    static func attribute(named name: String) -> SchemaAttribute? {
        if asciiCaseInsensitiveEquals(name, "id") { return id }
        if asciiCaseInsensitiveEquals(name, "externalId") { return externalId }
        if asciiCaseInsensitiveEquals(name, "meta") { return meta }
        if asciiCaseInsensitiveEquals(name, "schemas") { return schemas }
        return nil
    }
}

extension AttributeResolver {
    /// The definition of `path.attribute`: the resolver's, else (for core paths) the common
    /// attributes' fallback. A core-schema-qualified path is also tried unqualified.
    func definitionWithFallback(for path: AttributePath) -> SchemaAttribute? {
        if let a = attribute(for: path) { return a }
        guard path.isCoreAttribute else { return nil }
        if path.schemaURN != nil, let a = attribute(for: path.withoutCoreSchemaURN) { return a }
        return CommonAttributeFallback.attribute(named: path.attribute)
    }
}
