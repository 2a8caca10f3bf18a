import Crypto
import HTTPServer
import SCIMCore
import Synchronization

/// The admin console: every page that is not the SCIM API (setup, sign-in, integrations, users,
/// groups, activity). Mount it for all paths outside the SCIM base path.
///
/// Runs on the event loop and never blocks it: password hashing goes to a background executor
/// (at most `maxConcurrentVerifications` at once) and store writes answer through completions.
public final class AdminApp: HTTPHandler {
    public static let sessionCookieName = "scimd_session"
    /// Largest form body accepted (the biggest real form is a few hundred bytes).
    static let maxFormBytes = 64 * 1024

    let directory: any AdminDirectory
    let configuration: AdminConfiguration
    let sessions: SessionStore
    let throttle: LoginThrottle
    let gate: VerificationGate
    private let setupState = Mutex(SetupState())

    struct SetupState {
        var inProgress = false
        var consumed = false
    }

    public init(directory: any AdminDirectory, configuration: AdminConfiguration = AdminConfiguration()) {
        self.directory = directory
        self.configuration = configuration
        self.sessions = SessionStore(idleTimeoutSeconds: configuration.sessionIdleTimeoutSeconds,
                                     absoluteTimeoutSeconds: configuration.sessionAbsoluteTimeoutSeconds)
        self.throttle = LoginThrottle(settings: configuration.loginThrottle)
        self.gate = VerificationGate(maxConcurrent: configuration.loginThrottle.maxConcurrentVerifications,
                                     maxQueued: configuration.loginThrottle.maxQueuedVerifications,
                                     executor: configuration.backgroundExecutor)
    }

    /// Ends every signed-in session (call after the password was changed through the CLI).
    public func revokeAllSessions() { sessions.revokeAllAuthenticated() }

    // MARK: - Entry point

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        let ctx = RequestContext(request: request, configuration: configuration)
        let exchange = Exchange(context: ctx, responder: responder, now: configuration.clock(),
                                isHead: request.method == "HEAD")
        let method = exchange.isHead ? "GET" : request.method

        guard let route = AdminRoute(path: request.path) else {
            exchange.send(.page(404, ErrorPages.notFound(product: product)))
            return
        }
        guard route.methods.allows(method) else {
            exchange.send(PageReply.page(405, ErrorPages.methodNotAllowed(product: product)).with("Allow", route.methods.allowHeader))
            return
        }
        let session = currentSession(ctx, now: exchange.now)

        if method == "GET" {
            if !route.isPublic && session?.authenticated != true {
                let next = SafeRedirect.localPath(request.target)
                exchange.send(.redirect("/login" + FormData.query([("next", next)])))
                return
            }
            routeGET(route, exchange: exchange, session: session, query: FormData(urlEncoded: request.query))
            return
        }

        // POST: a form of ours, from our origin, with this session's token.
        guard request.body.count <= AdminApp.maxFormBytes else {
            exchange.send(.page(413, ErrorPages.payloadTooLarge(product: product)))
            return
        }
        let form = FormData(body: request.body)
        guard isSameOrigin(ctx) else {
            exchange.send(.page(403, ErrorPages.forbidden(product: product)))
            return
        }
        guard let session else {
            if route.isPublic {
                // The sign-in form outlived its pre-login session: offer a fresh one.
                routeStaleAuthForm(route, exchange: exchange)
            } else {
                exchange.send(.redirect("/login"))
            }
            return
        }
        guard let token = form["csrf"], ConstantTime.equals(Array(token.utf8), Array(session.csrfToken.utf8)) else {
            exchange.send(.page(403, ErrorPages.forbidden(product: product)))
            return
        }
        if !route.isPublic && !session.authenticated {
            exchange.send(.redirect("/login"))
            return
        }
        routePOST(route, exchange: exchange, session: session, form: form)
    }

    var product: String { configuration.productName }

    // MARK: - Routing

    private func routeGET(_ route: AdminRoute, exchange: Exchange, session: AdminSession?, query: FormData) {
        switch route {
        case .root:
            if session?.authenticated == true {
                exchange.send(.redirect("/integrations"))
            } else if directory.adminPasswordRecord() == nil && setupAvailable {
                exchange.send(.redirect("/setup"))
            } else {
                exchange.send(.redirect("/login"))
            }
        case .setup: showSetup(exchange: exchange, session: session, query: query)
        case .login: showLogin(exchange: exchange, session: session, query: query)
        case .integrations, .newIntegration, .integration, .renameIntegration, .rotateToken, .deleteIntegration:
            guard let session else { return }
            integrationsGET(route, exchange: exchange, session: session)
        case .users, .user, .groups, .group, .activity:
            guard let session else { return }
            directoryGET(route, exchange: exchange, session: session, query: query)
        case .logout, .tokenDone:
            exchange.send(PageReply.page(405, ErrorPages.methodNotAllowed(product: product)).with("Allow", "POST"))
        }
    }

    private func routePOST(_ route: AdminRoute, exchange: Exchange, session: AdminSession, form: FormData) {
        switch route {
        case .setup: submitSetup(exchange: exchange, session: session, form: form)
        case .login: submitLogin(exchange: exchange, session: session, form: form)
        case .logout: logout(exchange: exchange, session: session)
        case .newIntegration, .renameIntegration, .rotateToken, .deleteIntegration, .tokenDone:
            integrationsPOST(route, exchange: exchange, session: session, form: form)
        default:
            exchange.send(PageReply.page(405, ErrorPages.methodNotAllowed(product: product)).with("Allow", route.methods.allowHeader))
        }
    }

    // MARK: - Sessions

    /// The live session named by the request's cookie, if any. An authenticated session whose
    /// password has since changed is ended.
    func currentSession(_ ctx: RequestContext, now: Int64) -> AdminSession? {
        for id in ctx.cookies(named: AdminApp.sessionCookieName) {
            guard let s = sessions.touch(id: id, now: now) else { continue }
            if s.authenticated && s.passwordRecord != directory.adminPasswordRecord() {
                sessions.revoke(key: s.key)
                continue
            }
            return s
        }
        return nil
    }

    func sessionCookie(_ id: String, _ ctx: RequestContext) -> String {
        "\(AdminApp.sessionCookieName)=\(id); Path=/; HttpOnly; SameSite=Strict" + (ctx.isHTTPS ? "; Secure" : "")
    }

    func clearedSessionCookie(_ ctx: RequestContext) -> String {
        "\(AdminApp.sessionCookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (ctx.isHTTPS ? "; Secure" : "")
    }

    /// The page context for a signed-in page (takes the session's flash message).
    func pageContext(_ exchange: Exchange, _ session: AdminSession) -> PageContext {
        PageContext(product: product, csrf: session.csrfToken, flash: sessions.takeFlash(key: session.key),
                    now: exchange.now, scimURL: scimURL(exchange.context))
    }

    func scimURL(_ ctx: RequestContext) -> String {
        var base = ctx.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + configuration.scimBasePath
    }

    // MARK: - CSRF origin check

    /// Same-origin by `Sec-Fetch-Site` and by `Origin`, whichever the browser sent. `Origin: null`
    /// carries no information (browsers send it for our own forms because of
    /// `Referrer-Policy: no-referrer`), so then only the synchronizer token decides.
    func isSameOrigin(_ ctx: RequestContext) -> Bool {
        let headers = ctx.request.headers
        if let site = headers["Sec-Fetch-Site"]?.trimmingWhitespace.asciiLowercased, site != "same-origin" {
            return false
        }
        if let origin = headers["Origin"]?.trimmingWhitespace, origin != "null" {
            guard let scheme = origin.asciiLowercased.hasPrefix("https://") ? "https" : (origin.asciiLowercased.hasPrefix("http://") ? "http" : nil),
                  let host = RequestContext.validHost(String(origin.dropFirst(scheme.count + 3))) else { return false }
            return ctx.allowedOrigins.contains(RequestContext.normalizedOrigin(scheme: scheme, host: host))
        }
        return true
    }

    var setupAvailable: Bool {
        configuration.setupCode != nil && !setupState.withLock { $0.consumed }
    }

    /// Claims the right to finish setup (one at a time); false when already taken or done.
    func beginSetup() -> Bool {
        setupState.withLock { s in
            if s.inProgress || s.consumed { return false }
            s.inProgress = true
            return true
        }
    }

    func endSetup(succeeded: Bool) {
        setupState.withLock { s in
            s.inProgress = false
            if succeeded { s.consumed = true }
        }
    }
}
