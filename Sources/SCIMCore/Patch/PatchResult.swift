/// What a PATCH did: the new stored attribute object (without `members` for a Group) and the
/// membership changes, in operation order.
public struct PatchResult: Sendable, Equatable {
    public var attributes: JSONObject
    public var membershipChanges: [MembershipChange]
    /// True when `attributes` differ from the input or there is a membership change (which may still
    /// be a no-op for the store, e.g. adding an existing member).
    public var changed: Bool

    public init(attributes: JSONObject, membershipChanges: [MembershipChange], changed: Bool) {
        self.attributes = attributes
        self.membershipChanges = membershipChanges
        self.changed = changed
    }
}
