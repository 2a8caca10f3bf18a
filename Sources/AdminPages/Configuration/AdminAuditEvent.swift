/// Security-relevant admin actions, for the executable's log (ASVS 16.3). Never carries a
/// password, token or session id.
public enum AdminAuditEvent: Sendable, Equatable {
    case loginSucceeded(address: String)
    case loginFailed(address: String)
    /// Refused before checking the password: too many failures (429).
    case loginThrottled(address: String)
    case signedOut(address: String)
    case setupCodeRejected(address: String)
    case setupCompleted(address: String)
    case integrationCreated(id: String, name: String, address: String)
    case integrationRenamed(id: String, name: String, address: String)
    case tokenRotated(id: String, name: String, address: String)
    case integrationDeleted(id: String, name: String, address: String)

    /// A short machine-readable name ("login_failed", ...).
    public var name: String {
        switch self {
        case .loginSucceeded: return "login_succeeded"
        case .loginFailed: return "login_failed"
        case .loginThrottled: return "login_throttled"
        case .signedOut: return "signed_out"
        case .setupCodeRejected: return "setup_code_rejected"
        case .setupCompleted: return "setup_completed"
        case .integrationCreated: return "integration_created"
        case .integrationRenamed: return "integration_renamed"
        case .tokenRotated: return "token_rotated"
        case .integrationDeleted: return "integration_deleted"
        }
    }
}
