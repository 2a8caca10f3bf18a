/// The one value comparison of the core, shared by filter evaluation and sorting, so `eq` and
/// `sortBy` agree on what "equal" and "before" mean:
///
/// - strings: case-insensitive unless the attribute is `caseExact` (unknown attributes are
///   case-insensitive); ordering is by Unicode code point of the (case-folded) text;
/// - dateTime attributes: chronological, comparing instants when both sides parse (otherwise as
///   strings);
/// - numbers: numerically (exact for integers, else as doubles);
/// - booleans: `false` before `true`; a string `"true"`/`"false"` (any case) counts as a boolean,
///   as IdPs send booleans as strings;
/// - a number against a string: numerically for integer/decimal attributes when the string is a
///   number, otherwise as text (`externalId eq 701984` matches `"701984"`).
///
/// Objects, arrays and null compare with nothing (`nil`).
public enum ValueComparison {
    /// -1, 0 or 1 when `a` is before, equal to or after `b` under `attribute`'s rules; nil when
    /// the two cannot be compared.
    public static func compare(_ a: JSONValue, _ b: JSONValue, attribute: SchemaAttribute?) -> Int? {
        let caseExact = attribute?.caseExact ?? false
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if attribute?.type == .dateTime, let tx = SCIMDateTime.parse(x), let ty = SCIMDateTime.parse(y) {
                return tx < ty ? -1 : (tx == ty ? 0 : 1)
            }
            return compareStrings(x, y, caseExact: caseExact)
        case (.number(let x), .number(let y)):
            return compareNumbers(x, y)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.bool(let x), .string(let y)):
            guard let yb = booleanText(y) else { return nil }
            return x == yb ? 0 : (x ? 1 : -1)
        case (.string(let x), .bool(let y)):
            guard let xb = booleanText(x) else { return nil }
            return xb == y ? 0 : (xb ? 1 : -1)
        case (.number(let x), .string(let y)):
            return compareMixed(number: x, string: y, attribute: attribute, caseExact: caseExact)
        case (.string(let x), .number(let y)):
            return compareMixed(number: y, string: x, attribute: attribute, caseExact: caseExact).map { -$0 }
        default:
            return nil
        }
    }

    /// Equality under `attribute`'s rules (what filter `eq` means).
    public static func equals(_ a: JSONValue, _ b: JSONValue, attribute: SchemaAttribute?) -> Bool {
        if case .string(let x) = a, case .string(let y) = b, attribute?.type != .dateTime {
            return stringsEqual(x, y, caseExact: attribute?.caseExact ?? false)
        }
        return compare(a, b, attribute: attribute) == 0
    }

    /// Case-aware string equality; canonical equivalence applies when case-exact.
    public static func stringsEqual(_ x: String, _ y: String, caseExact: Bool) -> Bool {
        if caseExact { return x == y }
        if isASCII(x) && isASCII(y) { return asciiCaseInsensitiveEquals(x, y) }
        return x.lowercased() == y.lowercased()
    }

    /// The key under which two strings are the same exactly when `stringsEqual(_:_:caseExact: false)`
    /// calls them equal. Indexes of case-insensitive unique names (userName, Group displayName) use
    /// it, so the uniqueness check and an `eq` filter agree (Entra reads a 409 after an empty filter
    /// as a broken filter).
    public static func caseInsensitiveKey(_ s: String) -> String {
        isASCII(s) ? s.asciiLowercased : s.lowercased()
    }

    /// Code-point order of the two strings, case-folded unless `caseExact`.
    public static func compareStrings(_ x: String, _ y: String, caseExact: Bool) -> Int {
        if caseExact || (isASCII(x) && isASCII(y)) {
            return compareUTF8(x, y, foldASCII: !caseExact)
        }
        return compareUTF8(x.lowercased(), y.lowercased(), foldASCII: true)
    }

    public enum SubstringMatch: Sendable { case contains, prefix, suffix }

    /// `co`, `sw`, `ew` on strings, honouring case-exactness.
    public static func matches(_ haystack: String, _ needle: String, _ kind: SubstringMatch, caseExact: Bool) -> Bool {
        if caseExact || (isASCII(haystack) && isASCII(needle)) {
            return substringMatch(haystack, needle, kind, foldASCII: !caseExact)
        }
        return substringMatch(haystack.lowercased(), needle.lowercased(), kind, foldASCII: true)
    }

    // MARK: - Internals

    static func booleanText(_ s: String) -> Bool? {
        if asciiCaseInsensitiveEquals(s, "true") { return true }
        if asciiCaseInsensitiveEquals(s, "false") { return false }
        return nil
    }

    static func compareNumbers(_ x: JSONNumber, _ y: JSONNumber) -> Int? {
        if let a = Int(x.text), let b = Int(y.text) { return a < b ? -1 : (a == b ? 0 : 1) }
        guard let a = x.doubleValue, let b = y.doubleValue else { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    private static func compareMixed(number: JSONNumber, string: String, attribute: SchemaAttribute?, caseExact: Bool) -> Int? {
        if attribute?.type == .integer || attribute?.type == .decimal {
            guard let d = Double(string), d.isFinite else { return nil }
            return compareNumbers(number, JSONNumber(d))
        }
        return compareStrings(number.text, string, caseExact: caseExact)
    }

    @inline(__always) static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { p in
            for b in p where b >= 0x80 { return false }
            return true
        }
    }

    @inline(__always) private static func fold(_ c: UInt8, _ on: Bool) -> UInt8 {
        on && c &- 65 < 26 ? c | 0x20 : c
    }

    private static func compareUTF8(_ x: String, _ y: String, foldASCII: Bool) -> Int {
        var x = x, y = y
        return x.withUTF8 { a in
            y.withUTF8 { b in
                let n = min(a.count, b.count)
                for i in 0..<n {
                    let ca = fold(a[i], foldASCII), cb = fold(b[i], foldASCII)
                    if ca != cb { return ca < cb ? -1 : 1 }
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
    }

    private static func substringMatch(_ h: String, _ n: String, _ kind: SubstringMatch, foldASCII: Bool) -> Bool {
        var h = h, n = n
        return h.withUTF8 { hay in
            n.withUTF8 { needle in
                let hc = hay.count, nc = needle.count
                guard nc <= hc else { return false }
                if nc == 0 { return true }
                func matchAt(_ start: Int) -> Bool {
                    for k in 0..<nc where fold(hay[start + k], foldASCII) != fold(needle[k], foldASCII) { return false }
                    return true
                }
                switch kind {
                case .prefix: return matchAt(0)
                case .suffix: return matchAt(hc - nc)
                case .contains:
                    let first = fold(needle[0], foldASCII)
                    var i = 0
                    while i <= hc - nc {
                        if fold(hay[i], foldASCII) == first && matchAt(i) { return true }
                        i += 1
                    }
                    return false
                }
            }
        }
    }
}
