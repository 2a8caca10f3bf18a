/// A store-level failure: opening (lock, recovery), compaction, offline tools.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public init(message: String) { self.message = message }
    public var description: String { message }
}
