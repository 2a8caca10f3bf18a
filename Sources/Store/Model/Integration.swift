/// One identity-provider connection: a unique name, one bearer token (kept only as a hash), and
/// its own users and groups.
public struct Integration: Sendable, Equatable {
    /// UUID string.
    public let id: String
    /// Unique, case-insensitively.
    public var name: String
    /// SHA-256 of the bearer token (never the token).
    public var tokenHash: [UInt8]
    /// For display, e.g. "scimd_…a1b2".
    public var tokenHint: String
    /// Milliseconds since the Unix epoch, UTC.
    public let createdAt: Int64
    public var tokenRotatedAt: Int64

    public init(id: String, name: String, tokenHash: [UInt8], tokenHint: String, createdAt: Int64, tokenRotatedAt: Int64) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.tokenHint = tokenHint
        self.createdAt = createdAt
        self.tokenRotatedAt = tokenRotatedAt
    }
}
