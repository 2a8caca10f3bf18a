/// The admin pages' addresses. Path segments are percent-decoded once, here, before routing.
enum AdminRoute: Equatable, Sendable {
    case root
    case setup, login, logout
    case integrations, newIntegration
    case integration(String), renameIntegration(String), rotateToken(String), deleteIntegration(String), tokenDone(String)
    case users, user(String)
    case groups, group(String)
    case activity

    enum Methods: Sendable {
        /// Read-only page.
        case get
        /// State change only.
        case post
        /// A form (GET) and its action (POST) at one address.
        case getAndPost

        var allowHeader: String {
            switch self {
            case .get: return "GET, HEAD"
            case .post: return "POST"
            case .getAndPost: return "GET, HEAD, POST"
            }
        }

        func allows(_ method: String) -> Bool {
            switch self {
            case .get: return method == "GET"
            case .post: return method == "POST"
            case .getAndPost: return method == "GET" || method == "POST"
            }
        }
    }

    init?(path: String) {
        guard path.hasPrefix("/"), path.utf8.count <= 2048 else { return nil }
        var raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if raw.count > 1, raw.last == "" { raw.removeLast() }      // one trailing slash is tolerated
        var segments: [String] = []
        for s in raw {
            guard let d = PercentEncoding.decode(s, plusAsSpace: false), !d.isEmpty || raw.count == 1 else { return nil }
            segments.append(d)
        }
        switch segments.count {
        case 1:
            switch segments[0] {
            case "": self = .root
            case "setup": self = .setup
            case "login": self = .login
            case "logout": self = .logout
            case "integrations": self = .integrations
            case "users": self = .users
            case "groups": self = .groups
            case "activity": self = .activity
            default: return nil
            }
        case 2:
            switch segments[0] {
            case "integrations": self = segments[1] == "new" ? .newIntegration : .integration(segments[1])
            case "users": self = .user(segments[1])
            case "groups": self = .group(segments[1])
            default: return nil
            }
        case 3:
            guard segments[0] == "integrations" else { return nil }
            let id = segments[1]
            switch segments[2] {
            case "rename": self = .renameIntegration(id)
            case "rotate": self = .rotateToken(id)
            case "delete": self = .deleteIntegration(id)
            case "done": self = .tokenDone(id)
            default: return nil
            }
        default:
            return nil
        }
    }

    var methods: Methods {
        switch self {
        case .logout, .tokenDone: return .post
        case .setup, .login, .newIntegration, .renameIntegration, .rotateToken, .deleteIntegration: return .getAndPost
        default: return .get
        }
    }

    /// Reachable without signing in.
    var isPublic: Bool {
        switch self {
        case .root, .setup, .login: return true
        default: return false
        }
    }
}
