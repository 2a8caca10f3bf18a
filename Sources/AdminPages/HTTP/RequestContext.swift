import HTTPServer
import SCIMCore

/// What the admin pages derive from one request: where it came from and how the browser reached us.
struct RequestContext: Sendable {
    let request: HTTPRequest
    /// "https" or "http": `X-Forwarded-Proto` when the proxy is trusted, else "http" (scimd itself
    /// does not terminate TLS).
    let scheme: String
    /// The host (and port) the browser used, validated; nil when absent or malformed.
    let host: String?
    /// The client's address without the port (the throttle's key).
    let clientAddress: String
    /// The origin the pages are served from, as browsers write it in `Origin`, e.g. "https://scim.example.com".
    let selfOrigin: String?
    /// Origins a state-changing request may come from: `selfOrigin` and the configured public base URL's.
    let allowedOrigins: [String]
    /// `{scheme}://{host}` to put in front of the SCIM path: the public base URL when configured.
    let baseURL: String

    init(request: HTTPRequest, configuration: AdminConfiguration) {
        self.request = request
        let trust = configuration.trustProxy
        var scheme = "http"
        if trust, let proto = request.headers["X-Forwarded-Proto"].map(RequestContext.firstListItem)?.asciiLowercased,
           proto == "https" || proto == "http" {
            scheme = proto
        }
        self.scheme = scheme
        var hostHeader = request.headers["Host"]
        if trust, let fwd = request.headers["X-Forwarded-Host"].map(RequestContext.firstListItem), !fwd.isEmpty {
            hostHeader = fwd
        }
        let host = hostHeader.flatMap(RequestContext.validHost)
        self.host = host
        var address = RequestContext.stripPort(request.remoteAddress)
        if trust, let xff = request.headers.values(for: "X-Forwarded-For").last {
            // The rightmost entry is the one our (trusted) proxy appended.
            if let last = xff.split(separator: ",").last.map({ String($0).trimmingWhitespace }), !last.isEmpty, last.utf8.count <= 64 {
                address = last
            }
        }
        self.clientAddress = address.isEmpty ? "unknown" : address
        let selfOrigin = host.map { RequestContext.normalizedOrigin(scheme: scheme, host: $0) }
        self.selfOrigin = selfOrigin
        var allowed: [String] = []
        if let selfOrigin { allowed.append(selfOrigin) }
        let configured = configuration.publicBaseURL.flatMap(RequestContext.origin(ofBaseURL:))
        if let configured, !allowed.contains(configured) { allowed.append(configured) }
        self.allowedOrigins = allowed
        if let configured {
            self.baseURL = configured
        } else {
            self.baseURL = selfOrigin ?? "http://localhost"
        }
    }

    var isHTTPS: Bool { scheme == "https" }

    /// Every value of the cookie `name` the browser sent (there can be several).
    func cookies(named name: String) -> [String] {
        var found: [String] = []
        for header in request.headers.values(for: "Cookie") {
            for part in header.split(separator: ";") {
                let item = part.drop { $0 == " " || $0 == "\t" }
                guard let eq = item.firstIndex(of: "=") else { continue }
                if item[..<eq] == name {
                    found.append(String(item[item.index(after: eq)...]).trimmingWhitespace)
                }
            }
        }
        return found
    }

    // MARK: - Parsing helpers

    static func firstListItem(_ value: String) -> String {
        String(value.split(separator: ",", maxSplits: 1).first ?? "").trimmingWhitespace
    }

    /// A host[:port] made only of characters hosts can contain; lowercased.
    static func validHost(_ raw: String) -> String? {
        let host = raw.trimmingWhitespace
        guard !host.isEmpty, host.utf8.count <= 255 else { return nil }
        let ok = host.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2D || b == 0x2E || b == 0x3A || b == 0x5B || b == 0x5D || b == 0x5F
        }
        return ok ? host.asciiLowercased : nil
    }

    /// "scheme://host" without the scheme's default port, as browsers serialise origins.
    static func normalizedOrigin(scheme: String, host: String) -> String {
        var h = host
        if scheme == "http", h.hasSuffix(":80") { h.removeLast(3) }
        if scheme == "https", h.hasSuffix(":443") { h.removeLast(4) }
        return scheme + "://" + h
    }

    /// The origin of a configured base URL such as "https://scim.example.com/" (path ignored).
    static func origin(ofBaseURL url: String) -> String? {
        let trimmed = url.trimmingWhitespace
        let lower = trimmed.asciiLowercased
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else { return nil }
        let rest = trimmed.dropFirst(scheme.count + 3)
        let hostPart = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let host = validHost(hostPart) else { return nil }
        return normalizedOrigin(scheme: scheme, host: host)
    }

    /// "1.2.3.4:5678" → "1.2.3.4"; "[::1]:80" → "::1"; a bare IPv6 address is kept.
    static func stripPort(_ address: String) -> String {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<close])
        }
        let colons = address.utf8.filter { $0 == 0x3A }.count
        if colons == 1, let c = address.firstIndex(of: ":") { return String(address[..<c]) }
        return address
    }
}
