/// One operation of a PATCH request (RFC 7644 section 3.5.2), as parsed by `PatchRequest.parse`.
public struct PatchOperation: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable {
        case add, remove, replace
    }

    public var op: Op
    /// Nil when the operation has no `path` (its value object names the attributes).
    public var path: PatchPath?
    /// The `value` member: nil when absent, `.null` when sent as null.
    public var value: JSONValue?

    public init(op: Op, path: PatchPath? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }
}
