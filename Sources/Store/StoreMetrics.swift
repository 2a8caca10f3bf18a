/// Counters of the store, for `/metrics` and for tests that check batching.
public struct StoreMetrics: Sendable, Equatable {
    /// Log records written (one per committed transaction that changed something).
    public var recordsAppended: UInt64 = 0
    public var bytesAppended: UInt64 = 0
    /// write(2)+fdatasync rounds of the committer.
    public var batches: UInt64 = 0
    /// fdatasync calls on the log (group commit: fewer than `commits` under concurrency).
    public var fsyncs: UInt64 = 0
    /// Write requests completed successfully (including those that changed nothing).
    public var commits: UInt64 = 0
    /// Write requests completed with an error (the body threw, or storage failed).
    public var failedCommits: UInt64 = 0
    public var snapshotsWritten: UInt64 = 0
    /// Sequence number, wall-clock time (ms since epoch) and duration (ms) of the last snapshot; 0 if none.
    public var lastSnapshotSequence: UInt64 = 0
    public var lastSnapshotTime: Int64 = 0
    public var lastSnapshotDurationMs: Int64 = 0
    /// Log bytes written since the last snapshot's cut (a snapshot is due at `snapshotThresholdBytes`).
    public var logBytesSinceSnapshot: UInt64 = 0
    /// True after a storage failure: the store refuses writes until restarted.
    public var failed: Bool = false
    public var lastSequence: UInt64 = 0
    public var integrations = 0
    public var users = 0
    public var groups = 0
    public var memberships = 0

    public init() {}
}
