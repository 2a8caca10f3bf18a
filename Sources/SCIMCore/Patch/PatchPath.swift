/// The `path` of a PATCH operation (RFC 7644 section 3.5.2):
/// `attrPath` | `valuePath [ "." subAttr ]`, e.g. `members`, `name.familyName`,
/// `members[value eq "2819c223"]`, `emails[type eq "work"].value`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
public struct PatchPath: Sendable, Hashable, CustomStringConvertible {
    /// The attribute addressed (schema URN and sub-attribute as written, when no filter is present).
    public var attribute: AttributePath
    /// The element filter of a value path, relative to each element.
    public var valueFilter: FilterExpression?
    /// The sub-attribute after a value filter (`emails[type eq "work"].value` → "value").
    public var filteredSubAttribute: String?

    public init(attribute: AttributePath, valueFilter: FilterExpression? = nil, filteredSubAttribute: String? = nil) {
        self.attribute = attribute
        self.valueFilter = valueFilter
        self.filteredSubAttribute = filteredSubAttribute
    }

    public var description: String {
        var s = attribute.description
        if valueFilter != nil { s += "[…]" }
        if let sub = filteredSubAttribute { s += "." + sub }
        return s
    }
}
