import SCIMCore

/// What the admin pages need from the store. The lead implements it over the durable store.
///
/// Reads are synchronous and must be cheap (they are answered from in-memory indexes, on the
/// event-loop thread). Writes finish later: each completion may run on any thread (after the log
/// fsync) and is called exactly once.
public protocol AdminDirectory: Sendable {
    /// Every integration, in a stable order (oldest first is fine; the pages sort by name).
    func integrations() -> [AdminIntegration]
    func integration(id: String) -> AdminIntegration?

    /// Users matching `query`: search is a case-insensitive "contains" over displayName,
    /// name.formatted, userName and the e-mail addresses; rows are the page
    /// `query.offset ..< query.offset + query.limit` of the sorted result; `total` counts all matches.
    func users(_ query: AdminUserQuery) -> AdminPage<AdminUserRow>
    func user(id: String) -> AdminUserDetail?

    /// Groups matching `query` (search: case-insensitive "contains" over displayName and externalId).
    func groups(_ query: AdminGroupQuery) -> AdminPage<AdminGroupRow>
    /// One group with the members `memberOffset ..< memberOffset + memberLimit` (in stored order).
    func group(id: String, memberOffset: Int, memberLimit: Int) -> AdminGroupDetail?

    /// Recent SCIM requests, newest first, at most `limit`; only `integrationID`'s when given.
    func activity(integrationID: String?, limit: Int) -> [AdminActivity]

    /// The `PasswordHasher` record of the admin password, or nil before setup.
    func adminPasswordRecord() -> String?
    func setAdminPassword(record: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void)

    /// Creates an integration with a fresh bearer token (stored only as a hash); the completion
    /// gets the token's secret, which is shown once and never again.
    /// `AdminError.duplicateName` when another integration already has `name` (case-insensitively).
    func createIntegration(name: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void)
    func renameIntegration(id: String, name: String, completion: @escaping @Sendable (Result<AdminIntegration, AdminError>) -> Void)
    /// Replaces the token: the old one stops working when the completion runs.
    func rotateToken(id: String, completion: @escaping @Sendable (Result<AdminIssuedToken, AdminError>) -> Void)
    /// Deletes the integration, its token, users and groups.
    func deleteIntegration(id: String, completion: @escaping @Sendable (Result<Void, AdminError>) -> Void)
}
