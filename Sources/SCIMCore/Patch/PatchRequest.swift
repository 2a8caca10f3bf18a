/// Parses the body of a PATCH request (RFC 7644 section 3.5.2) into operations.
///
/// Lenient where IdPs differ from the RFC, strict where a mistake could change the wrong data:
/// - `Operations`, `op`, `path`, `value` match in any case; op names too (`"Replace"`, Entra);
/// - `schemas` may be missing or list other URNs;
/// - each `path` is parsed here (`PatchPath.parse`), so a bad path fails the whole request before
///   anything is applied: `400 invalidPath`;
/// - a body that isn't an object, `Operations` that isn't a list, an operation that isn't an
///   object or has no `op`: `400 invalidSyntax`;
/// - an unknown op, `add`/`replace` without `value`, no operations at all: `400 invalidValue`;
///   `remove` without `path`: `400 noTarget` (RFC 7644 section 3.5.2.2);
/// - more than `maxOperations` operations: `400 tooMany`.
public enum PatchRequest {
    public static let defaultMaxOperations = 1_000

    /// - Parameter allowsEmptyOperations: when true, `"Operations": []` is a valid no-op (the
    ///   Microsoft SCIM Validator sends it and expects success); by default it is `400 invalidValue`
    ///   as RFC 7644 asks for "one or more" operations.
    public static func parse(_ body: JSONValue, maxOperations: Int = defaultMaxOperations,
                             allowsEmptyOperations: Bool = false) throws(SCIMError) -> [PatchOperation] {
        guard case .object(let request) = body else {
            throw SCIMError.invalidSyntax("A PATCH body must be a JSON object with an 'Operations' list, not \(AttributeValueCoercion.kindName(body))")
        }
        guard let rawOperations = request.value(forKeyIgnoringCase: "Operations") else {
            throw SCIMError.invalidSyntax("A PATCH body needs an 'Operations' list")
        }
        guard case .array(let items) = rawOperations else {
            throw SCIMError.invalidSyntax("'Operations' must be a list of operations, not \(AttributeValueCoercion.kindName(rawOperations))")
        }
        if items.isEmpty && !allowsEmptyOperations {
            throw SCIMError.invalidValue("'Operations' must hold at least one operation")
        }
        guard items.count <= maxOperations else {
            throw SCIMError.tooMany("A PATCH request may hold at most \(maxOperations) operations; this one has \(items.count)")
        }
        var operations: [PatchOperation] = []
        operations.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            operations.append(try parseOperation(item, number: index + 1))
        }
        return operations
    }

    static func parseOperation(_ item: JSONValue, number: Int) throws(SCIMError) -> PatchOperation {
        let which = "Operation \(number)"
        guard case .object(let o) = item else {
            throw SCIMError.invalidSyntax("\(which) must be an object with 'op', 'path' and 'value', not \(AttributeValueCoercion.kindName(item))")
        }
        guard let rawOp = o.value(forKeyIgnoringCase: "op") else {
            throw SCIMError.invalidSyntax("\(which) has no 'op' (one of add, remove, replace)")
        }
        guard case .string(let opName) = rawOp else {
            throw SCIMError.invalidSyntax("\(which): 'op' must be a string (add, remove or replace), not \(AttributeValueCoercion.kindName(rawOp))")
        }
        guard let op = PatchOperation.Op(rawValue: opName.asciiLowercased) else {
            throw SCIMError.invalidValue("\(which): unknown op \"\(AttributeValueCoercion.excerpt(opName))\"; expected add, remove or replace")
        }
        var path: PatchPath? = nil
        switch o.value(forKeyIgnoringCase: "path") {
        case nil, .null?:
            break
        case .string(let text)?:
            // An empty path is treated as no path (some clients send "path": "").
            if !AttributeValueCoercion.isBlank(.string(text)) {
                do { path = try PatchPath.parse(text) } catch {
                    throw SCIMError.invalidPath("\(which): \(error.detail)")
                }
            }
        case let other?:
            throw SCIMError.invalidPath("\(which): 'path' must be a string, not \(AttributeValueCoercion.kindName(other))")
        }
        let value = o.value(forKeyIgnoringCase: "value")
        switch op {
        case .add:
            guard let value, !value.isNull else { throw SCIMError.invalidValue("\(which): 'add' needs a 'value'") }
            if path == nil, value.objectValue == nil {
                throw SCIMError.invalidValue("\(which): 'add' without a 'path' needs a 'value' object whose keys name attributes")
            }
        case .replace:
            guard value != nil else { throw SCIMError.invalidValue("\(which): 'replace' needs a 'value' (null to clear)") }
            if path == nil, value?.objectValue == nil {
                throw SCIMError.invalidValue("\(which): '\(op.rawValue)' without a 'path' needs a 'value' object whose keys name attributes")
            }
        case .remove:
            guard path != nil else { throw SCIMError.noTarget("\(which): 'remove' needs a 'path'") }
        }
        return PatchOperation(op: op, path: path, value: value)
    }
}
