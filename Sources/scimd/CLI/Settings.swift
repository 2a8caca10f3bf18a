/// Every setting of `scimd serve`, each a flag and a `SCIMD_*` environment variable; flags win.
struct Settings {
    var dataDirectory = "./scimd-data"
    var listen = "127.0.0.1:8080"
    var baseURL: String? = nil
    var trustProxy = false
    var maxConnections = 1024
    var maxBodyBytes = 1 << 20
    var headerTimeout = 10.0
    var requestTimeout = 30.0
    var idleTimeout = 60.0
    var snapshotBytes = 64 << 20
    var threads = 2
    var accessLog = true

    struct Option {
        let flag: String
        let env: String
        let value: String   // placeholder shown in help, "" for a switch
        let help: String
        let apply: (inout Settings, String) throws(CLIError) -> Void
    }

    static var options: [Option] { [
        Option(flag: "--data", env: "SCIMD_DATA", value: "DIR", help: "data directory (default ./scimd-data)") { s, v throws(CLIError) in s.dataDirectory = v },
        Option(flag: "--listen", env: "SCIMD_LISTEN", value: "HOST:PORT", help: "address to listen on (default 127.0.0.1:8080; [::]:8080 for all IPv6+IPv4)") { s, v throws(CLIError) in
            _ = try ListenAddress.parse(v)
            s.listen = v
        },
        Option(flag: "--base-url", env: "SCIMD_BASE_URL", value: "URL", help: "public origin IdPs use, e.g. https://scim.example.com (meta.location, URLs shown to admins)") { s, v throws(CLIError) in
            guard v.hasPrefix("https://") || v.hasPrefix("http://") else { throw CLIError("--base-url must start with https:// or http://, got \"\(v)\"") }
            s.baseURL = v
        },
        Option(flag: "--trust-proxy", env: "SCIMD_TRUST_PROXY", value: "", help: "believe X-Forwarded-Proto/-Host (only behind your own reverse proxy)") { s, v throws(CLIError) in s.trustProxy = try parseBool(v, "--trust-proxy") },
        Option(flag: "--max-connections", env: "SCIMD_MAX_CONNECTIONS", value: "N", help: "open connections before the longest-idle one is reclaimed (default 1024)") { s, v throws(CLIError) in s.maxConnections = try parseInt(v, "--max-connections", min: 1) },
        Option(flag: "--max-body-bytes", env: "SCIMD_MAX_BODY_BYTES", value: "N", help: "largest request body, larger gets 413 (default 1048576)") { s, v throws(CLIError) in s.maxBodyBytes = try parseInt(v, "--max-body-bytes", min: 1024) },
        Option(flag: "--header-timeout", env: "SCIMD_HEADER_TIMEOUT", value: "SECONDS", help: "time allowed to send request headers (default 10)") { s, v throws(CLIError) in s.headerTimeout = try parseSeconds(v, "--header-timeout") },
        Option(flag: "--request-timeout", env: "SCIMD_REQUEST_TIMEOUT", value: "SECONDS", help: "time allowed to send a whole request (default 30)") { s, v throws(CLIError) in s.requestTimeout = try parseSeconds(v, "--request-timeout") },
        Option(flag: "--idle-timeout", env: "SCIMD_IDLE_TIMEOUT", value: "SECONDS", help: "keep-alive idle time before closing (default 60)") { s, v throws(CLIError) in s.idleTimeout = try parseSeconds(v, "--idle-timeout") },
        Option(flag: "--snapshot-bytes", env: "SCIMD_SNAPSHOT_BYTES", value: "N", help: "log bytes after which a snapshot is written (default 67108864)") { s, v throws(CLIError) in s.snapshotBytes = try parseInt(v, "--snapshot-bytes", min: 4096) },
        Option(flag: "--threads", env: "SCIMD_THREADS", value: "N", help: "event-loop threads (default 2)") { s, v throws(CLIError) in s.threads = try parseInt(v, "--threads", min: 1) },
        Option(flag: "--access-log", env: "SCIMD_ACCESS_LOG", value: "on|off", help: "one JSON line per request on stdout (default on)") { s, v throws(CLIError) in s.accessLog = try parseBool(v, "--access-log") },
    ] }

    /// Environment first, then flags. `allowed` limits the flags a subcommand takes.
    static func parse(_ args: [String], environment: [String: String], allowed: Set<String>? = nil) throws(CLIError) -> (Settings, [String]) {
        var s = Settings()
        for o in options where allowed?.contains(o.flag) ?? true {
            if let v = environment[o.env], !v.isEmpty { try o.apply(&s, v) }
        }
        var rest: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            guard a.hasPrefix("--") else { rest.append(a); i += 1; continue }
            let (name, inline) = a.split(separator: "=", maxSplits: 1).count == 2
                ? (String(a.split(separator: "=", maxSplits: 1)[0]), Optional(String(a.split(separator: "=", maxSplits: 1)[1])))
                : (a, nil)
            guard let o = options.first(where: { $0.flag == name }), allowed?.contains(o.flag) ?? true else {
                throw CLIError("unknown option \(name) (see --help)")
            }
            if o.value.isEmpty {
                try o.apply(&s, inline ?? "true")
                i += 1
            } else {
                if let inline { try o.apply(&s, inline); i += 1; continue }
                guard i + 1 < args.count else { throw CLIError("\(name) needs a value (\(o.value))") }
                try o.apply(&s, args[i + 1])
                i += 2
            }
        }
        return (s, rest)
    }

    static func helpLines(allowed: Set<String>? = nil) -> String {
        options.filter { allowed?.contains($0.flag) ?? true }.map { o in
            let left = "  \(o.flag)\(o.value.isEmpty ? "" : " " + o.value)"
            let pad = String(repeating: " ", count: max(1, 30 - left.count))
            return "\(left)\(pad)\(o.help)  [\(o.env)]"
        }.joined(separator: "\n")
    }
}

func parseInt(_ v: String, _ flag: String, min: Int) throws(CLIError) -> Int {
    guard let n = Int(v), n >= min else { throw CLIError("\(flag) must be a whole number ≥ \(min), got \"\(v)\"") }
    return n
}

func parseSeconds(_ v: String, _ flag: String) throws(CLIError) -> Double {
    guard let n = Double(v), n > 0, n < 86_400 else { throw CLIError("\(flag) must be a number of seconds > 0, got \"\(v)\"") }
    return n
}

func parseBool(_ v: String, _ flag: String) throws(CLIError) -> Bool {
    switch v.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off": return false
    default: throw CLIError("\(flag) must be on or off, got \"\(v)\"")
    }
}
