/// What the endpoint learned about a request, for the access log and the activity page.
public struct SCIMRequestInfo: Sendable {
    public var integrationID: String?
    public var integrationName: String?
    public var scimType: String?
    public var detail: String?
    /// A short description of the change made ("created user alice").
    public var summary: String?

    public init() {}
}
