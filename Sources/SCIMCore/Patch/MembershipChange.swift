/// A change to a Group's member list, as a PATCH asked for it. The store applies these in order, in
/// time proportional to the change (never rewriting a 100,000-member list); adding a member that is
/// already there, or removing one that isn't, is a no-op for the store.
public enum MembershipChange: Sendable, Equatable {
    /// Add these members (each has a string `value`; `$ref`, `type`, `display` only as sent).
    case add([JSONObject])
    /// Remove the members with these ids: `remove members` with a value list (Entra, JumpCloud),
    /// or `members[value eq "…"]` (Okta, Entra with the compliance flag).
    case remove(values: [String])
    /// Remove the members matching this filter, relative to a member element (`display eq "x"`);
    /// evaluate it with `FilterEvaluator.matches(_:element:of:)` and the Group's `members` attribute.
    case removeMatching(FilterExpression)
    /// Remove every member (`remove members` without a value, or `replace` with null).
    case removeAll
    /// Make the member list exactly this (`replace members`).
    case replaceAll([JSONObject])
}
