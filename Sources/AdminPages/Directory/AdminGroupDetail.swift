/// Everything the group page shows.
public struct AdminGroupDetail: Sendable {
    public var row: AdminGroupRow
    /// The requested page of members (`row.memberCount` counts all of them).
    public var members: [AdminGroupMember]
    /// ms since the epoch, when known.
    public var createdAt: Int64?
    public var lastModified: Int64?

    public init(row: AdminGroupRow, members: [AdminGroupMember], createdAt: Int64? = nil, lastModified: Int64? = nil) {
        self.row = row
        self.members = members
        self.createdAt = createdAt
        self.lastModified = lastModified
    }
}
