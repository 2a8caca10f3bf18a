/// Byte-level rules for attribute paths (RFC 7644 section 3.10 and Figure 1):
///
///     attrPath = [URI ":"] ATTRNAME *1subAttr
///     ATTRNAME = ALPHA *(nameChar)        ; "$ref" is also accepted
///     nameChar = "-" / "_" / DIGIT / ALPHA
///     subAttr  = "." ATTRNAME
///
/// Shared by `AttributePath.parse`, the filter parser, `PatchPath.parse`, projection and sorting.
enum PathSyntax {
    /// Longest path we accept; real ones are well under 100 bytes.
    static let maxPathLength = 512

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) || c == 0x2D || c == 0x5F }
    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    /// Characters allowed in the URN part of a path (a conservative subset of RFC 8141).
    @inline(__always) static func isURNChar(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E || c == 0x25 || c == 0x2B || c == 0x3A
    }
    /// Characters that can appear in a path token at all; a token ends at anything else.
    @inline(__always) static func isPathTokenChar(_ c: UInt8) -> Bool {
        !(isWhitespace(c) || c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D || c == 0x22)
    }

    static func trimmingWhitespace(_ s: String) -> String {
        let b = Array(s.utf8)
        var i = 0, j = b.count
        while i < j, isWhitespace(b[i]) { i += 1 }
        while j > i, isWhitespace(b[j - 1]) { j -= 1 }
        return i == 0 && j == b.count ? s : text(b, i..<j)
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// A short printable excerpt for error messages.
    static func excerpt(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let end = min(range.upperBound, range.lowerBound + 40)
        var s = String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
        if end < range.upperBound { s += "…" }
        return s
    }

    /// The end of an ATTRNAME starting at `start` (exclusive), or nil when no name starts there.
    static func scanName(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        var i = start
        if bytes[i] == 0x24 {  // "$ref" and friends: "$" then a name
            i += 1
            guard i < end, isAlpha(bytes[i]) else { return nil }
        } else if !isAlpha(bytes[i]) {
            return nil
        }
        i += 1
        while i < end, isNameChar(bytes[i]) { i += 1 }
        return i
    }

    /// Parses exactly `bytes[range]` as an attribute path.
    ///
    /// A path starting with `urn:` (any case) carries a schema URN: the URN runs to the last `:`
    /// and the attribute follows it. When the whole text is itself a schema URN — recognised by its
    /// last-but-one segment being a version such as `2.0`, as in
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` — the result names the whole
    /// extension object: `schemaURN == nil`, `attribute == <the URN>` (see `AttributePath.isSchemaURN`).
    static func parsePath(_ bytes: [UInt8], _ range: Range<Int>) throws(SyntaxError) -> AttributePath {
        let start = range.lowerBound, end = range.upperBound
        guard start < end else { throw SyntaxError("expected an attribute path", at: start) }
        guard end - start <= maxPathLength else {
            throw SyntaxError("attribute path longer than \(maxPathLength) bytes", at: start)
        }
        if hasURNPrefix(bytes, start, end) {
            return try parseURNPath(bytes, start, end)
        }
        return try parseNameAndSub(bytes, start, end, schemaURN: nil)
    }

    /// Whether `s` starts with `urn:` (any case), without copying it.
    static func hasURNPrefix(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        guard let a = it.next(), let b = it.next(), let c = it.next(), let d = it.next() else { return false }
        return a | 0x20 == 0x75 && b | 0x20 == 0x72 && c | 0x20 == 0x6E && d == 0x3A
    }

    static func hasURNPrefix(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        end - start >= 4 && bytes[start] | 0x20 == 0x75 && bytes[start + 1] | 0x20 == 0x72
            && bytes[start + 2] | 0x20 == 0x6E && bytes[start + 3] == 0x3A
    }

    private static func parseURNPath(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(SyntaxError) -> AttributePath {
        // The URN part: URN characters up to the last colon before the attribute name.
        var lastColon = -1
        var i = start
        while i < end {
            let c = bytes[i]
            if c == 0x3A { lastColon = i }
            i += 1
        }
        // Validate the URN part (everything before the last colon) and its segments.
        var segmentStart = start
        var segments: [Range<Int>] = []
        i = start
        while i < lastColon {
            let c = bytes[i]
            guard isURNChar(c) else {
                throw SyntaxError("invalid character '\(printable(c))' in schema URN", at: i)
            }
            if c == 0x3A {
                guard i > segmentStart else { throw SyntaxError("empty segment in schema URN", at: i) }
                segments.append(segmentStart..<i)
                segmentStart = i + 1
            }
            i += 1
        }
        guard lastColon > segmentStart else { throw SyntaxError("empty segment in schema URN", at: lastColon) }
        segments.append(segmentStart..<lastColon)
        guard segments.count >= 2 else {
            throw SyntaxError("a schema URN needs a namespace after 'urn:'", at: lastColon)
        }
        let rest = (lastColon + 1)..<end
        guard !rest.isEmpty else { throw SyntaxError("expected an attribute name after the schema URN", at: end) }
        // Whole-URN form: the last segment of the URN part is a version, and the rest is a plain name.
        if isVersion(bytes, segments[segments.count - 1]) {
            var j = rest.lowerBound
            var plain = true
            while j < end {
                if !isNameChar(bytes[j]) { plain = false; break }
                j += 1
            }
            if plain && isAlpha(bytes[rest.lowerBound]) {
                return AttributePath(schemaURN: nil, attribute: text(bytes, start..<end))
            }
        }
        return try parseNameAndSub(bytes, rest.lowerBound, end, schemaURN: text(bytes, start..<lastColon))
    }

    /// `2.0`, `1`, `1.1`: digits separated by single dots.
    private static func isVersion(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard !r.isEmpty, isDigit(bytes[r.lowerBound]), isDigit(bytes[r.upperBound - 1]) else { return false }
        var previousDot = false
        for i in r {
            let c = bytes[i]
            if c == 0x2E {
                if previousDot { return false }
                previousDot = true
            } else if isDigit(c) {
                previousDot = false
            } else {
                return false
            }
        }
        return true
    }

    private static func parseNameAndSub(_ bytes: [UInt8], _ start: Int, _ end: Int, schemaURN: String?) throws(SyntaxError) -> AttributePath {
        guard let nameEnd = scanName(bytes, from: start, to: end) else {
            throw SyntaxError("an attribute name must start with a letter, found '\(printable(bytes[start]))'", at: start)
        }
        let attribute = text(bytes, start..<nameEnd)
        if nameEnd == end { return AttributePath(schemaURN: schemaURN, attribute: attribute) }
        guard bytes[nameEnd] == 0x2E else {
            throw SyntaxError("invalid character '\(printable(bytes[nameEnd]))' in attribute path", at: nameEnd)
        }
        let subStart = nameEnd + 1
        guard subStart < end else { throw SyntaxError("expected a sub-attribute name after '.'", at: subStart) }
        guard let subEnd = scanName(bytes, from: subStart, to: end) else {
            throw SyntaxError("a sub-attribute name must start with a letter, found '\(printable(bytes[subStart]))'", at: subStart)
        }
        if subEnd < end {
            if bytes[subEnd] == 0x2E {
                throw SyntaxError("attribute paths have at most one sub-attribute", at: subEnd)
            }
            throw SyntaxError("invalid character '\(printable(bytes[subEnd]))' in attribute path", at: subEnd)
        }
        return AttributePath(schemaURN: schemaURN, attribute: attribute, subAttribute: text(bytes, subStart..<subEnd))
    }

    static func printable(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return String(UnicodeScalar(c)) }
        let hex = Array("0123456789ABCDEF")
        return "\\x" + String(hex[Int(c >> 4)]) + String(hex[Int(c & 15)])
    }
}
