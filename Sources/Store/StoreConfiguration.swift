import CLinux

/// How to open a store. Only `directory` is required.
public struct StoreConfiguration: Sendable {
    public var directory: String
    /// Log bytes since the last snapshot that trigger the next one.
    public var snapshotThresholdBytes: Int = 64 << 20
    /// Most bytes one write(2) of the committer carries (a single larger record goes alone). Also the
    /// window in which recovery accepts a bad last record as a torn write.
    public var maxBatchBytes: Int = 1 << 20
    /// Injectable for fault tests.
    public var fileSystem: any StorageFileSystem = PosixFileSystem()
    /// Milliseconds since the Unix epoch.
    public var clock: @Sendable () -> Int64 = { clinux_wall_ms() }
    /// Called once when the log can no longer be written; the executable logs and exits(1) so the
    /// restart replays the log.
    public var onFatalError: @Sendable (String) -> Void = { _ in }
    /// Operational messages (torn tail cut, snapshot written, storage failure).
    public var log: @Sendable (String) -> Void = { _ in }

    public init(directory: String,
                snapshotThresholdBytes: Int = 64 << 20,
                maxBatchBytes: Int = 1 << 20,
                fileSystem: any StorageFileSystem = PosixFileSystem(),
                clock: @escaping @Sendable () -> Int64 = { clinux_wall_ms() },
                onFatalError: @escaping @Sendable (String) -> Void = { _ in },
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.snapshotThresholdBytes = snapshotThresholdBytes
        self.maxBatchBytes = maxBatchBytes
        self.fileSystem = fileSystem
        self.clock = clock
        self.onFatalError = onFatalError
        self.log = log
    }
}
