/// One SCIM request as the activity page shows it.
public struct AdminActivity: Sendable, Equatable {
    /// Milliseconds since the Unix epoch.
    public var time: Int64
    public var integrationID: String
    public var integrationName: String
    public var method: String
    /// The request path as received (e.g. `/api/v1/scim/Users/2819c223`), without the query.
    public var path: String
    public var status: Int
    public var scimType: String?
    /// The error detail, or a note such as which member ids were skipped.
    public var detail: String?
    public var durationMs: Double
    /// The id of the resource the request created or addressed, when known (a POST's new id).
    public var resourceID: String?

    public init(time: Int64, integrationID: String, integrationName: String, method: String, path: String,
                status: Int, scimType: String? = nil, detail: String? = nil, durationMs: Double = 0,
                resourceID: String? = nil) {
        self.time = time
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.method = method
        self.path = path
        self.status = status
        self.scimType = scimType
        self.detail = detail
        self.durationMs = durationMs
        self.resourceID = resourceID
    }

    public var isFailure: Bool { status >= 400 }
}
