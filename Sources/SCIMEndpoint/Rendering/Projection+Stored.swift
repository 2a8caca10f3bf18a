import SCIMCore

extension Projection {
    /// Projects a rendered stored resource. Stored resources never hold `returned: never` or
    /// `returned: request` attributes (input normalisation drops `password`, the only one in the
    /// schemas), so the default projection is the identity and costs nothing.
    func projectStored(_ resource: JSONObject, resolver: any AttributeResolver) -> JSONObject {
        isDefault ? resource : apply(to: resource, resolver: resolver)
    }
}
