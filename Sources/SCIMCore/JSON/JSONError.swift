/// Why a byte sequence is not acceptable JSON, and where.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidNumber
        case invalidEscape
        case invalidUnicodeEscape
        case unpairedSurrogate
        case invalidUTF8
        case controlCharacterInString
        case duplicateKey(String)
        case tooDeep(limit: Int)
        case trailingData
    }
    public let kind: Kind
    /// Byte offset into the input where the problem was found.
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) { self.kind = kind; self.offset = offset }

    public var description: String {
        let what: String
        switch kind {
        case .unexpectedEnd: what = "unexpected end of input"
        case .unexpectedByte(let b):
            what = b >= 0x20 && b < 0x7f ? "unexpected character '\(Character(Unicode.Scalar(b)))'" : "unexpected byte 0x\(String(b, radix: 16))"
        case .invalidNumber: what = "invalid number"
        case .invalidEscape: what = "invalid escape sequence"
        case .invalidUnicodeEscape: what = "invalid \\u escape"
        case .unpairedSurrogate: what = "unpaired UTF-16 surrogate in \\u escape"
        case .invalidUTF8: what = "invalid UTF-8"
        case .controlCharacterInString: what = "unescaped control character in string"
        case .duplicateKey(let k): what = "duplicate key \"\(k)\""
        case .tooDeep(let limit): what = "nesting deeper than \(limit) levels"
        case .trailingData: what = "data after the JSON value"
        }
        return "\(what) at byte \(offset)"
    }
}
