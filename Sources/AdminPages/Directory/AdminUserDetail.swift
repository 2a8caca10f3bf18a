import SCIMCore

/// Everything the user page shows.
public struct AdminUserDetail: Sendable {
    public var row: AdminUserRow
    /// Every stored attribute (the SCIM resource as stored, extension objects included).
    public var attributes: JSONObject
    /// All of the user's groups.
    public var groups: [AdminGroupRef]
    /// The resource as the SCIM API returns it, pretty-printed (see `AdminJSONFormatter`).
    public var rawJSON: String
    /// ms since the epoch (meta.created / meta.lastModified), when known.
    public var createdAt: Int64?
    public var lastModified: Int64?

    public init(row: AdminUserRow, attributes: JSONObject, groups: [AdminGroupRef], rawJSON: String,
                createdAt: Int64? = nil, lastModified: Int64? = nil) {
        self.row = row
        self.attributes = attributes
        self.groups = groups
        self.rawJSON = rawJSON
        self.createdAt = createdAt
        self.lastModified = lastModified
    }
}
