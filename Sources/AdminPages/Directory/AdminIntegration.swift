/// One IdP connection as the admin pages show it.
public struct AdminIntegration: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Milliseconds since the Unix epoch.
    public var createdAt: Int64
    public var userCount: Int
    public var groupCount: Int
    /// A recognisable, non-secret part of the current token (`BearerToken.hint`).
    public var tokenHint: String
    /// When the current token was issued (creation or last rotation), ms since the epoch.
    public var tokenIssuedAt: Int64?
    /// The last SCIM request this integration's token made, if any.
    public var lastRequest: AdminActivity?

    public init(id: String, name: String, createdAt: Int64, userCount: Int = 0, groupCount: Int = 0,
                tokenHint: String, tokenIssuedAt: Int64? = nil, lastRequest: AdminActivity? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.userCount = userCount
        self.groupCount = groupCount
        self.tokenHint = tokenHint
        self.tokenIssuedAt = tokenIssuedAt
        self.lastRequest = lastRequest
    }
}
