import AdminPages
import CLinux
import Crypto
import Glibc
import HTTPServer
import SCIMEndpoint
import Store

/// `scimd serve`: open the data directory, listen, serve until SIGTERM/SIGINT.
enum ServeCommand {
    static let help = """
    Usage: scimd serve [options]

    Runs the SCIM API at /api/v1/scim and the admin pages at /, with /healthz and /metrics.
    With an empty data directory it prints a one-time setup link for the admin password.

    Options (each also an environment variable):
    \(Settings.helpLines())
    """

    static func run(_ args: [String], environment: [String: String]) throws(CLIError) -> Int32 {
        let (settings, rest) = try Settings.parse(args, environment: environment)
        guard rest.isEmpty else { throw CLIError("serve: unexpected argument \"\(rest[0])\" (see scimd serve --help)") }
        let listen = try ListenAddress.parse(settings.listen)

        // Block the stop signals before any thread starts, so every thread inherits the mask and
        // only the main thread's sigwait sees them.
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        clinux_ignore_sigpipe()
        let fileLimit = clinux_raise_nofile_limit()

        let store = try StoreOpener.open(settings.dataDirectory, snapshotBytes: settings.snapshotBytes)
        let activity = ActivityLog()
        var scimConfiguration = SCIMEndpointConfiguration()
        scimConfiguration.publicBaseURL = settings.baseURL
        scimConfiguration.trustProxy = settings.trustProxy
        let scim = SCIMEndpoint(store: store, activity: activity, configuration: scimConfiguration)

        let needsSetup = store.read { $0.adminPasswordRecord == nil }
        let setupCode = needsSetup ? Base64URL.encode(SecureRandom.bytes(24)) : nil
        let admin = AdminWiring.makeAdminApp(store: store, activity: activity, settings: settings, setupCode: setupCode)

        var http = HTTPServerConfiguration()
        http.host = listen.host
        http.port = listen.port
        http.maxBodyBytes = settings.maxBodyBytes
        http.maxConnections = settings.maxConnections
        http.headerTimeout = settings.headerTimeout
        http.requestTimeout = settings.requestTimeout
        http.idleTimeout = settings.idleTimeout
        http.eventLoopCount = settings.threads

        let serverBox = ServerBox()
        let router = Router(scim: scim, admin: admin, store: store, accessLog: settings.accessLog ? AccessLog() : nil,
                            openConnections: { serverBox.server?.openConnections ?? 0 })
        let server = HTTPServer(configuration: http, handler: router)
        do {
            try server.start()
        } catch {
            store.close()
            throw CLIError("\(error)", exitCode: 1)
        }
        serverBox.server = server

        let origin = settings.baseURL ?? "http://\(listen.host.contains(":") ? "[\(listen.host)]" : listen.host):\(server.boundPort)"
        log("scimd listening on \(listen.host):\(server.boundPort) (data \(settings.dataDirectory), open-files limit \(fileLimit))")
        log("SCIM base URL for your IdP: \(origin)/api/v1/scim")
        if let code = setupCode {
            log("First start: set the admin password at \(origin)/setup?code=\(code)  (or run: scimd admin set-password)")
        }

        let signal = signals.wait()
        log("received \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): finishing in-flight requests (at most 10 s)")
        server.shutdown(gracePeriod: 10)
        store.close()
        log("stopped")
        return 0
    }

    static func log(_ message: String) { Console.error("scimd: \(message)\n") }
}

/// Lets the router read the server's connection count once the server exists.
final class ServerBox: @unchecked Sendable {
    // Written once before traffic starts, read afterwards.
    var server: HTTPServer?
}
