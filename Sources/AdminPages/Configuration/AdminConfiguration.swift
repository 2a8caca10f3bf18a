import Crypto
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How the admin pages are set up. Every field has a default except the directory (given to `AdminApp`).
public struct AdminConfiguration: Sendable {
    /// The externally visible origin, e.g. "https://scim.example.com" (no path). When nil, URLs are
    /// built from the request (`Host`, or `X-Forwarded-Host`/`-Proto` when `trustProxy`).
    public var publicBaseURL: String?
    /// Believe `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` (only behind a proxy that sets them).
    public var trustProxy: Bool
    /// The one-time code printed at first start; `/setup?code=…` works once and only while no
    /// password is set. nil = setup only through the CLI.
    public var setupCode: String?
    /// Wall clock, milliseconds since the Unix epoch (injected so tests can move time).
    public var clock: @Sendable () -> Int64
    public var loginThrottle: AdminLoginThrottleSettings
    /// PBKDF2 iterations for a password set on the setup page.
    public var passwordIterations: Int
    public var sessionIdleTimeoutSeconds: Int64
    public var sessionAbsoluteTimeoutSeconds: Int64
    /// Where the SCIM API is mounted (shown to the admin as `{base}{scimBasePath}`).
    public var scimBasePath: String
    public var productName: String
    /// Runs the slow password work (PBKDF2) off the event loop. Default: a global Dispatch queue.
    public var backgroundExecutor: @Sendable (@escaping @Sendable () -> Void) -> Void
    /// Called for every security-relevant admin action (sign-in, setup, integration changes); may
    /// run on any thread. Default: ignore.
    public var audit: @Sendable (AdminAuditEvent) -> Void

    public init(publicBaseURL: String? = nil,
                trustProxy: Bool = false,
                setupCode: String? = nil,
                clock: @escaping @Sendable () -> Int64 = AdminConfiguration.systemClock,
                loginThrottle: AdminLoginThrottleSettings = AdminLoginThrottleSettings(),
                passwordIterations: Int = PasswordHasher.defaultIterations,
                sessionIdleTimeoutSeconds: Int64 = 30 * 60,
                sessionAbsoluteTimeoutSeconds: Int64 = 12 * 60 * 60,
                scimBasePath: String = "/api/v1/scim",
                productName: String = "scimd",
                backgroundExecutor: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = AdminConfiguration.dispatchExecutor,
                audit: @escaping @Sendable (AdminAuditEvent) -> Void = { _ in }) {
        self.publicBaseURL = publicBaseURL
        self.trustProxy = trustProxy
        self.setupCode = setupCode
        self.clock = clock
        self.loginThrottle = loginThrottle
        self.passwordIterations = passwordIterations
        self.sessionIdleTimeoutSeconds = sessionIdleTimeoutSeconds
        self.sessionAbsoluteTimeoutSeconds = sessionAbsoluteTimeoutSeconds
        self.scimBasePath = scimBasePath
        self.productName = productName
        self.backgroundExecutor = backgroundExecutor
        self.audit = audit
    }

    /// CLOCK_REALTIME in milliseconds.
    public static let systemClock: @Sendable () -> Int64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    public static let dispatchExecutor: @Sendable (@escaping @Sendable () -> Void) -> Void = { job in
        DispatchQueue.global(qos: .userInitiated).async(execute: job)
    }
}
