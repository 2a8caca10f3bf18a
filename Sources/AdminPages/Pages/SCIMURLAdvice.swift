/// Warns on the pages that hand out the SCIM API URL when identity providers could not use it:
/// Entra ID, Okta and OneLogin connect only to HTTPS with a public certificate, from the internet.
enum SCIMURLAdvice {
    enum Problem: Equatable {
        /// localhost, 127.0.0.0/8, [::1]: reachable from this machine only.
        case loopback
        /// http:// on a reachable host.
        case plainHTTP
    }

    static func problem(_ url: String) -> Problem? {
        let lower = url.asciiLowercased
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else { return nil }
        let afterScheme = lower.dropFirst(scheme.count + 3)
        let authority = afterScheme.prefix { $0 != "/" }
        let host: Substring
        if authority.hasPrefix("[") {
            host = authority.prefix { $0 != "]" }.dropFirst()
        } else {
            host = authority.prefix { $0 != ":" }
        }
        let ipv4Loopback = host.hasPrefix("127.") && host.allSatisfy { $0 == "." || ("0"..."9").contains($0) }
        if host == "localhost" || host.hasSuffix(".localhost") || ipv4Loopback || host == "::1" { return .loopback }
        return scheme == "http" ? .plainHTTP : nil
    }

    /// The warning to show beside the URL, or nothing when the URL looks usable.
    static func warning(_ url: String, product: String) -> HTML {
        guard let problem = problem(url) else { return HTML() }
        let headline: HTML = problem == .loopback
            ? "<strong>Identity providers cannot reach this URL:</strong> it works on this machine only."
            : "<strong>Identity providers need HTTPS:</strong> Entra ID, Okta and OneLogin refuse an <code>http://</code> URL."
        return Components.alert(.warn, """
<p id="scim-url-warning">\(headline) Put \(product) behind a TLS reverse proxy with a public certificate and start it with <code class="nowrap">--base-url https://<var>your-host</var></code> (or <code class="nowrap">SCIMD_BASE_URL</code>) so this page shows the address to paste.</p>
""")
    }
}
