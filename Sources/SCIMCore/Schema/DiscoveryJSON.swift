/// The discovery documents of RFC 7643: `/Schemas` entries (section 7) and `/ResourceTypes`
/// entries (section 6), rendered from the same definitions the core enforces, so they tell the truth.
public enum DiscoveryJSON {
    /// One schema in the RFC 7643 section 7 / 8.7.1 representation. `location` is the absolute URL
    /// of `/Schemas/{id}`.
    public static func schemaJSON(_ schema: ResourceSchema, location: String) -> JSONValue {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMSchemaURN.schema)]
        o["id"] = .string(schema.id)
        o["name"] = .string(schema.name)
        o["description"] = .string(schema.description)
        o["attributes"] = .array(schema.attributes.map(attributeJSON))
        o["meta"] = ["resourceType": "Schema", "location": .string(location)]
        return .object(o)
    }

    /// One attribute definition with all its characteristics (RFC 7643 section 7), every one written
    /// out rather than left to defaults.
    public static func attributeJSON(_ a: SchemaAttribute) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(a.name)
        o["type"] = .string(a.type.rawValue)
        o["multiValued"] = .bool(a.multiValued)
        o["description"] = .string(a.description)
        o["required"] = .bool(a.required)
        o["caseExact"] = .bool(a.caseExact)
        if !a.canonicalValues.isEmpty { o["canonicalValues"] = .array(a.canonicalValues.map(JSONValue.string)) }
        if a.type == .reference { o["referenceTypes"] = .array(a.referenceTypes.map(JSONValue.string)) }
        o["mutability"] = .string(a.mutability.rawValue)
        o["returned"] = .string(a.returned.rawValue)
        o["uniqueness"] = .string(a.uniqueness.rawValue)
        if a.type == .complex { o["subAttributes"] = .array(a.subAttributes.map(attributeJSON)) }
        return .object(o)
    }

    /// One resource type in the RFC 7643 section 6 representation. `location` is the absolute URL
    /// of `/ResourceTypes/{name}`.
    public static func resourceTypeJSON(_ definition: ResourceDefinition, location: String) -> JSONValue {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMSchemaURN.resourceType)]
        o["id"] = .string(definition.name)
        o["name"] = .string(definition.name)
        o["endpoint"] = .string(definition.endpoint)
        o["description"] = .string(definition.description)
        o["schema"] = .string(definition.schema.id)
        if !definition.extensions.isEmpty {
            o["schemaExtensions"] = .array(definition.extensions.map { ["schema": .string($0.schema.id), "required": .bool($0.required)] })
        }
        o["meta"] = ["resourceType": "ResourceType", "location": .string(location)]
        return .object(o)
    }
}
