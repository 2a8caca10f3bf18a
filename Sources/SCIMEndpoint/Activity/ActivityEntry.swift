/// One SCIM request as the admin's activity page shows it.
public struct ActivityEntry: Sendable {
    public var time: Int64            // ms since epoch
    public var integrationID: String? // nil when the token matched no integration
    public var method: String
    /// Decoded path and query (filters are shown: an admin debugging "Test connection" needs them).
    public var target: String
    public var status: Int
    public var scimType: String?
    public var detail: String?
    public var durationMicros: Int64
    /// What changed, in a few words ("created user alice@example.com", "deleted group Sales").
    public var summary: String?
    /// The id of the user or group the request created or addressed, when known.
    public var resourceID: String?

    public init(time: Int64, integrationID: String?, method: String, target: String, status: Int,
                scimType: String? = nil, detail: String? = nil, durationMicros: Int64 = 0, summary: String? = nil,
                resourceID: String? = nil) {
        self.time = time; self.integrationID = integrationID; self.method = method; self.target = target
        self.status = status; self.scimType = scimType; self.detail = detail; self.durationMicros = durationMicros
        self.summary = summary
        self.resourceID = resourceID
    }
}
