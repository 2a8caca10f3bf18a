/// The one place that turns what a client sent for an attribute into what is stored: used by
/// `ResourceInput.normalize` (POST, PUT) and by `PatchApplier` (every PATCH value).
///
/// - `null`, `[]`, `{}` (after dropping what isn't stored) mean "absent" (the result is nil).
/// - Booleans also arrive as strings, in any case (`"True"`, `"false"`): Entra, OneLogin templates.
/// - A number where a string is expected is kept as its exact text (`"employeeNumber": 1234`).
/// - A complex attribute with a `value` sub-attribute accepts the bare value (`"manager": "271"`
///   is `{"value": "271"}`; Entra); a bare `""` is absent. A single-valued complex attribute given a one-element array takes
///   the element (Entra's old manager form).
/// - A multi-valued attribute given one value instead of an array gets an array of it (OneLogin's
///   `"emails": {...}` templates).
/// - Sub-attribute names take the schema's spelling; unknown, read-only and write-only
///   sub-attributes are dropped. Nothing is added: element order, and every sub-attribute the client
///   sent, are kept as they were.
/// - Anything else of the wrong type is `400 invalidValue` naming the attribute.
enum AttributeValueCoercion {
    /// The whole value of `attribute`: an array for a multi-valued attribute (at most one element
    /// with `primary: true`, the first), else one value. Nil means absent.
    static func value(_ value: JSONValue, for attribute: SchemaAttribute, path: String) throws(SCIMError) -> JSONValue? {
        guard attribute.multiValued else { return try element(value, for: attribute, path: path) }
        switch value {
        case .null:
            return nil
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                if case .array = item { throw SCIMError.invalidValue("Attribute '\(path)' must be a list of values, not a list of lists") }
                if let e = try element(item, for: attribute, path: path) { out.append(e) }
            }
            if out.isEmpty { return nil }
            enforceSinglePrimary(&out)
            return .array(out)
        default:
            return try element(value, for: attribute, path: path).map { .array([$0]) }
        }
    }

    /// One value of `attribute`: one element when it is multi-valued, else its value. Nil means absent.
    static func element(_ value: JSONValue, for attribute: SchemaAttribute, path: String) throws(SCIMError) -> JSONValue? {
        guard attribute.type == .complex else { return try simple(value, type: attribute.type, path: path) }
        switch value {
        case .null:
            return nil
        case .object(let object):
            return try complex(object, of: attribute, path: path).map(JSONValue.object)
        case .array(let items) where !attribute.multiValued:
            if items.isEmpty { return nil }
            guard items.count == 1 else { throw SCIMError.invalidValue("Attribute '\(path)' is single-valued, but a list of \(items.count) values was given") }
            return try element(items[0], for: attribute, path: path)
        case .string(let s) where s.isEmpty:
            return nil  // `"manager": ""`: an unfilled template parameter, not a manager with an empty id
        case .string, .number, .bool:
            guard let valueAttribute = attribute.subAttribute(named: "value") else {
                throw SCIMError.invalidValue("Attribute '\(path)' must be an object, not \(kindName(value))")
            }
            return try complex(JSONObject([(valueAttribute.name, value)]), of: attribute, path: path).map(JSONValue.object)
        case .array:
            throw SCIMError.invalidValue("Attribute '\(path)' must be an object, not a list")
        }
    }

    /// The stored form of one complex value: known, writable sub-attributes only, in the client's
    /// order, with the schema's spelling. Nil when nothing is left.
    static func complex(_ object: JSONObject, of attribute: SchemaAttribute, path: String) throws(SCIMError) -> JSONObject? {
        var out = JSONObject()
        for member in object {
            guard let sub = attribute.subAttribute(named: member.key), isStored(sub) else { continue }
            if let v = try simple(member.value, type: sub.type, path: path + "." + sub.name) {
                out.setValue(v, forKeyIgnoringCase: sub.name)
            } else {
                out.removeValue(forKeyIgnoringCase: sub.name)
            }
        }
        for sub in attribute.subAttributes where sub.required && isStored(sub) {
            guard let v = out[sub.name], !isBlank(v) else {
                throw SCIMError.invalidValue("Each value of '\(path)' needs a non-empty '\(sub.name)'")
            }
        }
        return out.isEmpty ? nil : out
    }

    /// A value of a simple (non-complex) type. Nil means absent.
    static func simple(_ value: JSONValue, type: SchemaAttribute.DataType, path: String) throws(SCIMError) -> JSONValue? {
        if case .null = value { return nil }
        switch type {
        case .string:
            switch value {
            case .string: return value
            case .number(let n): return .string(n.text)
            default: break
            }
        case .reference, .binary, .dateTime:
            if case .string = value { return value }
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let s):
                if asciiCaseInsensitiveEquals(s, "true") { return .bool(true) }
                if asciiCaseInsensitiveEquals(s, "false") { return .bool(false) }
                if s.isEmpty { return nil }  // an unfilled template parameter
                throw SCIMError.invalidValue("Attribute '\(path)' must be a boolean (true or false), not the string \"\(excerpt(s))\"")
            default: break
            }
        case .integer, .decimal:
            var number: JSONNumber?
            switch value {
            case .number(let n): number = n
            case .string(let s): if case .number(let n)? = try? JSONParser.parse(s, maxDepth: 0) { number = n }
            default: break
            }
            if let n = number {
                if type == .decimal || n.isInteger { return .number(n) }
                throw SCIMError.invalidValue("Attribute '\(path)' must be an integer, not \(n.text)")
            }
        case .complex:
            throw SCIMError.invalidValue("Attribute '\(path)' must be an object, not \(kindName(value))")
        }
        throw SCIMError.invalidValue("Attribute '\(path)' must be \(typeName(type)), not \(kindName(value))")
    }

    /// Attributes a client may write and the store keeps: not read-only (the server's), not
    /// write-only (passwords are never stored).
    static func isStored(_ attribute: SchemaAttribute) -> Bool {
        attribute.mutability != .readOnly && attribute.mutability != .writeOnly
    }

    /// Leaves at most one element with `primary: true`: the one at `preferred` when it is one of them,
    /// else the first. Only elements that were `true` become `false`; nothing is added.
    static func enforceSinglePrimary(_ elements: inout [JSONValue], preferring preferred: Int? = nil) {
        var keep: Int? = nil
        if let p = preferred, p < elements.count, isPrimary(elements[p]) { keep = p }
        for i in elements.indices where isPrimary(elements[i]) {
            if keep == nil { keep = i; continue }
            if i == keep { continue }
            guard case .object(var o) = elements[i] else { continue }
            o.setValue(.bool(false), forKeyIgnoringCase: "primary")
            elements[i] = .object(o)
        }
    }

    static func isPrimary(_ element: JSONValue) -> Bool {
        element.objectValue?.value(forKeyIgnoringCase: "primary") == .bool(true)
    }

    /// True for a missing-in-effect value: null or a string of only whitespace.
    static func isBlank(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let s): return s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        default: return false
        }
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .number(let n): return "the number \(excerpt(n.text))"
        case .string(let s): return "the string \"\(excerpt(s))\""
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    static func typeName(_ type: SchemaAttribute.DataType) -> String {
        switch type {
        case .string: return "a string"
        case .boolean: return "a boolean (true or false)"
        case .decimal: return "a number"
        case .integer: return "an integer"
        case .dateTime: return "a dateTime string"
        case .reference: return "a reference (a URI string)"
        case .binary: return "a base64 string"
        case .complex: return "an object"
        }
    }

    /// At most 40 characters of client text, for error details.
    static func excerpt(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }
}
