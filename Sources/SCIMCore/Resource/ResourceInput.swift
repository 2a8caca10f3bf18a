/// Turns a POST or PUT body into the stored attribute object of a User or Group.
///
/// The result holds `schemas` first (recomputed: the core URN, plus each extension URN whose object
/// is non-empty), then the client's attributes in the client's order, spelled as the schema spells
/// them, each coerced to its type (`AttributeValueCoercion`). Extension attributes live under their
/// URN key. It never holds `id`, `meta`, `groups`, `password`, or anything the schemas don't define;
/// for a Group it holds `members` like any attribute (the endpoint splits them off for the store).
///
/// What IdPs send that this accepts (idp-clients.md, jumpcloud.md): `meta`/`id`/`groups`/`password`
/// in the body (ignored), `null` and `[]` for "none", string booleans, a bare-string `manager`, a
/// single object for a multi-valued attribute, extension URNs listed first in `schemas` or listed
/// without an extension object, unknown URNs (ignored), attribute names in any case.
public enum ResourceInput {
    public static func normalize(_ body: JSONValue, definition: ResourceDefinition) throws(SCIMError) -> JSONObject {
        guard case .object(let input) = body else {
            throw SCIMError.invalidSyntax("The request body must be a JSON object, not \(AttributeValueCoercion.kindName(body))")
        }
        var out = JSONObject()
        out["schemas"] = .array([])  // keeps `schemas` first; filled in at the end
        for member in input {
            let key = member.key
            if asciiCaseInsensitiveEquals(key, "schemas") {
                try checkSchemas(member.value, definition: definition)
            } else if let ext = definition.extension(forURN: key) {
                try mergeExtension(member.value, ext, into: &out)
            } else if definition.isCoreSchema(key) {
                // Core attributes may also arrive wrapped in an object under the core URN.
                guard case .object(let wrapped) = member.value else { continue }
                for inner in wrapped { try setCoreAttribute(inner.key, inner.value, definition: definition, into: &out) }
            } else {
                try setCoreAttribute(key, member.value, definition: definition, into: &out)
            }
        }
        try checkRequired(out, definition: definition)
        out["schemas"] = .array(definition.schemaURNs(for: out).map(JSONValue.string))
        return out
    }

    /// Fails with `400 invalidValue` when a required attribute (`userName`, Group `displayName`) is
    /// missing or blank. PATCH checks its result with this too.
    public static func checkRequired(_ attributes: JSONObject, definition: ResourceDefinition) throws(SCIMError) {
        for attribute in definition.schema.attributes where attribute.required && AttributeValueCoercion.isStored(attribute) {
            guard let v = attributes.value(forKeyIgnoringCase: attribute.name), !AttributeValueCoercion.isBlank(v) else {
                throw SCIMError.invalidValue("Attribute '\(attribute.name)' is required and must not be empty")
            }
        }
        for ext in definition.extensions {
            let object = attributes.value(forKeyIgnoringCase: ext.schema.id)?.objectValue
            if ext.required && (object?.isEmpty ?? true) {
                throw SCIMError.invalidValue("The extension '\(ext.schema.id)' is required")
            }
            for attribute in ext.schema.attributes where attribute.required && AttributeValueCoercion.isStored(attribute) {
                guard let v = object?.value(forKeyIgnoringCase: attribute.name), !AttributeValueCoercion.isBlank(v) else {
                    throw SCIMError.invalidValue("Attribute '\(ext.schema.id):\(attribute.name)' is required and must not be empty")
                }
            }
        }
    }

    /// Removes later members whose `value` repeats an earlier one (a member list is a set; the first
    /// occurrence, with the sub-attributes it was sent with, is kept). Linear in the list.
    static func dedupeMembers(_ elements: [JSONValue]) -> [JSONValue] {
        var seen = Set<String>()
        seen.reserveCapacity(elements.count)
        var out: [JSONValue] = []
        out.reserveCapacity(elements.count)
        for e in elements {
            if let v = e.objectValue?["value"]?.stringValue, !seen.insert(v).inserted { continue }
            out.append(e)
        }
        return out
    }

    private static func setCoreAttribute(_ key: String, _ value: JSONValue, definition: ResourceDefinition,
                                         into out: inout JSONObject) throws(SCIMError) {
        guard let attribute = definition.coreAttribute(named: key), AttributeValueCoercion.isStored(attribute) else { return }
        var coerced = try AttributeValueCoercion.value(value, for: attribute, path: attribute.name)
        if let name = definition.memberAttributeName, asciiCaseInsensitiveEquals(name, attribute.name), case .array(let items)? = coerced {
            coerced = .array(dedupeMembers(items))
        }
        out[attribute.name] = coerced
    }

    private static func mergeExtension(_ value: JSONValue, _ ext: ResourceDefinition.Extension,
                                       into out: inout JSONObject) throws(SCIMError) {
        let urn = ext.schema.id
        switch value {
        case .null:
            return
        case .object(let input):
            var object = out[urn]?.objectValue ?? JSONObject()
            for member in input {
                guard let attribute = ext.schema.attribute(named: member.key), AttributeValueCoercion.isStored(attribute) else { continue }
                object[attribute.name] = try AttributeValueCoercion.value(member.value, for: attribute, path: "\(urn):\(attribute.name)")
            }
            out[urn] = object.isEmpty ? nil : .object(object)
        default:
            throw SCIMError.invalidValue("The extension '\(urn)' must be a JSON object, not \(AttributeValueCoercion.kindName(value))")
        }
    }

    /// `schemas` is recomputed, not trusted, so almost anything goes; but a SCIM 1.1 body (a client
    /// configured for the wrong protocol version) gets an error that says so.
    private static func checkSchemas(_ value: JSONValue, definition: ResourceDefinition) throws(SCIMError) {
        guard case .array(let items) = value else { return }
        var scim1 = false
        for item in items {
            guard case .string(let urn) = item else { continue }
            if definition.isCoreSchema(urn) { return }
            if urn.asciiLowercased.hasPrefix("urn:scim:schemas:core:1.") { scim1 = true }
        }
        if scim1 {
            throw SCIMError.invalidValue("This is a SCIM 1.1 request (schema urn:scim:schemas:core:1.0); this service speaks SCIM 2.0 (\(definition.schema.id)). Configure the client for SCIM 2.0.")
        }
    }
}
