/// A bearer token just issued for an integration (on create or rotate). `token` is the secret:
/// it exists only in this value and in the one page that shows it.
public struct AdminIssuedToken: Sendable {
    public var integration: AdminIntegration
    public var token: String

    public init(integration: AdminIntegration, token: String) {
        self.integration = integration
        self.token = token
    }
}
