/// The fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormData: Sendable {
    /// Fields in order; a name may repeat.
    private(set) var fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// Parses `a=1&b=two+words`. Fields whose name or value is not valid percent-encoded UTF-8 are
    /// dropped (a malformed field never reaches a handler); at most `maxFields` are kept.
    init(urlEncoded text: String, maxFields: Int = 200) {
        fields = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            if fields.count >= maxFields { break }
            let name: Substring
            let value: Substring
            if let eq = pair.firstIndex(of: "=") {
                name = pair[..<eq]
                value = pair[pair.index(after: eq)...]
            } else {
                name = pair
                value = ""
            }
            guard let n = PercentEncoding.decode(name, plusAsSpace: true),
                  let v = PercentEncoding.decode(value, plusAsSpace: true) else { continue }
            fields.append((n, v))
        }
    }

    init(body: [UInt8]) {
        self.init(urlEncoded: String(decoding: body, as: UTF8.self))
    }

    /// The first value of `name`.
    subscript(name: String) -> String? {
        for f in fields where f.name == name { return f.value }
        return nil
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    func nonEmpty(_ name: String) -> String? {
        guard let v = self[name]?.trimmingWhitespace, !v.isEmpty else { return nil }
        return v
    }

    /// A positive integer field, clamped to `range`.
    /// An integer field clamped to `range` (absurdly long numbers clamp too); nil when absent or not a number.
    func int(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let s = self[name], !s.isEmpty else { return nil }
        let negative = s.hasPrefix("-")
        let digits = negative ? s.dropFirst() : Substring(s)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard digits.utf8.count <= 15, let magnitude = Int(digits) else { return negative ? range.lowerBound : range.upperBound }
        let v = negative ? -magnitude : magnitude
        return min(max(v, range.lowerBound), range.upperBound)
    }

    /// `?a=1&b=2` from pairs, skipping nil values; "" when nothing is left.
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { pair -> String? in
            guard let v = pair.1 else { return nil }
            return PercentEncoding.encode(pair.0) + "=" + PercentEncoding.encode(v)
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

extension String {
    /// Without leading and trailing ASCII whitespace.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
