/// An open file of a `StorageFileSystem` (a file descriptor for `PosixFileSystem`).
public struct StorageHandle: Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}
