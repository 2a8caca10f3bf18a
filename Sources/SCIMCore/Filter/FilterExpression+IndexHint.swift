extension FilterExpression {
    /// An equality the store can answer from an index before evaluating the whole filter:
    /// `X eq "string"` where X is a plain top-level attribute (no sub-attribute; a URN qualifier only
    /// if it is a core schema URN, which is dropped from the returned path). For `and`, the first
    /// such conjunct, left first. Nil for `or`, `not` and everything else.
    ///
    /// The store must still evaluate the full filter on the candidates (the conjunct is necessary,
    /// not sufficient), and must apply the attribute's case rules itself (userName is
    /// case-insensitive, id and externalId are case-exact).
    public var indexableEquality: (path: AttributePath, value: String)? {
        switch self {
        case .comparison(let path, .eq, .string(let value)):
            guard path.subAttribute == nil, path.isCoreAttribute else { return nil }
            return (path.withoutCoreSchemaURN, value)
        case .and(let l, let r):
            return l.indexableEquality ?? r.indexableEquality
        default:
            return nil
        }
    }
}
