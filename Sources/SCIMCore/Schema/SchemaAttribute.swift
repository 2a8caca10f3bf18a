/// One attribute definition of RFC 7643 section 7: what `/Schemas` serves and what every other part
/// of the core (input normalisation, filters, PATCH, projection, sorting) consults.
public struct SchemaAttribute: Sendable, Equatable {
    public enum DataType: String, Sendable { case string, boolean, decimal, integer, dateTime, reference, binary, complex }
    public enum Mutability: String, Sendable { case readOnly, readWrite, immutable, writeOnly }
    public enum Returned: String, Sendable { case always, never, `default`, request }
    public enum Uniqueness: String, Sendable { case none, server, global }

    public var name: String
    public var type: DataType
    public var multiValued: Bool
    public var description: String
    public var required: Bool
    public var caseExact: Bool
    public var mutability: Mutability
    public var returned: Returned
    public var uniqueness: Uniqueness
    public var canonicalValues: [String]
    public var referenceTypes: [String]
    public var subAttributes: [SchemaAttribute]

    public init(
        name: String, type: DataType, multiValued: Bool = false, description: String = "", required: Bool = false,
        caseExact: Bool = false, mutability: Mutability = .readWrite, returned: Returned = .default,
        uniqueness: Uniqueness = .none, canonicalValues: [String] = [], referenceTypes: [String] = [],
        subAttributes: [SchemaAttribute] = []
    ) {
        self.name = name; self.type = type; self.multiValued = multiValued; self.description = description
        self.required = required; self.caseExact = caseExact; self.mutability = mutability; self.returned = returned
        self.uniqueness = uniqueness; self.canonicalValues = canonicalValues; self.referenceTypes = referenceTypes
        self.subAttributes = subAttributes
    }

    /// The sub-attribute named `name`, ignoring case.
    public func subAttribute(named name: String) -> SchemaAttribute? {
        subAttributes.first { asciiCaseInsensitiveEquals($0.name, name) }
    }
}
