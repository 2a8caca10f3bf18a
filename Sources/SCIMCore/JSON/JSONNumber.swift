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

    /// Numeric equality, so `1`, `1.0` and `1e0` compare equal.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        guard let l = lhs.doubleValue, let r = rhs.doubleValue else { return false }
        return l == r
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue ?? 0)
    }
}
