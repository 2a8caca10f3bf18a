import HTTPServer
import SCIMCore
import SCIMEndpoint
import Store

/// The real thing, in process: a store in a fresh temporary directory, the SCIM endpoint over it,
/// and the HTTP server on 127.0.0.1 with an ephemeral port. Integrations are created through
/// `IntegrationService`, as the admin pages and CLI do.
final class SCIMTestServer {
    static let basePath = "/api/v1/scim"

    let directory: TemporaryDirectory
    /// The store's operational log (every line, across restarts).
    let storeLog = LogCapture()
    private(set) var store: Store
    private(set) var activity = ActivityLog()
    private(set) var endpoint: SCIMEndpoint
    private(set) var server: HTTPServer
    private var running = true
    private let maxBodyBytes: Int

    /// - Parameter maxBodyBytes: the HTTP server's request body limit (scimd's default: 1 MiB).
    init(maxBodyBytes: Int = 1 << 20) throws {
        self.maxBodyBytes = maxBodyBytes
        directory = try TemporaryDirectory()
        do {
            (store, endpoint, server) = try Self.start(directory: directory.path, log: storeLog, activity: activity, maxBodyBytes: maxBodyBytes)
        } catch {
            directory.remove()
            throw error
        }
    }

    private static func start(directory: String, log: LogCapture, activity: ActivityLog, maxBodyBytes: Int) throws -> (Store, SCIMEndpoint, HTTPServer) {
        let store = try Store.open(StoreConfiguration(directory: directory, log: log.sink))
        let endpoint = SCIMEndpoint(store: store, activity: activity)
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes), handler: endpoint)
        do { try server.start() } catch {
            store.close()
            throw error
        }
        return (store, endpoint, server)
    }

    var port: Int { server.boundPort }
    var service: IntegrationService { IntegrationService(store: store) }

    /// A client that authenticates as `integration` (or with `token`, or with nothing).
    func client(_ integration: TestIntegration) -> SCIMClient { client(token: integration.token) }
    func client(token: String?) -> SCIMClient { SCIMClient(port: port, basePath: Self.basePath, token: token) }

    func createIntegration(_ name: String) throws -> TestIntegration {
        let (integration, token) = try awaitResult { service.create(name: name, completion: $0) }
        return TestIntegration(id: integration.id, name: integration.name, token: token)
    }

    /// Rotates the token; returns the new one.
    func rotateToken(_ integration: TestIntegration) throws -> String {
        try awaitResult { service.rotate(id: integration.id, completion: $0) }.token
    }

    func deleteIntegration(_ integration: TestIntegration) throws {
        try awaitResult { service.delete(id: integration.id, completion: $0) }
    }

    var metrics: StoreMetrics { store.metrics }

    /// The activity text of the servers before the last restart.
    private var earlierActivityText = ""

    /// Every piece of text the server keeps about requests in memory: the activity page's entries
    /// (since the harness started, across restarts).
    var activityText: String { earlierActivityText + Self.text(of: activity) }

    private static func text(of activity: ActivityLog) -> String {
        activity.recent(integrationID: nil, limit: 100_000).map { e in
            [e.method, e.target, e.detail ?? "", e.summary ?? "", e.scimType ?? "", e.resourceID ?? ""].joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    /// Stops the HTTP server and closes the store, then opens the same directory again and serves
    /// it on a new port (what a restart of scimd does). Clients must be created anew.
    func restart() throws {
        stopServing()
        earlierActivityText += Self.text(of: activity)
        activity = ActivityLog()
        (store, endpoint, server) = try Self.start(directory: directory.path, log: storeLog, activity: activity, maxBodyBytes: maxBodyBytes)
        running = true
    }

    private func stopServing() {
        guard running else { return }
        running = false
        server.shutdown(gracePeriod: 0)
        server.waitUntilStopped()
        store.close()
    }

    /// Shuts everything down and deletes the data directory.
    func stop() {
        stopServing()
        directory.remove()
    }
}
