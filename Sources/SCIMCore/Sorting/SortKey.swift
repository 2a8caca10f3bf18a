/// A sort value prepared once for repeated comparison: strings already case-folded (unless
/// caseExact), dateTimes already parsed. Its order is `ValueComparison.compare`'s, extended to a
/// total order: missing values after everything, and values of different kinds by kind
/// (booleans, numbers, instants, strings).
struct SortKey: Sendable {
    private enum Value: Sendable {
        case bool(Bool)
        case number(JSONNumber)
        case instant(Int64, Int32)
        case string(String)
        case missing
    }

    private let value: Value

    init(_ v: JSONValue?, _ attribute: SchemaAttribute?) {
        switch v {
        case .bool(let b):
            value = .bool(b)
        case .number(let n):
            value = .number(n)
        case .string(let s):
            let type = attribute?.type
            if type == .dateTime, let t = SCIMDateTime.parse(s) {
                value = .instant(t.seconds, t.nanos)
            } else if type == .boolean, let b = ValueComparison.booleanText(s) {
                value = .bool(b)
            } else if type == .integer || type == .decimal, let d = Double(s), d.isFinite {
                value = .number(JSONNumber(d))
            } else if attribute?.caseExact ?? false {
                value = .string(s)
            } else {
                value = .string(ValueComparison.isASCII(s) ? s.asciiLowercased : s.lowercased())
            }
        default:
            value = .missing
        }
    }

    private var rank: Int {
        switch value {
        case .bool: return 0
        case .number: return 1
        case .instant: return 2
        case .string: return 3
        case .missing: return 4
        }
    }

    /// -1, 0 or 1, ascending (missing last).
    func compare(_ other: SortKey) -> Int {
        switch (value, other.value) {
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        case (.number(let a), .number(let b)):
            return ValueComparison.compareNumbers(a, b) ?? 0
        case (.instant(let s1, let n1), .instant(let s2, let n2)):
            return (s1, n1) < (s2, n2) ? -1 : ((s1, n1) == (s2, n2) ? 0 : 1)
        case (.string(let a), .string(let b)):
            return ValueComparison.compareStrings(a, b, caseExact: true)  // already folded when needed
        default:
            let r1 = rank, r2 = other.rank
            return r1 < r2 ? -1 : (r1 == r2 ? 0 : 1)
        }
    }
}
