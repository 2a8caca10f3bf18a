import HTTPServer

/// The origin (`scheme://host[:port]`) clients use to reach scimd, for `meta.location`, `Location`
/// headers and the URLs admins paste into their IdP.
public enum PublicURL {
    /// `--base-url` wins; behind a trusted proxy, `X-Forwarded-Proto`/`X-Forwarded-Host`; else the Host header over http.
    public static func origin(for request: HTTPRequest, publicBaseURL: String?, trustProxy: Bool) -> String {
        if let base = publicBaseURL, !base.isEmpty {
            return base.hasSuffix("/") ? String(base.dropLast()) : base
        }
        var scheme = "http"
        var host = sanitizedHost(request.headers["Host"]) ?? "localhost"
        if trustProxy {
            if let proto = request.headers["X-Forwarded-Proto"]?.split(separator: ",").first?.trimmingCharacters(), proto == "https" || proto == "http" {
                scheme = proto
            }
            if let fwd = sanitizedHost(request.headers["X-Forwarded-Host"]?.split(separator: ",").first.map(String.init)) {
                host = fwd
            }
        }
        return "\(scheme)://\(host)"
    }

    static func origin(for request: HTTPRequest, configuration: SCIMEndpointConfiguration) -> String {
        origin(for: request, publicBaseURL: configuration.publicBaseURL, trustProxy: configuration.trustProxy)
    }

    /// Whether the request reached us over HTTPS (directly impossible: scimd speaks plain HTTP; so only via a trusted proxy or a https base URL).
    public static func isHTTPS(_ request: HTTPRequest, publicBaseURL: String?, trustProxy: Bool) -> Bool {
        origin(for: request, publicBaseURL: publicBaseURL, trustProxy: trustProxy).hasPrefix("https://")
    }

    /// A Host value is `host[:port]` made of hostname/IP characters only; anything else is ignored
    /// (it would end up in URLs we hand out).
    static func sanitizedHost(_ raw: String?) -> String? {
        guard let raw = raw?.trimmingCharacters(), !raw.isEmpty, raw.utf8.count <= 255 else { return nil }
        for b in raw.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "_"):
                continue
            default: return nil
            }
        }
        return raw
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
