/// Settings of the SCIM endpoint.
public struct SCIMEndpointConfiguration: Sendable {
    /// The path under which the SCIM API lives (the seeds' format).
    public var basePath: String = "/api/v1/scim"
    /// The public origin, e.g. `https://scim.example.com`; when set, it is the only source of
    /// `meta.location` and the URLs shown to admins.
    public var publicBaseURL: String?
    /// Believe `X-Forwarded-Proto` / `X-Forwarded-Host` (set only behind a reverse proxy you run).
    public var trustProxy: Bool = false
    /// Page size when a client gives no `count`.
    public var defaultPageSize: Int = 100
    /// Largest page served; larger `count` values are clamped (RFC 7644 3.4.2.4).
    public var maxPageSize: Int = 1000
    /// Largest number of resources a filter may scan before it must be narrowed (none: 0).
    public var clock: @Sendable () -> Int64 = { defaultWallClockMilliseconds() }

    public init() {}
}
