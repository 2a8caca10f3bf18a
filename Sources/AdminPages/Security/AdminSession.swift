/// One browser's session. Before login it only carries the CSRF token of the login and setup forms;
/// login replaces it with a new, authenticated one (a new id: no session fixation).
struct AdminSession: Sendable {
    /// SHA-256 of the cookie value, hex: the table key (the id itself is never stored).
    let key: String
    /// The synchronizer token every form of this session carries.
    let csrfToken: String
    let authenticated: Bool
    /// ms since the epoch.
    let createdAt: Int64
    var lastSeenAt: Int64
    /// The password record at login: a changed password ends the session.
    let passwordRecord: String?
    /// A one-shot message for the next page ("Integration created").
    var flash: String?
}
