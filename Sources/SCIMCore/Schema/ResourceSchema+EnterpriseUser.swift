extension ResourceSchema {
    /// The Enterprise User extension (RFC 7643 sections 4.3 and 8.7.1).
    public static let enterpriseUser = ResourceSchema(
        id: SCIMSchemaURN.enterpriseUser, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            SchemaAttribute(name: "employeeNumber", type: .string, description: "A string identifier of the User within the organization."),
            SchemaAttribute(name: "costCenter", type: .string, description: "The name of a cost center."),
            SchemaAttribute(name: "organization", type: .string, description: "The name of an organization."),
            SchemaAttribute(name: "division", type: .string, description: "The name of a division."),
            SchemaAttribute(name: "department", type: .string, description: "The name of a department."),
            SchemaAttribute(name: "manager", type: .complex, description: "The User's manager.", subAttributes: [
                SchemaAttribute(name: "value", type: .string, description: "The id of the SCIM resource representing the User's manager."),
                SchemaAttribute(name: "$ref", type: .reference, description: "The URI of the SCIM resource representing the User's manager.",
                                referenceTypes: ["User"]),
                SchemaAttribute(name: "displayName", type: .string, description: "The displayName of the User's manager.",
                                mutability: .readOnly),
            ]),
        ])
}
