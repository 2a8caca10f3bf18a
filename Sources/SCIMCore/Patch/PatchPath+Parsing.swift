extension PatchPath {
    public static let maxLength = 4096

    /// Parses a PATCH `path` (RFC 7644 section 3.5.2, Figure 7):
    ///
    ///     PATH = attrPath / valuePath [subAttr]
    ///
    /// - `members`, `name.familyName`, `urn:…:enterprise:2.0:User:department`,
    ///   `urn:…:enterprise:2.0:User:manager.value`
    /// - `members[value eq "2819c223"]`, `emails[type eq "work" and primary eq true]`
    /// - `emails[type eq "work"].value`, `addresses[type eq "work"].formatted`
    /// - `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` alone: the whole extension
    ///   object, as `attribute == AttributePath(attribute: <the URN>)` (see `AttributePath.isSchemaURN`).
    ///
    /// Whitespace around the path is ignored. Errors are `SCIMError.invalidPath` naming the offset.
    public static func parse(_ text: String) throws(SCIMError) -> PatchPath {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else {
            throw SCIMError.invalidPath("Invalid path: longer than \(maxLength) bytes")
        }
        do {
            return try parse(bytes: bytes)
        } catch {
            throw SCIMError.invalidPath("Invalid path '\(PathSyntax.excerpt(bytes, 0..<bytes.count))': \(error.message)")
        }
    }

    private static func parse(bytes: [UInt8]) throws(SyntaxError) -> PatchPath {
        var start = 0, end = bytes.count
        while start < end, PathSyntax.isWhitespace(bytes[start]) { start += 1 }
        while end > start, PathSyntax.isWhitespace(bytes[end - 1]) { end -= 1 }
        guard start < end else { throw SyntaxError("empty path", at: start) }

        var i = start
        while i < end, bytes[i] != UInt8(ascii: "["), PathSyntax.isPathTokenChar(bytes[i]) { i += 1 }
        if i == end { return PatchPath(attribute: try PathSyntax.parsePath(bytes, start..<end)) }
        guard bytes[i] == UInt8(ascii: "[") else {
            throw SyntaxError("unexpected '\(PathSyntax.printable(bytes[i]))' in path", at: i)
        }
        let attribute = try PathSyntax.parsePath(bytes, start..<i)
        if attribute.subAttribute != nil {
            throw SyntaxError("a value filter applies to a multi-valued attribute, not to the sub-attribute '\(attribute)'", at: i)
        }
        if attribute.isSchemaURN {
            throw SyntaxError("a value filter cannot apply to a whole schema extension", at: i)
        }
        var parser = FilterSyntaxParser(bytes: bytes, start: i + 1, end: end)
        let filter = try parser.parseValueFilterBody(openedAt: i)
        var j = parser.pos
        if j == end { return PatchPath(attribute: attribute, valueFilter: filter) }
        guard bytes[j] == UInt8(ascii: ".") else {
            throw SyntaxError("expected '.' and a sub-attribute or the end of the path after ']', found '\(PathSyntax.printable(bytes[j]))'", at: j)
        }
        j += 1
        guard let subEnd = PathSyntax.scanName(bytes, from: j, to: end) else {
            throw SyntaxError("expected a sub-attribute name after '].'", at: j)
        }
        guard subEnd == end else {
            throw SyntaxError("unexpected '\(PathSyntax.printable(bytes[subEnd]))' after the sub-attribute", at: subEnd)
        }
        return PatchPath(attribute: attribute, valueFilter: filter, filteredSubAttribute: PathSyntax.text(bytes, j..<subEnd))
    }
}
