import AdminPages
import HTTPServer
import SCIMEndpoint
import Store

/// Builds the admin pages over the store.
enum AdminWiring {
    static func makeAdminApp(store: Store, activity: ActivityLog, settings: Settings, setupCode: String?) -> any HTTPHandler {
        var configuration = AdminConfiguration()
        configuration.publicBaseURL = settings.baseURL
        configuration.trustProxy = settings.trustProxy
        configuration.setupCode = setupCode
        configuration.audit = { event in AuditLog.write(event) }
        let scimBase = (settings.baseURL ?? "") + "/api/v1/scim"
        return AdminApp(directory: StoreAdminDirectory(store: store, activity: activity, scimBaseURL: scimBase), configuration: configuration)
    }
}
