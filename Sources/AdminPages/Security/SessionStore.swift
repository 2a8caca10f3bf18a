import Crypto
import Synchronization

/// Sessions in memory, keyed by the SHA-256 of their id, with idle and absolute timeouts.
///
/// Anonymous (pre-login) sessions and authenticated ones have separate caps, so a flood of login
/// page views can never push out the admin's session.
final class SessionStore: Sendable {
    struct Issued: Sendable {
        /// The cookie value: 256 random bits, base64url.
        let id: String
        let session: AdminSession
    }

    private struct Table {
        var sessions: [String: AdminSession] = [:]
        var anonymousCount = 0
        var authenticatedCount = 0
    }

    private let table = Mutex(Table())
    private let idleTimeoutMs: Int64
    private let absoluteTimeoutMs: Int64
    private let maxAnonymous: Int
    private let maxAuthenticated: Int

    init(idleTimeoutSeconds: Int64, absoluteTimeoutSeconds: Int64, maxAnonymous: Int = 1024, maxAuthenticated: Int = 64) {
        self.idleTimeoutMs = idleTimeoutSeconds * 1000
        self.absoluteTimeoutMs = absoluteTimeoutSeconds * 1000
        self.maxAnonymous = maxAnonymous
        self.maxAuthenticated = maxAuthenticated
    }

    static func key(for id: String) -> String { Hex.encode(SHA256.hash(Array(id.utf8))) }

    /// A new session with a fresh id and CSRF token.
    func create(authenticated: Bool, passwordRecord: String?, now: Int64, flash: String? = nil) -> Issued {
        let id = Base64URL.encode(SecureRandom.bytes(32))
        let session = AdminSession(key: SessionStore.key(for: id), csrfToken: Base64URL.encode(SecureRandom.bytes(32)),
                                   authenticated: authenticated, createdAt: now, lastSeenAt: now,
                                   passwordRecord: passwordRecord, flash: flash)
        table.withLock { t in
            let cap = authenticated ? maxAuthenticated : maxAnonymous
            if (authenticated ? t.authenticatedCount : t.anonymousCount) >= cap {
                purgeExpired(&t, now: now)
            }
            if (authenticated ? t.authenticatedCount : t.anonymousCount) >= cap {
                // Still full: forget the least recently used session of the same kind.
                if let oldest = t.sessions.values.filter({ $0.authenticated == authenticated }).min(by: { $0.lastSeenAt < $1.lastSeenAt }) {
                    remove(oldest.key, from: &t)
                }
            }
            t.sessions[session.key] = session
            if authenticated { t.authenticatedCount += 1 } else { t.anonymousCount += 1 }
        }
        return Issued(id: id, session: session)
    }

    /// The live session for a cookie value, with its last-seen time moved to `now`; expired
    /// sessions are removed and give nil.
    func touch(id: String, now: Int64) -> AdminSession? {
        guard id.utf8.count == 43 else { return nil }
        let key = SessionStore.key(for: id)
        return table.withLock { t -> AdminSession? in
            guard var s = t.sessions[key] else { return nil }
            if isExpired(s, now: now) {
                remove(key, from: &t)
                return nil
            }
            s.lastSeenAt = now
            t.sessions[key] = s
            return s
        }
    }

    func revoke(key: String) {
        table.withLock { t in remove(key, from: &t) }
    }

    /// Ends every authenticated session (after a password change).
    func revokeAllAuthenticated() {
        table.withLock { t in
            for (k, s) in t.sessions where s.authenticated { remove(k, from: &t) }
        }
    }

    func setFlash(key: String, _ message: String) {
        table.withLock { t in t.sessions[key]?.flash = message }
    }

    /// The pending flash message, cleared.
    func takeFlash(key: String) -> String? {
        table.withLock { t in
            let f = t.sessions[key]?.flash
            t.sessions[key]?.flash = nil
            return f
        }
    }

    var count: Int { table.withLock { $0.sessions.count } }

    private func isExpired(_ s: AdminSession, now: Int64) -> Bool {
        now - s.lastSeenAt >= idleTimeoutMs || now - s.createdAt >= absoluteTimeoutMs || now < s.createdAt - 60_000
    }

    private func purgeExpired(_ t: inout Table, now: Int64) {
        for (k, s) in t.sessions where isExpired(s, now: now) { remove(k, from: &t) }
    }

    private func remove(_ key: String, from t: inout Table) {
        guard let s = t.sessions.removeValue(forKey: key) else { return }
        if s.authenticated { t.authenticatedCount -= 1 } else { t.anonymousCount -= 1 }
    }
}
