import SCIMCore

/// The inverse of one primitive change, so a transaction whose body throws is rolled back in
/// O(change) (a log of inverses, replayed backwards) instead of copying the state up front.
enum UndoStep: Sendable {
    case removeCreatedIntegration(id: String)
    case restoreIntegration(Integration)
    case reinsertIntegration(IntegrationState, position: Int)
    case restoreAdminPassword(String?)
    case removeCreatedResource(kind: ResourceKind, integrationID: String, id: String)
    case restoreResource(ResourceRecord)
    case reinsertResource(kind: ResourceKind, integrationID: String, id: String, entry: ResourceEntry)
    case reinsertMember(integrationID: String, groupID: String, member: JSONObject, value: String, ordinal: Int)
    case removeAddedMember(integrationID: String, groupID: String, value: String)
    case restoreGroupMeta(integrationID: String, groupID: String, version: Int64, lastModified: Int64)
    case restoreMemberList(integrationID: String, groupID: String, list: MemberList)
}
