import SCIMCore

/// A user or group as the store keeps it. Group members live in the group's `MemberList`, a user's
/// groups are derived from membership; neither is in `attributes`.
public struct StoredResource: Sendable, Equatable {
    public var id: String
    public var kind: ResourceKind
    public var integrationID: String
    /// Milliseconds since the Unix epoch.
    public var created: Int64
    public var lastModified: Int64
    /// 1 on create, +1 on every change (once per transaction), membership changes included.
    public var version: Int64
    /// The normalised attributes: everything but id, meta, groups (User) and members (Group);
    /// includes "schemas", "externalId" and "userName" / "displayName".
    public var attributes: JSONObject

    public init(id: String, kind: ResourceKind, integrationID: String, created: Int64 = 0, lastModified: Int64 = 0,
                version: Int64 = 0, attributes: JSONObject) {
        self.id = id
        self.kind = kind
        self.integrationID = integrationID
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.attributes = attributes
    }

    /// userName (User) or displayName (Group), if present as a string.
    public var uniqueName: String? {
        attributes.value(forKeyIgnoringCase: kind.uniqueAttribute)?.stringValue
    }

    public var externalId: String? {
        attributes.value(forKeyIgnoringCase: "externalId")?.stringValue
    }
}
