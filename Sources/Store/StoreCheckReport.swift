/// The result of `Store.check`: human-readable lines and whether scimd would start on the directory.
public struct StoreCheckReport: Sendable, CustomStringConvertible {
    /// True when start-up would succeed (possibly after cutting a torn tail, which is normal).
    public var ok: Bool
    public var lines: [String]

    public init(ok: Bool, lines: [String]) {
        self.ok = ok
        self.lines = lines
    }

    public var description: String { lines.joined(separator: "\n") }
}
