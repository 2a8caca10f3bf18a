import Crypto
import HTTPServer

/// Setup, sign-in and sign-out.
extension AdminApp {
    /// The pre-login session for a form page: the current one, or a new anonymous one (with its cookie).
    private func formSession(_ exchange: Exchange, _ session: AdminSession?) -> (AdminSession, cookie: String?) {
        if let session { return (session, nil) }
        let issued = sessions.create(authenticated: false, passwordRecord: nil, now: exchange.now)
        return (issued.session, sessionCookie(issued.id, exchange.context))
    }

    private func withCookie(_ reply: PageReply, _ cookie: String?) -> PageReply {
        cookie.map { reply.with("Set-Cookie", $0) } ?? reply
    }

    // MARK: Sign in

    func showLogin(exchange: Exchange, session: AdminSession?, query: FormData) {
        let next = SafeRedirect.localPath(query["next"])
        if session?.authenticated == true {
            exchange.send(.redirect(next ?? "/integrations"))
            return
        }
        let (s, cookie) = formSession(exchange, session)
        var message: HTML?
        if query["signed_out"] != nil { message = "You have signed out." } else if next != nil { message = "Sign in to continue." }
        let html = AuthPages.login(product: product, csrf: s.csrfToken, next: next, message: message, error: nil,
                                   passwordSet: directory.adminPasswordRecord() != nil)
        exchange.send(withCookie(.page(200, html), cookie))
    }

    /// A login or setup POST whose pre-login session is gone (expired, or the server restarted).
    func routeStaleAuthForm(_ route: AdminRoute, exchange: Exchange) {
        let (s, cookie) = formSession(exchange, nil)
        let html: HTML
        if route == .setup {
            html = AuthPages.setupCode(product: product, error: "The setup form expired. Enter the setup code again.")
        } else {
            html = AuthPages.login(product: product, csrf: s.csrfToken, next: nil, message: nil,
                                   error: "The sign-in form expired. Please try again.", passwordSet: directory.adminPasswordRecord() != nil)
        }
        exchange.send(withCookie(.page(403, html), cookie))
    }

    func submitLogin(exchange: Exchange, session: AdminSession, form: FormData) {
        if session.authenticated {
            exchange.send(.redirect("/integrations"))
            return
        }
        let next = SafeRedirect.localPath(form["next"])
        guard let record = directory.adminPasswordRecord() else {
            exchange.send(.page(200, AuthPages.login(product: product, csrf: session.csrfToken, next: nil, message: nil, error: nil, passwordSet: false)))
            return
        }
        let address = exchange.context.clientAddress
        if case .failure(let wait) = throttle.begin(address: address, now: exchange.now) {
            configuration.audit(.loginThrottled(address: address))
            exchange.send(PageReply.page(429, ErrorPages.tooManyAttempts(product: product, retryAfter: wait.seconds))
                .with("Retry-After", String(wait.seconds)))
            return
        }
        let password = form["password"] ?? ""
        let accepted = gate.submit { [self] in
            // Over-long input cannot match a password the policy allowed; don't spend a KDF run on it.
            let ok = password.utf8.count <= 4096 && !password.isEmpty && PasswordHasher.verify(password: password, record: record)
            let now = configuration.clock()
            throttle.end(address: address, succeeded: ok, now: now)
            configuration.audit(ok ? .loginSucceeded(address: address) : .loginFailed(address: address))
            if ok {
                sessions.revoke(key: session.key)
                let issued = sessions.create(authenticated: true, passwordRecord: record, now: now)
                exchange.send(PageReply.redirect(next ?? "/integrations").with("Set-Cookie", sessionCookie(issued.id, exchange.context)))
            } else {
                let html = AuthPages.login(product: product, csrf: session.csrfToken, next: next, message: nil,
                                           error: "That password is not correct.", passwordSet: true)
                exchange.send(.page(200, html))
            }
        }
        if !accepted {
            throttle.cancel(address: address)
            exchange.send(PageReply.page(503, ErrorPages.busy(product: product)).with("Retry-After", "2"))
        }
    }

    func logout(exchange: Exchange, session: AdminSession) {
        sessions.revoke(key: session.key)
        configuration.audit(.signedOut(address: exchange.context.clientAddress))
        exchange.send(PageReply.redirect("/login?signed_out=1").with("Set-Cookie", clearedSessionCookie(exchange.context)))
    }

    // MARK: Setup

    private func setupCodeMatches(_ code: String) -> Bool {
        guard let expected = configuration.setupCode else { return false }
        return ConstantTime.equals(SHA256.hash(Array(code.utf8)), SHA256.hash(Array(expected.utf8)))
    }

    private var setupOpen: Bool { setupAvailable && directory.adminPasswordRecord() == nil }

    func showSetup(exchange: Exchange, session: AdminSession?, query: FormData) {
        guard setupOpen else {
            exchange.send(.page(404, AuthPages.setupUnavailable(product: product, passwordSet: directory.adminPasswordRecord() != nil)))
            return
        }
        guard let code = query["code"]?.trimmingWhitespace, !code.isEmpty else {
            exchange.send(.page(200, AuthPages.setupCode(product: product, error: nil)))
            return
        }
        guard acceptSetupCode(code, exchange: exchange) else { return }
        let (s, cookie) = formSession(exchange, session)
        exchange.send(withCookie(.page(200, AuthPages.setupPassword(product: product, csrf: s.csrfToken, code: code, error: nil)), cookie))
    }

    func submitSetup(exchange: Exchange, session: AdminSession, form: FormData) {
        guard setupOpen else {
            exchange.send(.page(404, AuthPages.setupUnavailable(product: product, passwordSet: directory.adminPasswordRecord() != nil)))
            return
        }
        let code = form["code"]?.trimmingWhitespace ?? ""
        let address = exchange.context.clientAddress
        guard acceptSetupCode(code, exchange: exchange) else { return }
        let password = form["password"] ?? ""
        let again = form["confirm"] ?? ""
        let problem: String?
        if let violation = PasswordPolicy.check(password) {
            problem = violation.message + "."
        } else if password != again {
            problem = "The two passwords are not the same."
        } else {
            problem = nil
        }
        if let problem {
            exchange.send(.page(422, AuthPages.setupPassword(product: product, csrf: session.csrfToken, code: code, error: problem)))
            return
        }
        guard beginSetup() else {
            exchange.send(.page(409, ErrorPages.message(product: product, title: "Setup in progress",
                                                        text: "The admin password is being set from another request.", link: "<a href=\"/login\">Sign in</a>")))
            return
        }
        let iterations = configuration.passwordIterations
        let accepted = gate.submit { [self] in
            let record = PasswordHasher.hash(password: password, iterations: iterations)
            directory.setAdminPassword(record: record) { [self] result in
                switch result {
                case .success:
                    endSetup(succeeded: true)
                    configuration.audit(.setupCompleted(address: address))
                    sessions.revoke(key: session.key)
                    let issued = sessions.create(authenticated: true, passwordRecord: record, now: configuration.clock(),
                                                 flash: "The admin password is set. Next, add a SCIM integration for your identity provider.")
                    exchange.send(PageReply.redirect("/integrations").with("Set-Cookie", sessionCookie(issued.id, exchange.context)))
                case .failure(let error):
                    endSetup(succeeded: false)
                    exchange.send(.page(500, ErrorPages.storageFailure(product: product, message: error.message)))
                }
            }
        }
        if !accepted {
            endSetup(succeeded: false)
            exchange.send(PageReply.page(503, ErrorPages.busy(product: product)).with("Retry-After", "2"))
        }
    }

    /// Checks a setup code under the login throttle; on refusal (429 throttled, 403 wrong code)
    /// the answer is already sent and the caller stops.
    private func acceptSetupCode(_ code: String, exchange: Exchange) -> Bool {
        let address = exchange.context.clientAddress
        if case .failure(let wait) = throttle.begin(address: address, now: exchange.now) {
            configuration.audit(.loginThrottled(address: address))
            exchange.send(PageReply.page(429, ErrorPages.tooManyAttempts(product: product, retryAfter: wait.seconds))
                .with("Retry-After", String(wait.seconds)))
            return false
        }
        let ok = setupCodeMatches(code)
        throttle.end(address: address, succeeded: ok, now: exchange.now)
        guard ok else {
            configuration.audit(.setupCodeRejected(address: address))
            exchange.send(.page(403, AuthPages.setupCode(product: product, error: "That setup code is not valid.")))
            return false
        }
        return true
    }
}
