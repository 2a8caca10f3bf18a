extension AttributePath {
    /// The core schema URNs: a path qualified with one of these names a top-level attribute.
    public static let coreSchemaURNPrefix = "urn:ietf:params:scim:schemas:core:"

    /// Parses `[URN:]attr[.sub]` (RFC 7644 section 3.10), e.g. `name.givenName`, `$ref`,
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`
    /// (schemaURN `…:2.0:User`, attribute `manager`, sub-attribute `value`).
    ///
    /// A path that is a schema URN alone (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`,
    /// recognised by a version segment such as `2.0` before its last segment) names the whole
    /// extension object and is represented as `schemaURN == nil, attribute == <the URN>`: that is
    /// also the key the object has in a resource, so lookups by `attribute` find it. See `isSchemaURN`.
    ///
    /// Surrounding whitespace is ignored. Errors are `SCIMError.invalidPath`.
    public static func parse(_ text: String) throws(SCIMError) -> AttributePath {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, PathSyntax.isWhitespace(bytes[start]) { start += 1 }
        while end > start, PathSyntax.isWhitespace(bytes[end - 1]) { end -= 1 }
        do {
            return try PathSyntax.parsePath(bytes, start..<end)
        } catch {
            throw SCIMError.invalidPath("Invalid attribute path '\(PathSyntax.excerpt(bytes, start..<end))': \(error.message)")
        }
    }

    /// True when the path is a schema URN alone, naming a whole extension object.
    public var isSchemaURN: Bool {
        schemaURN == nil && PathSyntax.hasURNPrefix(attribute)
    }

    /// True when the schema URN is absent or a core schema URN, i.e. the attribute is top-level.
    public var isCoreAttribute: Bool {
        guard let urn = schemaURN else { return !isSchemaURN }
        return Self.hasCoreSchemaPrefix(urn)
    }

    /// Whether `urn` starts with `urn:ietf:params:scim:schemas:core:` (any case) and goes on.
    static func hasCoreSchemaPrefix(_ urn: String) -> Bool {
        let prefix = coreSchemaURNPrefix.utf8
        guard urn.utf8.count > prefix.count else { return false }
        for (x, y) in zip(urn.utf8, prefix) where (x &- 65 < 26 ? x | 0x20 : x) != y { return false }
        return true
    }

    /// The key of the extension object that holds the attribute (nil for core attributes);
    /// for a schema-URN-only path, that URN itself.
    public var extensionURN: String? {
        if isSchemaURN { return attribute }
        return isCoreAttribute ? nil : schemaURN
    }

    /// The same path without a core schema URN qualifier (`urn:…:core:2.0:User:userName` → `userName`);
    /// extension-qualified paths are returned unchanged.
    public var withoutCoreSchemaURN: AttributePath {
        guard schemaURN != nil, isCoreAttribute else { return self }
        return AttributePath(schemaURN: nil, attribute: attribute, subAttribute: subAttribute)
    }
}
