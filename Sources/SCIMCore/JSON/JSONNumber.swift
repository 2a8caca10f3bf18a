/// A JSON number kept as the exact text it was written with, so large integers and decimals
/// round-trip byte for byte. Arithmetic views are derived on demand.
public struct JSONNumber: Sendable, Hashable {
    /// Text that matches RFC 8259's `number` production.
    public let text: String

    /// Wraps text already validated by the parser.
    init(validatedText: String) { self.text = validatedText }

    public init(_ value: Int) { self.text = String(value) }

    public init(_ value: Double) {
        if abs(value) < 1e15, let whole = Int(exactly: value) {
            self.text = String(whole)
        } else if value.isFinite {
            self.text = "\(value)"
        } else {
            self.text = "0"  // JSON has no NaN/Infinity.
        }
    }

    public var intValue: Int? { Int(text) }
    public var doubleValue: Double? { Double(text) }

    /// Exact numeric equality on the decimal value, so `1`, `1.0`, `10e-1` and `0.1e1` compare equal
    /// while `9007199254740993` and `9007199254740992` (equal as doubles) do not.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        return lhs.decimal == rhs.decimal
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(decimal)
    }

    /// The value as sign × 0.d₁d₂…dₙ-style digits × 10^scale with no leading or trailing zeros:
    /// one representation per decimal value.
    struct Decimal: Hashable {
        var negative: Bool
        var digits: [UInt8]
        var scale: Int
    }

    var decimal: Decimal {
        var negative = false
        var digits: [UInt8] = []
        var fractionLength = 0
        var exponent = 0
        var exponentNegative = false
        var inFraction = false
        var inExponent = false
        var utf8 = text.utf8.makeIterator()
        while let c = utf8.next() {
            switch c {
            case UInt8(ascii: "-"):
                if inExponent { exponentNegative = true } else { negative = true }
            case UInt8(ascii: "+"):
                break
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    // Saturate: exponents this large are never meaningful, only hostile.
                    if exponent < 1 << 40 { exponent = exponent * 10 + Int(c - UInt8(ascii: "0")) }
                } else {
                    if digits.isEmpty && c == UInt8(ascii: "0") {
                        if inFraction { fractionLength += 1 }
                        continue  // leading zero
                    }
                    digits.append(c)
                    if inFraction { fractionLength += 1 }
                }
            default:
                break
            }
        }
        var trailingZeros = 0
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast(); trailingZeros += 1 }
        if digits.isEmpty { return Decimal(negative: false, digits: [], scale: 0) }
        let scale = (exponentNegative ? -exponent : exponent) - fractionLength + trailingZeros
        return Decimal(negative: negative, digits: digits, scale: scale)
    }
}

extension JSONNumber {
    /// True when the value is a whole number (`3`, `-0`, `3.0`, `30e-1`, `1e400`).
    public var isInteger: Bool { decimal.scale >= 0 }
}
