/// Limits on password guessing (ASVS 6.3.1; ASVS 4 2.2.1: at most 100 failures an hour per account).
public struct AdminLoginThrottleSettings: Sendable, Equatable {
    /// Failed logins (or setup codes) allowed per client address within `addressWindowSeconds`.
    public var maxFailuresPerAddress: Int
    public var addressWindowSeconds: Int64
    /// Failed logins allowed from all addresses together within `globalWindowSeconds` (there is one account).
    public var maxFailuresGlobal: Int
    public var globalWindowSeconds: Int64
    /// Password hashes computed at once (PBKDF2 at 600,000 iterations takes ~0.3 s of one core).
    public var maxConcurrentVerifications: Int
    /// Attempts waiting for a verification slot; beyond that the login is refused with 503.
    public var maxQueuedVerifications: Int
    /// How many client addresses the throttle remembers (the oldest are forgotten first).
    public var maxTrackedAddresses: Int

    public init(maxFailuresPerAddress: Int = 5, addressWindowSeconds: Int64 = 15 * 60,
                maxFailuresGlobal: Int = 100, globalWindowSeconds: Int64 = 60 * 60,
                maxConcurrentVerifications: Int = 2, maxQueuedVerifications: Int = 16,
                maxTrackedAddresses: Int = 10_000) {
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.addressWindowSeconds = addressWindowSeconds
        self.maxFailuresGlobal = maxFailuresGlobal
        self.globalWindowSeconds = globalWindowSeconds
        self.maxConcurrentVerifications = maxConcurrentVerifications
        self.maxQueuedVerifications = maxQueuedVerifications
        self.maxTrackedAddresses = maxTrackedAddresses
    }
}
