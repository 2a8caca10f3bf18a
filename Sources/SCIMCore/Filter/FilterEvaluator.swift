/// Evaluates a `FilterExpression` against a full SCIM resource representation (`id`,
/// `externalId`, `meta`, core attributes at the top level, extension attributes under their
/// schema URN key), or against one element of a multi-valued attribute (PATCH value paths).
///
/// Semantics (RFC 7644 section 3.4.2.2, with these decisions):
/// - attribute names match JSON keys case-insensitively; a core-schema-qualified path
///   (`urn:…:core:2.0:User:userName`) is the top-level attribute;
/// - values compare with `ValueComparison` (caseExact from the resolved attribute; unknown
///   attributes are case-insensitive; dateTime attributes as instants);
/// - multi-valued attributes match when ANY value matches; a path naming a multi-valued complex
///   attribute itself (`emails co "@x"`) compares against each element's `value`;
/// - `ne` is the negation of `eq`: true when the attribute is absent, and for a multi-valued
///   attribute true when no value equals;
/// - `eq null` means "not present" and `ne null` means "present";
/// - `pr`: present and not null, not `""`, not `[]`, not `{}`;
/// - `gt/ge/lt/le` on booleans, complex values, or values of different kinds are false;
///   `co/sw/ew` apply to strings only;
/// - a comparison on a complex attribute without a sub-attribute is false;
/// - `id`, `externalId`, `meta.*` resolve even if the resolver doesn't know them.
public struct FilterEvaluator: Sendable {
    public let resolver: any AttributeResolver

    public init(resolver: any AttributeResolver) {
        self.resolver = resolver
    }

    /// Whether `resource` (a full SCIM representation) matches the filter.
    public func matches(_ filter: FilterExpression, resource: JSONObject) -> Bool {
        evaluate(filter, .resource(resource))
    }

    /// Whether one element of the multi-valued `attribute` matches the filter, whose paths are
    /// relative to the element (`type eq "work"` on an `emails` element). A primitive element is
    /// addressed as `value`.
    public func matches(_ filter: FilterExpression, element: JSONValue, of attribute: SchemaAttribute?) -> Bool {
        evaluate(filter, .element(element, attribute))
    }

    // MARK: - Evaluation

    private enum Scope {
        case resource(JSONObject)
        case element(JSONValue, SchemaAttribute?)
    }

    private func evaluate(_ filter: FilterExpression, _ scope: Scope) -> Bool {
        switch filter {
        case .and(let l, let r): return evaluate(l, scope) && evaluate(r, scope)
        case .or(let l, let r): return evaluate(l, scope) || evaluate(r, scope)
        case .not(let inner): return !evaluate(inner, scope)
        case .present(let path): return isPresent(path, scope)
        case .valuePath(let path, let inner):
            let (raw, definition) = lookUp(path, scope)
            guard let raw else { return false }
            // Without a sub-attribute in the path, the elements themselves are tested.
            let elementDefinition = path.subAttribute.flatMap { definition?.subAttribute(named: $0) } ?? definition
            let target = path.subAttribute.map { sub in raw.objectValue?.value(forKeyIgnoringCase: sub) ?? .null } ?? raw
            switch target {
            case .array(let elements):
                return elements.contains { evaluate(inner, .element($0, elementDefinition)) }
            case .object:  // a single-valued complex attribute: `name[givenName eq "x"]`
                return evaluate(inner, .element(target, elementDefinition))
            default:
                return false
            }
        case .comparison(let path, let op, let value):
            if value.isNull {
                switch op {
                case .eq: return !isPresent(path, scope)
                case .ne: return isPresent(path, scope)
                default: return false
                }
            }
            let (raw, definition) = lookUp(path, scope)
            guard let raw else { return op == .ne }
            var anyEqual = false
            var anyMatch = false
            forEachLeaf(raw, definition, path.subAttribute) { leaf, leafDefinition in
                if op == .eq || op == .ne {
                    if ValueComparison.equals(leaf, value, attribute: leafDefinition) { anyEqual = true; return false }
                } else if compare(leaf, op, value, leafDefinition) {
                    anyMatch = true
                    return false
                }
                return true
            }
            switch op {
            case .eq: return anyEqual
            case .ne: return !anyEqual
            default: return anyMatch
            }
        }
    }

    private func compare(_ leaf: JSONValue, _ op: FilterExpression.ComparisonOperator, _ value: JSONValue, _ definition: SchemaAttribute?) -> Bool {
        switch op {
        case .co, .sw, .ew:
            guard case .string(let s) = leaf else { return false }
            let needle: String
            switch value {
            case .string(let v): needle = v
            case .number(let n): needle = n.text
            default: return false
            }
            let kind: ValueComparison.SubstringMatch = op == .co ? .contains : (op == .sw ? .prefix : .suffix)
            return ValueComparison.matches(s, needle, kind, caseExact: definition?.caseExact ?? false)
        case .gt, .ge, .lt, .le:
            if case .bool = leaf { return false }
            if case .bool = value { return false }
            if definition?.type == .boolean || definition?.type == .binary { return false }
            guard let order = ValueComparison.compare(leaf, value, attribute: definition) else { return false }
            switch op {
            case .gt: return order > 0
            case .ge: return order >= 0
            case .lt: return order < 0
            default: return order <= 0
            }
        case .eq, .ne:
            return ValueComparison.equals(leaf, value, attribute: definition)
        }
    }

    private func isPresent(_ path: AttributePath, _ scope: Scope) -> Bool {
        let (raw, definition) = lookUp(path, scope)
        guard let raw else { return false }
        guard let sub = path.subAttribute else { return Self.hasContent(raw) }
        var found = false
        forEachLeaf(raw, definition, sub) { leaf, _ in
            if Self.hasContent(leaf) { found = true; return false }
            return true
        }
        return found
    }

    static func hasContent(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return false
        case .string(let s): return !s.isEmpty
        case .array(let a): return a.contains { hasContent($0) }
        case .object(let o): return o.contains { hasContent($0.value) }
        default: return true
        }
    }

    /// The value the path's attribute has in the scope (before any sub-attribute), and its definition.
    private func lookUp(_ path: AttributePath, _ scope: Scope) -> (JSONValue?, SchemaAttribute?) {
        switch scope {
        case .resource(let resource):
            let definition = resolver.definitionWithFallback(for: path)
            if path.isSchemaURN {
                return (resource.value(forKeyIgnoringCase: path.attribute), definition)
            }
            if let urn = path.extensionURN {
                guard let ext = resource.value(forKeyIgnoringCase: urn)?.objectValue else { return (nil, definition) }
                return (ext.value(forKeyIgnoringCase: path.attribute), definition)
            }
            return (resource.value(forKeyIgnoringCase: path.attribute), definition)
        case .element(let element, let parent):
            switch element {
            case .object(let o):
                return (o.value(forKeyIgnoringCase: path.attribute), parent?.subAttribute(named: path.attribute))
            case .null:
                return (nil, nil)
            default:
                // A primitive element (e.g. of `schemas`) is its own `value`.
                guard asciiCaseInsensitiveEquals(path.attribute, "value") else { return (nil, nil) }
                var d = parent
                d?.multiValued = false
                return (element, d)
            }
        }
    }

    /// Calls `body` with each comparable leaf value of `raw` (and its definition) until it returns false:
    /// the sub-attribute of the object or of each element; each primitive element; the `value` of each
    /// complex element when no sub-attribute is named; the value itself when primitive.
    private func forEachLeaf(_ raw: JSONValue, _ definition: SchemaAttribute?, _ sub: String?, _ body: (JSONValue, SchemaAttribute?) -> Bool) {
        if let sub {
            let subDefinition = definition?.subAttribute(named: sub)
            switch raw {
            case .object(let o):
                if let v = o.value(forKeyIgnoringCase: sub) { _ = visitPrimitive(v, subDefinition, body) }
            case .array(let elements):
                for e in elements {
                    if case .object(let o) = e, let v = o.value(forKeyIgnoringCase: sub) {
                        if !visitPrimitive(v, subDefinition, body) { return }
                    }
                }
            default:
                break
            }
            return
        }
        switch raw {
        case .array(let elements):
            let valueDefinition = definition?.subAttribute(named: "value")
            for e in elements {
                switch e {
                case .object(let o):
                    if let v = o.value(forKeyIgnoringCase: "value") {
                        if !visitPrimitive(v, valueDefinition ?? (definition?.type == .complex ? nil : definition), body) { return }
                    }
                case .array, .null:
                    continue
                default:
                    if !body(e, definition) { return }
                }
            }
        case .object, .null:
            return  // a complex attribute without a sub-attribute compares with nothing
        default:
            _ = body(raw, definition)
        }
    }

    /// Visits a primitive or each primitive element of an array; returns false to stop.
    private func visitPrimitive(_ v: JSONValue, _ definition: SchemaAttribute?, _ body: (JSONValue, SchemaAttribute?) -> Bool) -> Bool {
        switch v {
        case .object, .null: return true
        case .array(let items):
            for item in items {
                switch item {
                case .object, .array, .null: continue
                default: if !body(item, definition) { return false }
                }
            }
            return true
        default:
            return body(v, definition)
        }
    }
}
