/// One line of the groups table.
public struct AdminGroupRow: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var externalId: String?
    public var integrationID: String
    public var integrationName: String
    public var memberCount: Int

    public init(id: String, displayName: String, externalId: String? = nil, integrationID: String,
                integrationName: String, memberCount: Int = 0) {
        self.id = id
        self.displayName = displayName
        self.externalId = externalId
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.memberCount = memberCount
    }
}
