/// An attribute reference as filters, PATCH paths, `attributes=`, and `sortBy` write it:
/// `[schemaURN:]attribute[.subAttribute]`, e.g. `name.givenName`, `emails.value`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
/// Names are kept as written; comparisons against schemas are case-insensitive.
public struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The schema URN prefix when one was written (without the trailing colon).
    public var schemaURN: String?
    public var attribute: String
    public var subAttribute: String?

    public init(schemaURN: String? = nil, attribute: String, subAttribute: String? = nil) {
        self.schemaURN = schemaURN
        self.attribute = attribute
        self.subAttribute = subAttribute
    }

    public var description: String {
        var s = schemaURN.map { $0 + ":" } ?? ""
        s += attribute
        if let sub = subAttribute { s += "." + sub }
        return s
    }
}
