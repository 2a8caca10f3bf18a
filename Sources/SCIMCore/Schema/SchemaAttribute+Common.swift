extension SchemaAttribute {
    /// RFC 7643 section 3.1 `id`: assigned by the service provider, compared exactly, always returned.
    public static let id = SchemaAttribute(
        name: "id", type: .string, description: "Unique identifier of the resource, assigned by the service provider.",
        caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server)

    /// RFC 7643 section 3.1 `externalId`: the client's own identifier, stored exactly as sent.
    public static let externalId = SchemaAttribute(
        name: "externalId", type: .string, description: "Identifier of the resource as defined by the provisioning client.",
        caseExact: true)

    /// RFC 7643 section 3.1 `meta`: maintained by the service provider.
    public static let meta = SchemaAttribute(
        name: "meta", type: .complex, description: "Resource metadata maintained by the service provider.",
        mutability: .readOnly,
        subAttributes: [
            SchemaAttribute(name: "resourceType", type: .string, description: "Name of the resource type of the resource.",
                            caseExact: true, mutability: .readOnly),
            SchemaAttribute(name: "created", type: .dateTime, description: "When the resource was added to the service provider.",
                            mutability: .readOnly),
            SchemaAttribute(name: "lastModified", type: .dateTime, description: "When the resource was last changed.",
                            mutability: .readOnly),
            SchemaAttribute(name: "location", type: .reference, description: "URI of the resource.",
                            caseExact: true, mutability: .readOnly, referenceTypes: ["uri"]),
            SchemaAttribute(name: "version", type: .string, description: "Version (entity tag) of the resource.",
                            caseExact: true, mutability: .readOnly),
        ])

    /// The attributes every resource has, outside any schema (RFC 7643 section 3.1).
    public static let commonAttributes: [SchemaAttribute] = [id, externalId, meta]

    /// The usual shape of a multi-valued complex attribute (RFC 7643 section 2.4): `value`,
    /// `display`, `type`, `primary`.
    static func multiValuedList(
        _ name: String, _ description: String, valueType: DataType = .string, valueDescription: String,
        valueReferenceTypes: [String] = [], typeValues: [String] = [], extraSubAttributes: [SchemaAttribute] = []
    ) -> SchemaAttribute {
        SchemaAttribute(
            name: name, type: .complex, multiValued: true, description: description,
            subAttributes: [
                SchemaAttribute(name: "value", type: valueType, description: valueDescription, referenceTypes: valueReferenceTypes),
                SchemaAttribute(name: "display", type: .string, description: "A human-readable name, primarily used for display purposes."),
                SchemaAttribute(name: "type", type: .string, description: "A label indicating the attribute's function.", canonicalValues: typeValues),
                SchemaAttribute(name: "primary", type: .boolean,
                                description: "Whether this is the primary or preferred value; true appears at most once."),
            ] + extraSubAttributes)
    }
}
