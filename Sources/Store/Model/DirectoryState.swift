import Crypto
import SCIMCore

/// The whole directory in memory: integrations, their users and groups with indexes, and the admin
/// password record. Readers get it borrowed under the store's lock (`Store.read`), transactions
/// change it through `Transaction`; keep no copy of it beyond the closure you are given (a copy
/// makes the next write duplicate the shards it touches).
public struct DirectoryState: Sendable {
    var integrationStates: [String: IntegrationState] = [:]
    var integrationOrder: [String] = []
    var integrationNames: [String: String] = [:]      // ASCII-lowercased name → id
    var tokenIndex: [[UInt8]: String] = [:]            // token hash → id
    var adminPassword: String?
    /// The sequence number of the last change applied (in memory; the log may still be syncing it).
    public internal(set) var lastSequence: UInt64 = 0

    public init() {}

    // MARK: Integrations

    /// In creation order.
    public var integrations: [Integration] { integrationOrder.compactMap { integrationStates[$0]?.integration } }

    public func integration(id: String) -> Integration? { integrationStates[id]?.integration }

    /// Case-insensitive (ASCII).
    public func integration(named name: String) -> Integration? {
        integrationNames[name.asciiLowercased].flatMap { integrationStates[$0]?.integration }
    }

    /// The integration whose token hash equals `tokenHash` (hash lookup, then a constant-time compare).
    public func integration(tokenHash: [UInt8]) -> Integration? {
        guard let id = tokenIndex[tokenHash], let integration = integrationStates[id]?.integration,
              ConstantTime.equals(integration.tokenHash, tokenHash) else { return nil }
        return integration
    }

    public var adminPasswordRecord: String? { adminPassword }

    // MARK: Resources

    /// The resource, its attributes rebuilt from their compact form (a few microseconds: look up
    /// ids and names through the indexes, not by reading every resource).
    public func resource(_ kind: ResourceKind, integrationID: String, id: String) -> StoredResource? {
        guard let s = integrationStates[integrationID] else { return nil }
        return kind == .user ? s.users.resource(id, integrationID: s.integration.id) : s.groups.resource(id, integrationID: s.integration.id)
    }

    /// Whether a resource exists, without rebuilding it.
    public func contains(_ kind: ResourceKind, integrationID: String, id: String) -> Bool {
        guard let s = integrationStates[integrationID] else { return false }
        return kind == .user ? s.users.contains(id) : s.groups.contains(id)
    }

    /// The stored entry of a resource (metadata and compact attributes), without rebuilding it.
    func entry(_ kind: ResourceKind, integrationID: String, id: String) -> ResourceEntry? {
        guard let s = integrationStates[integrationID] else { return nil }
        return (kind == .user ? s.users : s.groups).entry(id)
    }

    /// version and lastModified of a resource, without rebuilding it (ETags, If-Match).
    public func version(_ kind: ResourceKind, integrationID: String, id: String) -> (version: Int64, lastModified: Int64)? {
        guard let s = integrationStates[integrationID], let e = (kind == .user ? s.users : s.groups).entry(id) else { return nil }
        return (e.version, e.lastModified)
    }

    /// Case-insensitive, as filters compare (`ValueComparison.caseInsensitiveKey`).
    public func userID(integrationID: String, userName: String) -> String? {
        integrationStates[integrationID]?.users.id(forName: userName)
    }

    /// Case-insensitive, as filters compare (`ValueComparison.caseInsensitiveKey`).
    public func groupID(integrationID: String, displayName: String) -> String? {
        integrationStates[integrationID]?.groups.id(forName: displayName)
    }

    /// Exact match, in the order the resources took that externalId.
    public func resourceIDs(_ kind: ResourceKind, integrationID: String, externalId: String) -> [String] {
        guard let s = integrationStates[integrationID] else { return [] }
        return kind == .user ? s.users.ids(forExternalId: externalId) : s.groups.ids(forExternalId: externalId)
    }

    public func resourceCount(_ kind: ResourceKind, integrationID: String) -> Int {
        guard let s = integrationStates[integrationID] else { return 0 }
        return kind == .user ? s.users.count : s.groups.count
    }

    /// Resources `offset ..< offset + limit` in stable creation order; O(limit + n/1024).
    public func resources(_ kind: ResourceKind, integrationID: String, offset: Int, limit: Int) -> [StoredResource] {
        guard let s = integrationStates[integrationID] else { return [] }
        let table = kind == .user ? s.users : s.groups
        return table.order.page(offset: offset, limit: limit).compactMap { table.resource($0, integrationID: s.integration.id) }
    }

    /// Visits resources in creation order; return false to stop.
    public func forEachResource(_ kind: ResourceKind, integrationID: String, _ body: (StoredResource) -> Bool) {
        guard let s = integrationStates[integrationID] else { return }
        let table = kind == .user ? s.users : s.groups
        table.order.forEach { id in
            guard let e = table.entry(id) else { return true }
            return body(ResourceTable.resource(id, e, kind: kind, integrationID: s.integration.id))
        }
    }

    /// Resource ids in creation order (no attributes rebuilt); return false to stop.
    public func forEachResourceID(_ kind: ResourceKind, integrationID: String, _ body: (String) -> Bool) {
        guard let s = integrationStates[integrationID] else { return }
        (kind == .user ? s.users : s.groups).order.forEach(body)
    }

    /// The members of a group (empty list for a group without members), nil if there is no such group.
    public func members(integrationID: String, groupID: String) -> MemberList? {
        guard let s = integrationStates[integrationID], s.groups.entries[groupID] != nil else { return nil }
        return s.memberLists[groupID] ?? MemberList()
    }

    /// The groups `userID` (a user or group id) is a direct member of, sorted by group id.
    public func groupIDs(integrationID: String, userID: String) -> [String] {
        (integrationStates[integrationID]?.memberOf[userID]?.ids ?? []).sorted()
    }

    // MARK: Totals

    public var userCount: Int { integrationStates.values.reduce(0) { $0 + $1.users.count } }
    public var groupCount: Int { integrationStates.values.reduce(0) { $0 + $1.groups.count } }
    public var membershipCount: Int { integrationStates.values.reduce(0) { $0 + $1.membershipCount } }
    public func membershipCount(integrationID: String) -> Int { integrationStates[integrationID]?.membershipCount ?? 0 }
}
