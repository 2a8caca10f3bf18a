extension ResourceSchema {
    /// The core Group schema (RFC 7643 sections 4.2 and 8.7.1). `displayName` is required and unique
    /// per integration (what Entra and JumpCloud expect); member sub-attributes are immutable: members
    /// are added and removed, never edited.
    public static let group = ResourceSchema(
        id: SCIMSchemaURN.group, name: "Group", description: "Group",
        attributes: [
            SchemaAttribute(name: "displayName", type: .string,
                            description: "A human-readable name for the Group. Unique per service provider, compared case-insensitively.",
                            required: true, uniqueness: .server),
            SchemaAttribute(name: "members", type: .complex, multiValued: true, description: "A list of members of the Group.", subAttributes: [
                SchemaAttribute(name: "value", type: .string, description: "The id of the member resource.", required: true,
                                caseExact: true, mutability: .immutable),
                SchemaAttribute(name: "$ref", type: .reference, description: "The URI of the member resource.",
                                mutability: .immutable, referenceTypes: ["User", "Group"]),
                SchemaAttribute(name: "type", type: .string, description: "The type of the member resource.",
                                mutability: .immutable, canonicalValues: ["User", "Group"]),
                SchemaAttribute(name: "display", type: .string, description: "A human-readable name for the member, as the client sent it.",
                                mutability: .immutable),
            ]),
        ])
}
