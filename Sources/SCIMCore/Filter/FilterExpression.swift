/// The syntax tree of an RFC 7644 section 3.4.2.2 filter.
public indirect enum FilterExpression: Sendable, Hashable {
    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case eq, ne, co, sw, ew, gt, ge, lt, le
    }

    /// `attrPath op compValue`; the value is a JSON literal (string, number, true/false, null).
    case comparison(AttributePath, ComparisonOperator, JSONValue)
    /// `attrPath pr`
    case present(AttributePath)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    /// `attrPath[valFilter]`: true when some element of the multi-valued attribute matches the inner
    /// filter, whose paths are relative to the element (e.g. `emails[type eq "work"]`).
    case valuePath(AttributePath, FilterExpression)
}
