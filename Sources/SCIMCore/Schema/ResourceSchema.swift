/// One schema of RFC 7643 section 7: an id URN, a name, and its attribute definitions. The core
/// User and Group schemas and the Enterprise User extension are static values (`.user`, `.group`,
/// `.enterpriseUser`); what `/Schemas` serves is rendered from them (`DiscoveryJSON`).
public struct ResourceSchema: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var attributes: [SchemaAttribute]

    public init(id: String, name: String, description: String, attributes: [SchemaAttribute]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }

    /// The top-level attribute named `name`, ignoring case.
    public func attribute(named name: String) -> SchemaAttribute? {
        attributes.first { asciiCaseInsensitiveEquals($0.name, name) }
    }
}
