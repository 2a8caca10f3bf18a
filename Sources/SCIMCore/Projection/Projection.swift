/// The `attributes` / `excludedAttributes` query parameters (RFC 7644 section 3.9) and the
/// `returned` rules of RFC 7643 section 7, applied to a full resource representation:
///
/// - `returned: always` attributes (and `id`, `schemas`, whatever the schema says) are always present;
/// - `returned: never` attributes (`password`) never are;
/// - `returned: request` attributes only when named in `attributes`;
/// - `returned: default` attributes are present unless excluded, or unless `attributes` is given and
///   names neither them nor one of their sub-attributes.
///
/// Paths are comma-separated, case-insensitive, whitespace-tolerant, and may be URN-qualified:
/// `urn:…:enterprise:2.0:User:department` selects inside the extension object,
/// `urn:…:enterprise:2.0:User` alone selects (or excludes) the whole extension. A sub-attribute
/// (`name.givenName`, `emails.value`, `meta.lastModified`) keeps (or removes) just that
/// sub-attribute, in every element of a multi-valued attribute. An extension object left empty is
/// dropped. The output keeps the input's key order.
///
/// Decisions: when both parameters are given, `attributes` wins and `excludedAttributes` is
/// ignored (RFC 7644 lets a server pick); an invalid path in either is `400 invalidValue` (the
/// RFC names no scimType for query parameters; `invalidPath` is for PATCH paths). Empty entries
/// (`userName,,emails`, a trailing comma) are ignored; an empty parameter counts as absent.
public struct Projection: Sendable, Equatable {
    /// The paths of `attributes`, when given (then `excludedAttributes` is empty).
    public private(set) var attributes: [AttributePath] = []
    /// The paths of `excludedAttributes`, when given and `attributes` was not.
    public private(set) var excludedAttributes: [AttributePath] = []

    public static let maxParameterLength = 8192
    public static let maxPaths = 256

    /// No parameters: every default-returned attribute.
    public static let `default` = Projection()

    public init() {}

    /// True when neither parameter was given.
    public var isDefault: Bool { attributes.isEmpty && excludedAttributes.isEmpty }

    public static func parse(attributes: String?, excludedAttributes: String?) throws(SCIMError) -> Projection {
        var p = Projection()
        if let a = attributes {
            p.attributes = try parseList(a, parameter: "attributes")
        }
        if p.attributes.isEmpty, let e = excludedAttributes {
            p.excludedAttributes = try parseList(e, parameter: "excludedAttributes")
        }
        p.selectors = (p.attributes.isEmpty ? p.excludedAttributes : p.attributes).map(Selector.init)
        return p
    }

    private static func parseList(_ text: String, parameter: String) throws(SCIMError) -> [AttributePath] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxParameterLength else {
            throw SCIMError.invalidValue("Invalid \(parameter): longer than \(maxParameterLength) bytes")
        }
        var paths: [AttributePath] = []
        var start = 0
        while start <= bytes.count {
            var stop = start
            while stop < bytes.count, bytes[stop] != UInt8(ascii: ",") { stop += 1 }
            var s = start, e = stop
            while s < e, PathSyntax.isWhitespace(bytes[s]) { s += 1 }
            while e > s, PathSyntax.isWhitespace(bytes[e - 1]) { e -= 1 }
            if s < e {
                do {
                    paths.append(try PathSyntax.parsePath(bytes, s..<e))
                } catch {
                    throw SCIMError.invalidValue("Invalid \(parameter) '\(PathSyntax.excerpt(bytes, s..<e))': \(error.message)")
                }
                guard paths.count <= maxPaths else {
                    throw SCIMError.invalidValue("Invalid \(parameter): more than \(maxPaths) attribute paths")
                }
            }
            start = stop + 1
        }
        return paths
    }

    // MARK: - Selection model

    /// A path normalised for matching: lowercased; `container` nil for core attributes (the core
    /// schema URN is dropped), else the extension URN; `attribute` nil when the whole container
    /// is named.
    private struct Selector: Sendable, Equatable {
        var container: String?
        var attribute: String?
        var sub: String?

        init(_ path: AttributePath) {
            if path.isSchemaURN {
                let urn = path.attribute.asciiLowercased
                container = AttributePath.hasCoreSchemaPrefix(urn) ? nil : urn
                attribute = nil
            } else {
                container = path.extensionURN?.asciiLowercased
                attribute = path.attribute.asciiLowercased
            }
            sub = path.subAttribute?.asciiLowercased
        }
    }

    private var selectors: [Selector] = []
    private var isInclusion: Bool { !attributes.isEmpty }

    /// What the parameters say about one attribute of a container.
    private struct Selection {
        var whole = false
        var subs: [String] = []
    }

    private func selection(container: String?, attribute: String) -> Selection {
        var s = Selection()
        let name = attribute.asciiLowercased
        for sel in selectors where sel.container == container {
            guard let a = sel.attribute else {
                s.whole = true  // the whole container is named
                continue
            }
            guard a == name else { continue }
            if let sub = sel.sub { s.subs.append(sub) } else { s.whole = true }
        }
        return s
    }

    /// Cheap check for the endpoint: could the top-level attribute `name` (a core attribute name,
    /// or an extension URN) appear in the output? False means it can be skipped entirely, e.g.
    /// `excludedAttributes=members` or `attributes=displayName` on a Group. Ignores the schema, so it
    /// answers true for `returned: never` attributes; `id` and `schemas` are always included.
    public func includes(attribute name: String) -> Bool {
        if isDefault { return true }
        if asciiCaseInsensitiveEquals(name, "id") || asciiCaseInsensitiveEquals(name, "schemas") { return true }
        let isURN = PathSyntax.hasURNPrefix(name)
        let lower = name.asciiLowercased
        if isInclusion {
            if isURN {
                if AttributePath.hasCoreSchemaPrefix(lower) { return selectors.contains { $0.container == nil } }
                return selectors.contains { $0.container == lower }
            }
            return selectors.contains { $0.container == nil && ($0.attribute == nil || $0.attribute == lower) }
        }
        if isURN { return !selectors.contains { $0.container == lower && $0.attribute == nil } }
        return !selectors.contains { $0.container == nil && $0.attribute == lower && $0.sub == nil }
    }

    // MARK: - Applying

    public func apply(to resource: JSONObject, resolver: any AttributeResolver) -> JSONObject {
        var out = JSONObject()
        for (key, value) in resource {
            if PathSyntax.hasURNPrefix(key), case .object(let ext) = value {
                let container = key.asciiLowercased
                var projected = JSONObject()
                for (k, v) in ext {
                    let definition = resolver.attribute(for: AttributePath(schemaURN: key, attribute: k))
                    if let kept = project(k, v, definition, container: container) { projected[k] = kept }
                }
                if !projected.isEmpty { out[key] = .object(projected) }
                continue
            }
            var definition = resolver.definitionWithFallback(for: AttributePath(attribute: key))
            if asciiCaseInsensitiveEquals(key, "schemas") || asciiCaseInsensitiveEquals(key, "id") {
                definition = definition ?? CommonAttributeFallback.attribute(named: key)
                definition?.returned = .always
            }
            if let kept = project(key, value, definition, container: nil) { out[key] = kept }
        }
        return out
    }

    /// The attribute's value after projection, or nil when it is left out.
    private func project(_ name: String, _ value: JSONValue, _ definition: SchemaAttribute?, container: String?) -> JSONValue? {
        let returned = definition?.returned ?? .default
        switch returned {
        case .never:
            return nil
        case .always:
            return Self.pruneSubAttributes(value, definition, keep: nil, exclude: [])
        case .request, .default:
            if isDefault {
                return returned == .request ? nil : Self.pruneSubAttributes(value, definition, keep: nil, exclude: [])
            }
            let s = selection(container: container, attribute: name)
            if isInclusion {
                // A request attribute needs its own name (or a sub-attribute of it), not its container's.
                if returned == .request {
                    let explicit = selectors.contains { $0.container == container && $0.attribute == name.asciiLowercased }
                    guard explicit else { return nil }
                }
                if s.whole { return Self.pruneSubAttributes(value, definition, keep: nil, exclude: []) }
                if !s.subs.isEmpty { return Self.pruneSubAttributes(value, definition, keep: s.subs, exclude: []) }
                return nil
            }
            if returned == .request || s.whole { return nil }
            return Self.pruneSubAttributes(value, definition, keep: nil, exclude: s.subs)
        }
    }

    /// Applies sub-attribute selection and the sub-attributes' `returned` rules to a complex value
    /// (or each element of a multi-valued one). `keep` nil means the default set. Elements and
    /// objects left empty by a selection are dropped; nil when nothing is left.
    private static func pruneSubAttributes(_ value: JSONValue, _ definition: SchemaAttribute?, keep: [String]?, exclude: [String]) -> JSONValue? {
        switch value {
        case .object(let o):
            let pruned = pruneObject(o, definition, keep: keep, exclude: exclude)
            if pruned.isEmpty && (keep != nil || !exclude.isEmpty || !o.isEmpty) { return nil }
            return .object(pruned)
        case .array(let elements):
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            let selecting = keep != nil || !exclude.isEmpty
            for e in elements {
                if case .object(let o) = e {
                    let pruned = pruneObject(o, definition, keep: keep, exclude: exclude)
                    if pruned.isEmpty && (selecting || !o.isEmpty) { continue }
                    out.append(.object(pruned))
                } else if keep == nil {
                    out.append(e)  // primitive elements have no sub-attributes to select
                }
            }
            if out.isEmpty && selecting { return nil }
            return .array(out)
        default:
            // A sub-attribute of a primitive selects nothing. (No `?:` here: JSONValue is
            // ExpressibleByNilLiteral, so `cond ? value : nil` would yield `.null`.)
            if keep == nil { return value }
            return nil
        }
    }

    private static func pruneObject(_ o: JSONObject, _ definition: SchemaAttribute?, keep: [String]?, exclude: [String]) -> JSONObject {
        var out = JSONObject()
        for (k, v) in o {
            let sub = definition?.subAttribute(named: k)
            let lower = k.asciiLowercased
            let keepIt: Bool
            switch sub?.returned ?? .default {
            case .never: keepIt = false
            case .always: keepIt = true
            case .request: keepIt = keep?.contains(lower) ?? false
            case .default: keepIt = keep.map { $0.contains(lower) } ?? !exclude.contains(lower)
            }
            if keepIt { out[k] = v }
        }
        return out
    }
}
