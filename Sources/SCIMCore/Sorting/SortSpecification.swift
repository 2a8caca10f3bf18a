/// `sortBy` / `sortOrder` (RFC 7644 section 3.4.2.3).
///
/// - The sort value of a resource is the attribute or sub-attribute named by `sortBy`; for a
///   multi-valued attribute, that of the `primary` element, else of the first element (the
///   element's `value` when no sub-attribute is named).
/// - Values order as `ValueComparison` defines (case-insensitive unless caseExact, dateTime by
///   instant, numbers numerically); resources without a value sort last when ascending and first
///   when descending. Ties keep their input order (the sort is stable).
/// - Decisions: a malformed `sortBy` or a `sortOrder` other than `ascending`/`descending` (any
///   case) is `400 invalidValue`; `sortOrder` without `sortBy` is ignored.
public struct SortSpecification: Sendable, Equatable {
    public var path: AttributePath
    public var ascending: Bool

    public init(path: AttributePath, ascending: Bool = true) {
        self.path = path
        self.ascending = ascending
    }

    /// Nil when no `sortBy` is given (or it is blank).
    public static func parse(sortBy: String?, sortOrder: String?) throws(SCIMError) -> SortSpecification? {
        guard let sortBy else { return nil }
        let bytes = Array(sortBy.utf8)
        var s = 0, e = bytes.count
        while s < e, PathSyntax.isWhitespace(bytes[s]) { s += 1 }
        while e > s, PathSyntax.isWhitespace(bytes[e - 1]) { e -= 1 }
        guard s < e else { return nil }
        let path: AttributePath
        do {
            path = try PathSyntax.parsePath(bytes, s..<e)
        } catch {
            throw SCIMError.invalidValue("Invalid sortBy '\(PathSyntax.excerpt(bytes, s..<e))': \(error.message)")
        }
        var ascending = true
        if let order = sortOrder {
            let trimmed = PathSyntax.trimmingWhitespace(order)
            if trimmed.isEmpty || asciiCaseInsensitiveEquals(trimmed, "ascending") {
                ascending = true
            } else if asciiCaseInsensitiveEquals(trimmed, "descending") {
                ascending = false
            } else {
                throw SCIMError.invalidValue("Invalid sortOrder '\(String(trimmed.prefix(40)))': use \"ascending\" or \"descending\"")
            }
        }
        return SortSpecification(path: path, ascending: ascending)
    }

    /// The definition the sort values compare under (the sub-attribute's, or for a multi-valued
    /// complex attribute its `value`'s).
    public func leafAttribute(resolver: any AttributeResolver) -> SchemaAttribute? {
        guard let top = resolver.definitionWithFallback(for: path) else { return nil }
        if let sub = path.subAttribute { return top.subAttribute(named: sub) }
        if top.type == .complex { return top.subAttribute(named: "value") }
        return top
    }

    /// The value `resource` sorts by, or nil when it has none.
    public func sortKey(for resource: JSONObject, resolver: any AttributeResolver) -> JSONValue? {
        let raw: JSONValue?
        if path.isSchemaURN {
            return nil
        } else if let urn = path.extensionURN {
            raw = resource.value(forKeyIgnoringCase: urn)?.objectValue?.value(forKeyIgnoringCase: path.attribute)
        } else {
            raw = resource.value(forKeyIgnoringCase: path.attribute)
        }
        guard let raw else { return nil }
        let leaf: JSONValue?
        switch raw {
        case .array(let elements):
            guard let element = Self.primaryOrFirst(elements) else { return nil }
            if case .object(let o) = element {
                leaf = o.value(forKeyIgnoringCase: path.subAttribute ?? "value")
            } else {
                leaf = path.subAttribute == nil ? element : nil
            }
        case .object(let o):
            leaf = path.subAttribute.flatMap { o.value(forKeyIgnoringCase: $0) }
        default:
            leaf = path.subAttribute == nil ? raw : nil
        }
        switch leaf {
        case .string, .number, .bool: return leaf
        default: return nil
        }
    }

    private static func primaryOrFirst(_ elements: [JSONValue]) -> JSONValue? {
        for e in elements {
            if case .object(let o) = e, let p = o.value(forKeyIgnoringCase: "primary") {
                if p == .bool(true) { return e }
                if case .string(let s) = p, ValueComparison.booleanText(s) == true { return e }
            }
        }
        return elements.first { !$0.isNull }
    }

    /// Whether a resource with sort value `a` goes before one with `b` in this order; missing
    /// values last when ascending, first when descending.
    public func areInIncreasingOrder(_ a: JSONValue?, _ b: JSONValue?, attribute: SchemaAttribute?) -> Bool {
        let c = SortKey(a, attribute).compare(SortKey(b, attribute))
        return ascending ? c < 0 : c > 0
    }

    /// The resources in this order; keys are computed once per resource and the sort is stable.
    public func sorted(_ resources: [JSONObject], resolver: any AttributeResolver) -> [JSONObject] {
        let attribute = leafAttribute(resolver: resolver)
        var decorated: [(key: SortKey, index: Int)] = []
        decorated.reserveCapacity(resources.count)
        for (i, r) in resources.enumerated() {
            decorated.append((SortKey(sortKey(for: r, resolver: resolver), attribute), i))
        }
        let ascending = self.ascending
        decorated.sort { x, y in
            let c = x.key.compare(y.key)
            if c != 0 { return ascending ? c < 0 : c > 0 }
            return x.index < y.index
        }
        return decorated.map { resources[$0.index] }
    }
}
