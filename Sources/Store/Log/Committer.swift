import SCIMCore
import Synchronization

/// The one thread that appends to the log: group commit without a fixed delay. It takes every
/// request queued while the previous fdatasync ran, appends their records with one write(2) and
/// one fdatasync, then completes them. On a write or sync error it fails that batch, refuses every
/// later request (503) and reports the failure once; it never retries the sync (after a failed
/// fsync the page cache state is unknown: PostgreSQL's fsyncgate rule).
final class Committer: @unchecked Sendable {
    struct Commit: Sendable {
        /// nil for a request that logs nothing (its body changed nothing or threw).
        var sequence: UInt64?
        var operations: [LogOperation]
        /// The body threw: the request fails whatever the disk does (counted as failed).
        var bodyFailed: Bool = false
        /// Called on this thread with the storage error, or nil once the record is durable.
        var complete: @Sendable (SCIMError?) -> Void
    }

    enum Item: Sendable {
        case commit(Commit)
        /// Start a new segment with the records after `after` (for a snapshot at `after`).
        case cut(after: UInt64, done: ResultLatch<StoreError?>)
        case stop
    }

    private let condition = ConditionLock()
    private var queue: [Item] = []
    private let failedFlag = Atomic<Bool>(false)

    private let fileSystem: any StorageFileSystem
    private let directory: String
    private let maxBatchBytes: Int
    private let snapshotThresholdBytes: Int
    private let counters: StoreCounters
    private let onFatalError: @Sendable (String) -> Void
    private let log: @Sendable (String) -> Void
    private let onSnapshotDue: @Sendable () -> Void

    // Owned by the committer thread.
    private var segment: StorageHandle
    private var segmentName: String
    private var segmentFirst: UInt64
    private var segmentSize: Int
    private var logBytesSinceCut: Int
    private var refusal: SCIMError?
    private var thread: WorkerThread?

    init(fileSystem: any StorageFileSystem, directory: String, segment: StorageHandle, segmentFirst: UInt64, segmentSize: Int,
         logBytesSinceSnapshot: Int, maxBatchBytes: Int, snapshotThresholdBytes: Int, counters: StoreCounters,
         onFatalError: @escaping @Sendable (String) -> Void, log: @escaping @Sendable (String) -> Void,
         onSnapshotDue: @escaping @Sendable () -> Void) {
        self.fileSystem = fileSystem
        self.directory = directory
        self.segment = segment
        self.segmentName = DataFileName.segment(firstSequence: segmentFirst)
        self.segmentFirst = segmentFirst
        self.segmentSize = segmentSize
        self.logBytesSinceCut = logBytesSinceSnapshot
        self.maxBatchBytes = maxBatchBytes
        self.snapshotThresholdBytes = snapshotThresholdBytes
        self.counters = counters
        self.onFatalError = onFatalError
        self.log = log
        self.onSnapshotDue = onSnapshotDue
    }

    func start() {
        thread = WorkerThread(name: "scimd-committer") { [self] in run() }
    }

    /// Whether the caller runs on the committer thread (inside a completion).
    var isCurrentThread: Bool { thread?.isCurrent ?? false }

    /// True once a write or sync failed: every later write is refused.
    var hasFailed: Bool { failedFlag.load(ordering: .acquiring) }

    func enqueue(_ item: Item) {
        condition.withLock {
            queue.append(item)
            condition.broadcast()
        }
    }

    /// Writes everything queued, then stops the thread and closes the segment.
    func stop() {
        enqueue(.stop)
        thread?.join()
        thread = nil
    }

    static let refusedAfterFailure = SCIMError(
        status: 503, detail: "the directory is read-only after a storage failure; scimd must be restarted")

    private func run() {
        var pending: [Item] = []
        var head = 0
        var batch: [Commit] = []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(maxBatchBytes + 4096)
        while true {
            if head == pending.count {
                pending.removeAll(keepingCapacity: true)
                head = 0
                condition.lock()
                while queue.isEmpty { condition.wait() }
                swap(&pending, &queue)
                condition.unlock()
            }
            switch pending[head] {
            case .stop:
                fileSystem.close(segment)
                return
            case .cut(let after, let done):
                head += 1
                done.fill(cut(after: after))
                continue
            case .commit:
                break
            }
            // The batch: consecutive commits, records up to maxBatchBytes (at least one record).
            batch.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            var records = 0
            while head < pending.count, case .commit(let commit) = pending[head] {
                if let sequence = commit.sequence, refusal == nil {
                    let before = bytes.count
                    LogRecord.append(sequence: sequence, batchStart: before == 0, operations: commit.operations, to: &bytes)
                    if before > 0 && bytes.count > maxBatchBytes {
                        bytes.removeSubrange(before...)
                        break
                    }
                    records += 1
                }
                batch.append(commit)
                head += 1
            }
            var error = refusal
            if error == nil && !bytes.isEmpty { error = append(bytes, records: records) }
            let succeeded = error == nil ? UInt64(batch.count { !$0.bodyFailed }) : 0
            let failedCount = UInt64(batch.count) - succeeded
            counters.update { $0.commits += succeeded; $0.failedCommits += failedCount }
            for commit in batch { commit.complete(error) }
            if refusal == nil, logBytesSinceCut >= snapshotThresholdBytes { onSnapshotDue() }
        }
    }

    /// One write(2) and one fdatasync; nil on success, the error for the batch otherwise.
    private func append(_ bytes: [UInt8], records: Int) -> SCIMError? {
        do throws(StorageIOError) {
            try fileSystem.write(segment, bytes)
        } catch {
            // Redis' rule: cut a short write back so it cannot look like data; the restart checks anyway.
            if error.bytesWritten > 0 { try? fileSystem.truncate(segment, to: segmentSize) }
            return fail(error, during: "write to \(segmentName)")
        }
        segmentSize += bytes.count
        logBytesSinceCut += bytes.count
        do throws(StorageIOError) {
            try fileSystem.fdatasync(segment)
        } catch {
            counters.update { $0.fsyncs += 1 }
            return fail(error, during: "fdatasync of \(segmentName)")
        }
        let size = UInt64(bytes.count)
        let sinceCut = UInt64(logBytesSinceCut)
        counters.update {
            $0.fsyncs += 1
            $0.batches += 1
            $0.recordsAppended += UInt64(records)
            $0.bytesAppended += size
            $0.logBytesSinceSnapshot = sinceCut
        }
        return nil
    }

    private func cut(after sequence: UInt64) -> StoreError? {
        if refusal != nil { return StoreError("the log can no longer be written (an earlier storage failure)") }
        if segmentFirst == sequence + 1 { return nil }  // the current segment holds nothing yet
        let name = DataFileName.segment(firstSequence: sequence + 1)
        let path = DataFileName.join(directory, name)
        do throws(StorageIOError) {
            try fileSystem.writeFileAtomically(path, directory: directory, contents: [])
            let handle = try fileSystem.openForAppend(path, create: false, truncate: false)
            fileSystem.close(segment)
            segment = handle
        } catch {
            _ = fail(error, during: "creating \(name)")
            return StoreError("could not start log segment \(name): \(error)")
        }
        segmentName = name
        segmentFirst = sequence + 1
        segmentSize = 0
        logBytesSinceCut = 0
        counters.update { $0.logBytesSinceSnapshot = 0 }
        return nil
    }

    /// Enters the failed state: this batch gets `error`'s SCIM form, later ones 503.
    private func fail(_ error: StorageIOError, during what: String) -> SCIMError {
        let scimError: SCIMError
        if error.isNoSpace {
            scimError = SCIMError(status: 507, detail: "the directory could not be saved: disk full; nothing was changed")
        } else {
            scimError = SCIMError(status: 500, detail: "the directory could not be saved: \(error.reason) (\(what)); the change was not confirmed")
        }
        refusal = Self.refusedAfterFailure
        failedFlag.store(true, ordering: .releasing)
        counters.update { $0.failed = true }
        let message = "storage failure: \(error.operation) failed during \(what): \(error.reason); the store refuses further writes — restart scimd to replay the log"
        log(message)
        onFatalError(message)
        return scimError
    }
}
