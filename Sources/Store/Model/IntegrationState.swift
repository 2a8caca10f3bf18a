/// Everything that belongs to one integration.
struct IntegrationState: Sendable {
    var integration: Integration
    var users = ResourceTable(kind: .user)
    var groups = ResourceTable(kind: .group)
    /// groupID → members; absent means no members.
    var memberLists = ShardedDictionary<String, MemberList>()
    /// member value (user or group id) → the groups it is a direct member of.
    var memberOf = ShardedDictionary<String, IDList>()
    var membershipCount = 0

    init(integration: Integration) { self.integration = integration }

    mutating func withTable<R, E: Error>(_ kind: ResourceKind, _ body: (inout ResourceTable) throws(E) -> R) throws(E) -> R {
        switch kind {
        case .user: return try body(&users)
        case .group: return try body(&groups)
        }
    }

    /// Moves a group's member list out (empty if none) so it can be changed without a copy.
    mutating func takeMemberList(_ groupID: String) -> MemberList {
        memberLists.removeValue(forKey: groupID) ?? MemberList()
    }

    /// Puts a member list back (an empty one is not kept).
    mutating func putMemberList(_ list: MemberList, groupID: String) {
        if list.isEmpty { memberLists.removeValue(forKey: groupID) } else { memberLists.updateValue(list, forKey: groupID) }
    }

    /// Whether `id` names a user or a group of this integration.
    func containsResource(_ id: String) -> Bool { containsResource(HashedKey(id)) }
    func containsResource(_ id: HashedKey<String>) -> Bool { users.contains(id) || groups.contains(id) }
}
