/// Parses RFC 7644 section 3.4.2.2 filters into `FilterExpression`:
///
///     FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
///     valuePath = attrPath "[" valFilter "]"
///     attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
///     logExp    = FILTER SP ("and" / "or") SP FILTER
///
/// - Operators, `and`, `or`, `not`, `pr`, `true`, `false`, `null` are case-insensitive.
/// - Precedence: `not` > `and` > `or`; `and`/`or` associate to the left.
/// - Whitespace may be any run of spaces/tabs/newlines (and may be omitted next to parentheses,
///   brackets and quoted strings).
/// - Extension for Entra: `emails[type eq "work"].value eq "x"` is read as
///   `emails[type eq "work" and value eq "x"]`.
/// - Leniency: an unquoted comparison value that is not a number or keyword is read as a string
///   (`externalId eq jyoung`, `meta.created gt 2015-10-10T14:38:21-07:00`), because Microsoft's
///   documentation and reference tests send such filters.
/// - Limits: at most `maxLength` bytes and `maxDepth` nested parentheses, brackets and `not`
///   groups; both are checked while parsing, so hostile input fails fast without deep recursion.
///
/// Every failure is `SCIMError.invalidFilter` with a message naming the offset and the problem.
public struct FilterParser: Sendable {
    public static let maxLength = 4096
    public static let maxDepth = 32

    public static func parse(_ text: String) throws(SCIMError) -> FilterExpression {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else {
            throw SCIMError.invalidFilter("Invalid filter: longer than \(maxLength) bytes")
        }
        var parser = FilterSyntaxParser(bytes: bytes)
        do {
            return try parser.parseWholeFilter()
        } catch {
            throw SCIMError.invalidFilter("Invalid filter: \(error.message)")
        }
    }
}

/// The recursive-descent parser behind `FilterParser` and `PatchPath.parse`, over UTF-8 bytes.
/// Recursion only happens at nesting constructs and is bounded by `FilterParser.maxDepth`.
struct FilterSyntaxParser {
    let bytes: [UInt8]
    var pos: Int
    let end: Int
    private var depth = 0
    private var insideValueFilter = false

    init(bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.pos = start
        self.end = end ?? bytes.count
    }

    mutating func parseWholeFilter() throws(SyntaxError) -> FilterExpression {
        skipWhitespace()
        guard pos < end else { throw SyntaxError("empty filter", at: pos) }
        let expression = try parseOr()
        skipWhitespace()
        if pos < end { throw unexpected("expected 'and', 'or' or the end of the filter") }
        return expression
    }

    /// Parses the filter of a value path whose `[` has just been consumed, up to and including `]`.
    mutating func parseValueFilterBody(openedAt open: Int) throws(SyntaxError) -> FilterExpression {
        let saved = insideValueFilter
        insideValueFilter = true
        defer { insideValueFilter = saved }
        skipWhitespace()
        if pos < end, bytes[pos] == UInt8(ascii: "]") { throw SyntaxError("empty value filter '[]'", at: pos) }
        let inner = try parseOr()
        skipWhitespace()
        guard pos < end else { throw SyntaxError("missing ']' for the '[' at offset \(open)", at: pos) }
        guard bytes[pos] == UInt8(ascii: "]") else { throw unexpected("expected 'and', 'or' or ']'") }
        pos += 1
        return inner
    }

    // MARK: - Grammar

    private mutating func parseOr() throws(SyntaxError) -> FilterExpression {
        var left = try parseAnd()
        while try consumeKeyword("or") {
            left = .or(left, try parseAnd(after: "or"))
        }
        return left
    }

    private mutating func parseAnd(after keyword: String? = nil) throws(SyntaxError) -> FilterExpression {
        var left = try parseUnary(after: keyword)
        while try consumeKeyword("and") {
            left = .and(left, try parseUnary(after: "and"))
        }
        return left
    }

    private mutating func parseUnary(after keyword: String?) throws(SyntaxError) -> FilterExpression {
        skipWhitespace()
        guard pos < end else {
            if let keyword { throw SyntaxError("expected an expression after '\(keyword)'", at: pos) }
            throw SyntaxError("expected an expression", at: pos)
        }
        let c = bytes[pos]
        if c == UInt8(ascii: "(") {
            let open = pos
            pos += 1
            return try parseGroup(openedAt: open)
        }
        if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") {
            if let keyword { throw SyntaxError("expected an expression after '\(keyword)', found '\(PathSyntax.printable(c))'", at: pos) }
            throw SyntaxError("expected an expression, found '\(PathSyntax.printable(c))'", at: pos)
        }
        let tokenStart = pos
        let tokenEnd = scanPathToken()
        if tokenEnd == tokenStart {
            throw SyntaxError("expected an attribute path, found '\(PathSyntax.printable(c))'", at: pos)
        }
        if isWord("not", tokenStart, tokenEnd) {
            pos = tokenEnd
            skipWhitespace()
            guard pos < end, bytes[pos] == UInt8(ascii: "(") else {
                throw SyntaxError("expected '(' after 'not'", at: pos)
            }
            let open = pos
            pos += 1
            return .not(try parseGroup(openedAt: open))
        }
        if isWord("and", tokenStart, tokenEnd) || isWord("or", tokenStart, tokenEnd) {
            let word = PathSyntax.text(bytes, tokenStart..<tokenEnd)
            if let keyword { throw SyntaxError("expected an expression after '\(keyword)', found '\(word)'", at: tokenStart) }
            throw SyntaxError("expected an expression before '\(word)'", at: tokenStart)
        }
        return try parseAttributeExpression(tokenStart, tokenEnd)
    }

    /// `( FILTER )` after the `(`.
    private mutating func parseGroup(openedAt open: Int) throws(SyntaxError) -> FilterExpression {
        try enterNesting(at: open)
        defer { depth -= 1 }
        let inner = try parseOr()
        skipWhitespace()
        guard pos < end else { throw SyntaxError("missing ')' for the '(' at offset \(open)", at: pos) }
        guard bytes[pos] == UInt8(ascii: ")") else { throw unexpected("expected 'and', 'or' or ')'") }
        pos += 1
        return inner
    }

    private mutating func parseAttributeExpression(_ tokenStart: Int, _ tokenEnd: Int) throws(SyntaxError) -> FilterExpression {
        let path = try PathSyntax.parsePath(bytes, tokenStart..<tokenEnd)
        pos = tokenEnd
        if pos < end, bytes[pos] == UInt8(ascii: "[") {
            let open = pos
            if insideValueFilter { throw SyntaxError("value filters cannot be nested", at: open) }
            if path.subAttribute != nil {
                throw SyntaxError("a value filter applies to a multi-valued attribute, not to the sub-attribute '\(path)'", at: open)
            }
            pos += 1
            try enterNesting(at: open)
            let inner = try parseValueFilterBody(openedAt: open)
            depth -= 1
            // Entra: `emails[type eq "work"].value eq "x"` → `emails[type eq "work" and value eq "x"]`.
            if pos < end, bytes[pos] == UInt8(ascii: ".") {
                let subStart = pos + 1
                guard let subEnd = PathSyntax.scanName(bytes, from: subStart, to: end) else {
                    throw SyntaxError("expected a sub-attribute name after '].'", at: subStart)
                }
                if subEnd < end, PathSyntax.isPathTokenChar(bytes[subEnd]) {
                    throw SyntaxError("invalid character '\(PathSyntax.printable(bytes[subEnd]))' in sub-attribute name", at: subEnd)
                }
                let sub = AttributePath(attribute: PathSyntax.text(bytes, subStart..<subEnd))
                pos = subEnd
                let condition = try parseOperatorAndValue(for: sub, after: PathSyntax.text(bytes, tokenStart..<subEnd))
                return .valuePath(path, .and(inner, condition))
            }
            return .valuePath(path, inner)
        }
        return try parseOperatorAndValue(for: path, after: PathSyntax.text(bytes, tokenStart..<tokenEnd))
    }

    private mutating func parseOperatorAndValue(for path: AttributePath, after pathText: String) throws(SyntaxError) -> FilterExpression {
        skipWhitespace()
        let opStart = pos
        while pos < end, PathSyntax.isAlpha(bytes[pos]) { pos += 1 }
        if pos == opStart {
            if opStart < end, bytes[opStart] != UInt8(ascii: ")") && bytes[opStart] != UInt8(ascii: "]") {
                throw SyntaxError("expected an operator after '\(short(pathText))', found '\(PathSyntax.printable(bytes[opStart]))'", at: opStart)
            }
            throw SyntaxError("expected an operator after '\(short(pathText))'", at: opStart)
        }
        if pos < end, PathSyntax.isPathTokenChar(bytes[pos]) {
            // e.g. `userName eq1`, `userName e.q`: scan the whole word for the message.
            while pos < end, PathSyntax.isPathTokenChar(bytes[pos]) { pos += 1 }
            throw SyntaxError("unknown operator '\(short(PathSyntax.text(bytes, opStart..<pos)))'", at: opStart)
        }
        let opText = PathSyntax.text(bytes, opStart..<pos).asciiLowercased
        if opText == "pr" { return .present(path) }
        guard let op = FilterExpression.ComparisonOperator(rawValue: opText) else {
            throw SyntaxError("unknown operator '\(short(PathSyntax.text(bytes, opStart..<pos)))'", at: opStart)
        }
        skipWhitespace()
        let value = try parseComparisonValue(after: opText)
        return .comparison(path, op, value)
    }

    // MARK: - Values

    private mutating func parseComparisonValue(after op: String) throws(SyntaxError) -> JSONValue {
        guard pos < end else { throw SyntaxError("expected a value after '\(op)'", at: pos) }
        if bytes[pos] == UInt8(ascii: "\"") { return .string(try parseString()) }
        let start = pos
        let tokenEnd = scanPathToken()
        guard tokenEnd > start else {
            throw SyntaxError("expected a value after '\(op)', found '\(PathSyntax.printable(bytes[pos]))'", at: pos)
        }
        pos = tokenEnd
        if isWord("true", start, tokenEnd) { return .bool(true) }
        if isWord("false", start, tokenEnd) { return .bool(false) }
        if isWord("null", start, tokenEnd) { return .null }
        if isWord("and", start, tokenEnd) || isWord("or", start, tokenEnd) || isWord("not", start, tokenEnd) {
            throw SyntaxError("expected a value after '\(op)', found '\(PathSyntax.text(bytes, start..<tokenEnd))'", at: start)
        }
        if isJSONNumber(start, tokenEnd) {
            return .number(JSONNumber(validatedText: PathSyntax.text(bytes, start..<tokenEnd)))
        }
        // Lenient: a bare word is a string (see the type's documentation); quotes or backslashes in
        // it mean a mistyped string literal, so they are refused rather than guessed at.
        for i in start..<tokenEnd where bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 {
            throw SyntaxError("unquoted value '\(PathSyntax.excerpt(bytes, start..<tokenEnd))': string values need double quotes", at: start)
        }
        guard let s = String(validating: bytes[start..<tokenEnd], as: UTF8.self) else {
            throw SyntaxError("invalid UTF-8 in value", at: start)
        }
        return .string(s)
    }

    /// A JSON string literal with all JSON escapes; `pos` is at the opening quote.
    private mutating func parseString() throws(SyntaxError) -> String {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < end else { throw SyntaxError("unterminated string starting at offset \(open)", at: pos) }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                break
            }
            if c < 0x20 { throw SyntaxError("control character in string (escape it)", at: pos) }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<pos])
                try parseEscape(into: &out)
                runStart = pos
                continue
            }
            pos += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw SyntaxError("invalid UTF-8 in string starting at offset \(open)", at: open)
        }
        return s
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(SyntaxError) {
        let escapeStart = pos
        pos += 1
        guard pos < end else { throw SyntaxError("unterminated escape sequence", at: escapeStart) }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart)
            if scalar >= 0xD800 && scalar < 0xDC00 {
                // A high surrogate must be followed by an escaped low surrogate.
                guard pos + 1 < end, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                    throw SyntaxError("unpaired surrogate in \\u escape", at: escapeStart)
                }
                let lowStart = pos
                pos += 2
                let low = try parseHex4(lowStart)
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw SyntaxError("unpaired surrogate in \\u escape", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw SyntaxError("unpaired surrogate in \\u escape", at: escapeStart)
            }
            guard let u = Unicode.Scalar(scalar) else { throw SyntaxError("invalid \\u escape", at: escapeStart) }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        default:
            throw SyntaxError("invalid escape '\\\(PathSyntax.printable(e))' in string", at: escapeStart)
        }
    }

    private mutating func parseHex4(_ escapeStart: Int) throws(SyntaxError) -> UInt32 {
        guard pos + 4 <= end else { throw SyntaxError("\\u escape needs four hex digits", at: escapeStart) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt8
            if PathSyntax.isDigit(c) { d = c - 48 }
            else if (c | 0x20) &- 97 < 6 { d = (c | 0x20) - 87 }
            else { throw SyntaxError("\\u escape needs four hex digits", at: escapeStart) }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// RFC 8259 `number` over exactly `bytes[start..<end]`.
    private func isJSONNumber(_ start: Int, _ stop: Int) -> Bool {
        var i = start
        if i < stop, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < stop else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if PathSyntax.isDigit(bytes[i]) {
            while i < stop, PathSyntax.isDigit(bytes[i]) { i += 1 }
        } else {
            return false
        }
        if i < stop, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < stop, PathSyntax.isDigit(bytes[i]) else { return false }
            while i < stop, PathSyntax.isDigit(bytes[i]) { i += 1 }
        }
        if i < stop, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < stop, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < stop, PathSyntax.isDigit(bytes[i]) else { return false }
            while i < stop, PathSyntax.isDigit(bytes[i]) { i += 1 }
        }
        return i == stop
    }

    // MARK: - Lexical helpers

    private mutating func enterNesting(at offset: Int) throws(SyntaxError) {
        depth += 1
        if depth > FilterParser.maxDepth {
            throw SyntaxError("filter nests deeper than \(FilterParser.maxDepth) levels", at: offset)
        }
    }

    mutating func skipWhitespace() {
        while pos < end, PathSyntax.isWhitespace(bytes[pos]) { pos += 1 }
    }

    /// The end of the path-like token starting at `pos` (does not move `pos`).
    private func scanPathToken() -> Int {
        var i = pos
        while i < end, PathSyntax.isPathTokenChar(bytes[i]) { i += 1 }
        return i
    }

    private func isWord(_ word: StaticString, _ start: Int, _ stop: Int) -> Bool {
        guard stop - start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(stop - start) where bytes[start + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Consumes `and`/`or` (any case) when it is the next word; a following word boundary is required.
    private mutating func consumeKeyword(_ keyword: StaticString) throws(SyntaxError) -> Bool {
        skipWhitespace()
        let start = pos
        var i = pos
        while i < end, PathSyntax.isAlpha(bytes[i]) { i += 1 }
        guard isWord(keyword, start, i) else { return false }
        if i < end, PathSyntax.isPathTokenChar(bytes[i]) { return false }
        pos = i
        return true
    }

    private func unexpected(_ expectation: String) -> SyntaxError {
        var i = pos
        while i < end, PathSyntax.isPathTokenChar(bytes[i]) { i += 1 }
        let found = i > pos ? PathSyntax.excerpt(bytes, pos..<i) : PathSyntax.printable(bytes[pos])
        return SyntaxError("\(expectation), found '\(found)'", at: pos)
    }

    private func short(_ s: String) -> String {
        s.utf8.count <= 60 ? s : String(s.prefix(57)) + "…"
    }
}
