/// A piece of HTML that is safe to send.
///
/// Literal parts are `StaticString`s, so they can only come from this module's source code; every
/// interpolated `String` goes through `HTML.escape`, the one escaping function of the admin pages,
/// which is correct both in text and inside double-quoted attribute values. IdP data therefore
/// cannot become markup: writing it raw would need `HTML(trusted:)`, which takes only constants.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public typealias StringLiteralType = StaticString

    public private(set) var text: String

    public init() { text = "" }

    public init(stringLiteral value: StaticString) { text = value.description }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup from a constant of this module (the stylesheet, the copy script).
    init(trusted constant: StaticString) { text = constant.description }

    /// Escaped text as HTML.
    public init(escaping value: String) {
        text = ""
        HTML.escape(value, into: &text)
    }

    public var description: String { text }

    public mutating func append(_ other: HTML) { text += other.text }

    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        var out = lhs
        out.append(rhs)
        return out
    }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.append(rhs) }

    /// The fragments one after another.
    public static func join(_ parts: [HTML], separator: HTML = HTML()) -> HTML {
        var out = HTML()
        for (i, p) in parts.enumerated() {
            if i > 0 { out.append(separator) }
            out.append(p)
        }
        return out
    }

    public struct Interpolation: StringInterpolationProtocol {
        public typealias StringLiteralType = StaticString
        var text: String

        public init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        public mutating func appendLiteral(_ literal: StaticString) { text += literal.description }

        /// Text: always escaped.
        public mutating func appendInterpolation(_ value: String) { HTML.escape(value, into: &text) }

        /// Optional text: escaped, nothing for nil.
        public mutating func appendInterpolation(_ value: String?) {
            if let value { HTML.escape(value, into: &text) }
        }

        public mutating func appendInterpolation(_ value: HTML) { text += value.text }

        public mutating func appendInterpolation(_ values: [HTML]) { for v in values { text += v.text } }

        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
    }

    /// Escapes `& < > " '` (and replaces NUL, which HTML parsers turn into U+FFFD anyway).
    /// Safe in element content and in double- or single-quoted attribute values; never used to
    /// build URLs' schemes, scripts or styles (IdP data never goes there).
    public static func escape(_ value: String) -> String {
        var out = ""
        escape(value, into: &out)
        return out
    }

    public static func escape(_ value: String, into out: inout String) {
        // Fast path: nothing to escape.
        if !value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0 }) {
            out += value
            return
        }
        out.reserveCapacity(out.utf8.count + value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
