/// Resolves an attribute path to its schema definition, for one resource type (User or Group).
///
/// Filters use it for `caseExact`, data types (dateTime compared as instants) and multi-valuedness;
/// PATCH and projection use it for mutability and `returned`. Unknown paths resolve to nil.
public protocol AttributeResolver: Sendable {
    /// The definition of `path.attribute` (top level, or inside the extension schema named by
    /// `path.schemaURN`), ignoring `path.subAttribute`.
    func attribute(for path: AttributePath) -> SchemaAttribute?
}

extension AttributeResolver {
    /// The definition of the sub-attribute when the path has one, else of the attribute.
    public func leafAttribute(for path: AttributePath) -> SchemaAttribute? {
        guard let top = attribute(for: path) else { return nil }
        guard let sub = path.subAttribute else { return top }
        return top.subAttribute(named: sub)
    }
}
