/// What recovery found in a data directory, without changing anything: the state to start from,
/// the files it used, and the torn tail to cut or the damage that stops start-up.
struct RecoveryReport {
    struct Snapshot {
        enum Status {
            case used(records: Int, bytes: Int)
            case damaged(offset: Int, reason: String)
            /// Older than the one used: not read.
            case notNeeded
        }
        var name: String
        var sequence: UInt64
        var status: Status
    }

    struct Segment {
        var name: String
        var firstSequence: UInt64
        var size: Int
        /// Valid records read (replayed or already in the snapshot).
        var records: Int = 0
        var lastSequence: UInt64?
    }

    struct TornTail {
        var segment: String
        var offset: Int
        var bytes: Int
        var records: Int
    }

    struct Corruption {
        var file: String
        var offset: Int
        var reason: String
    }

    var directory: String
    var state = DirectoryState()
    var snapshotSequence: UInt64 = 0
    var snapshots: [Snapshot] = []
    /// The segments read (those holding changes after the snapshot), in order.
    var segments: [Segment] = []
    /// Older segments wholly covered by the snapshot (kept as the fallback for the previous snapshot).
    var skippedSegments: [String] = []
    var tornTail: TornTail?
    var corruption: Corruption?
    var temporaryFiles: [String] = []
    var brokenFiles: [String] = []
    var unknownFiles: [String] = []
    /// Bytes of the log after the snapshot (for the next snapshot trigger).
    var logBytesAfterSnapshot = 0

    /// The snapshots newer than the one used that failed to verify.
    var damagedSnapshots: [Snapshot] {
        snapshots.filter { if case .damaged = $0.status { return true } else { return false } }
    }

    /// The segment appends continue in (the last one), if any.
    var lastSegment: Segment? { segments.last }
}
