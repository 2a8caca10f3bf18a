/// Where to go after login: only a path on this site (no scheme, no `//host`, no backslashes or
/// control characters), so `?next=` cannot become an open redirect.
enum SafeRedirect {
    static func localPath(_ candidate: String?) -> String? {
        guard let c = candidate, c.utf8.count <= 2048 else { return nil }
        let bytes = Array(c.utf8)
        guard bytes.first == 0x2F else { return nil }                       // "/"
        if bytes.count > 1 && (bytes[1] == 0x2F || bytes[1] == 0x5C) { return nil } // "//", "/\"
        guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != 0x5C }) else { return nil }
        if c == "/login" || c.hasPrefix("/login?") || c.hasPrefix("/logout") || c.hasPrefix("/setup") { return nil }
        return c
    }
}
