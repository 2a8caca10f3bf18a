import CLinux
import Glibc
import SCIMCore

/// The durable directory: an append-only JSON-lines log with snapshots in one data directory, and
/// the whole directory in memory with its indexes.
///
/// ## Data directory
///
///     LOCK                               flock'd (exclusive) by the running scimd; never holds data
///     log-<first seq, 16 digits>.jsonl   log segments: one record per line, in sequence order
///     snapshot-<seq, 16 digits>.jsonl    snapshots: the whole directory as of record <seq>
///     *.broken                           bytes cut off by recovery or `scimd repair`, kept for inspection
///     *.tmp                              a file being written; deleted at start
///
/// A log line is `{"crc":"<crc32c of rec, 8 hex>","rec":{"seq":n,"v":1,"t":"<type>",...}}`: one
/// transaction (one or more events, applied all or nothing), with a contiguous sequence number and
/// the format version. Events, not states: adding one member to a big group logs that member only.
/// A snapshot is a header line, one line per integration / user / group (big groups' members split
/// across lines) and a trailer line holding the line count and a CRC-32C of everything before it.
///
/// ## What is promised
///
/// - A write completes successfully only after its record is on stable storage (written with
///   write(2) and flushed with fdatasync before the completion runs). A crash, `kill -9` or power
///   loss loses nothing that was acknowledged, provided the disk honours flushes.
/// - Writers are batched (group commit): every request that arrives while a flush is running goes
///   into the next write(2) + fdatasync; there is no artificial delay.
/// - A transaction is atomic: after a crash it is there entirely or not at all. A write that failed
///   or got no answer may or may not be there after a restart, never half.
/// - Readers never wait for the disk, and they see a change as soon as its transaction is applied
///   in memory, which is shortly *before* it is durable (as in Redis): a change whose flush then
///   fails is visible until the process restarts.
/// - If write(2) or fdatasync fails (disk full, I/O error), the waiting requests fail (507 for a full
///   disk, 500 otherwise), every later write is refused with 503, and `onFatalError` is called so
///   the process exits and restarts; the flush is never retried (after a failed fsync the kernel's
///   page cache can no longer be trusted). The restart replays the log.
/// - Snapshots are written while traffic continues and never put acknowledged data at risk: a new
///   segment is started at a consistent point, the copy of the state at that point is written to a
///   `.tmp` file, fsync'd, renamed into place once the log up to that point is durable, and the
///   directory is fsync'd. Only then are snapshots older than the previous one deleted, and
///   segments that hold nothing after the previous snapshot. A crash at any step loses nothing.
///
/// ## What recovery does (at every start)
///
/// 1. Takes the lock: a second scimd on the same directory is refused.
/// 2. Deletes `*.tmp` files (unfinished snapshots or segments).
/// 3. Loads the newest snapshot whose trailer verifies. A newer damaged one is renamed to
///    `.broken` and the previous snapshot is used, with a longer replay.
/// 4. Replays the segments after the snapshot, checking every record's CRC and that sequence
///    numbers run on without a gap.
/// 5. A bad or incomplete record at the end of the last segment is the torn tail of a batch that
///    was never acknowledged (the next batch is only written after the previous flush returned):
///    its bytes are copied to `<segment>.broken`, the segment is truncated there and fsync'd, and
///    a line says so: "cut N bytes (M records) from the torn tail of log-….jsonl". Such a record
///    must lie within the last `maxBatchBytes` of the file (or be followed by nothing valid) and no
///    valid record after it may start a batch (each write(2) marks its first record).
/// 6. Any other damage — a bad record with valid batches after it, a gap in sequence numbers, a
///    missing segment, no usable snapshot — stops start-up with a message naming the file and the
///    byte offset. `scimd check` describes the directory without changing it; `scimd repair` cuts
///    the log at the first bad record (keeping the cut bytes in a `.broken` file) when asked to.
///
/// ## In memory
///
/// Per integration: users and groups by id, userName / displayName (ASCII-lowercased) → id,
/// externalId → ids, creation order (chunked, so paging by offset is O(limit)), each group's
/// ordered member list and member → groups. Attributes are kept as their compact JSON text
/// (about 1.1 KB per user in all, against about 2.3 KB for parsed trees); `resource(...)`
/// rebuilds the `JSONObject` (microseconds), so check existence with `contains(...)` and ETags with
/// `version(...)`. Big tables are split in shards so that the copy-on-write after a snapshot's
/// point-in-time copy duplicates only the shards the next writes touch.
///
/// ## Threads
///
/// `write` runs the transaction body on the caller's thread under the state lock (CPU only, no
/// I/O), then queues the record for the committer thread, which calls the completion after the
/// flush. `read` takes the state lock shared (a read nested in a read is fine; `read` or `write`
/// inside a write body, and `writeAndWait` inside a completion, are programming errors and stop
/// the process with a message). A snapshot thread writes snapshots.
public final class Store: @unchecked Sendable {
    let configuration: StoreConfiguration
    private let fileSystem: any StorageFileSystem
    private let directory: String
    private let lockHandle: StorageHandle
    private let stateLock = ReadWriteLock()
    private var state: DirectoryState          // guarded by stateLock
    private var closed = false                 // guarded by stateLock
    private let committer: Committer
    private let scheduler: SnapshotScheduler
    private let counters: StoreCounters
    private let closeLock = ConditionLock()
    private var closeDone = false              // guarded by closeLock

    private init(configuration: StoreConfiguration, lockHandle: StorageHandle, state: DirectoryState, committer: Committer,
                 scheduler: SnapshotScheduler, counters: StoreCounters) {
        self.scheduler = scheduler
        self.configuration = configuration
        self.fileSystem = configuration.fileSystem
        self.directory = configuration.directory
        self.lockHandle = lockHandle
        self.state = state
        self.committer = committer
        self.counters = counters
    }

    deinit { close() }

    // MARK: Opening

    /// Opens (creating it if missing) and recovers the data directory, then starts the committer and
    /// snapshot threads. Throws when another process holds the lock or the directory is damaged
    /// beyond a torn tail (the message names the file and offset and points to `scimd check` /
    /// `scimd repair`).
    public static func open(_ configuration: StoreConfiguration) throws(StoreError) -> Store {
        let fs = configuration.fileSystem
        let dir = configuration.directory
        do throws(StorageIOError) { try fs.makeDirectory(dir) } catch {
            throw StoreError("cannot create the data directory \(dir): \(error.reason)")
        }
        let lockHandle = try takeLock(dir, fileSystem: fs, exclusive: true)
        do throws(StoreError) {
            let opened = try recover(configuration)
            let counters = StoreCounters()
            counters.update {
                $0.lastSnapshotSequence = opened.report.snapshotSequence
                $0.logBytesSinceSnapshot = UInt64(opened.report.logBytesAfterSnapshot)
            }
            let scheduler = SnapshotScheduler()
            let committer = Committer(
                fileSystem: fs, directory: dir, segment: opened.segment, segmentFirst: opened.segmentFirst,
                segmentSize: opened.segmentSize, logBytesSinceSnapshot: opened.report.logBytesAfterSnapshot,
                maxBatchBytes: configuration.maxBatchBytes, snapshotThresholdBytes: configuration.snapshotThresholdBytes,
                counters: counters, onFatalError: Self.once(configuration.onFatalError), log: configuration.log,
                onSnapshotDue: { [weak scheduler] in scheduler?.requestIfIdle() })
            let store = Store(configuration: configuration, lockHandle: lockHandle, state: opened.report.state,
                              committer: committer, scheduler: scheduler, counters: counters)
            committer.start()
            scheduler.start { [weak store] in store?.writeSnapshot() }
            return store
        } catch {
            fs.close(lockHandle)
            throw error
        }
    }

    private static func once(_ body: @escaping @Sendable (String) -> Void) -> @Sendable (String) -> Void {
        let flag = OnceFlag()
        return { message in if flag.claim() { body(message) } }
    }

    static func takeLock(_ dir: String, fileSystem fs: any StorageFileSystem, exclusive: Bool) throws(StoreError) -> StorageHandle {
        let path = DataFileName.join(dir, DataFileName.lock)
        do throws(StorageIOError) {
            return try fs.lock(path, exclusive: exclusive)
        } catch {
            if error.errno == EWOULDBLOCK || error.errno == EAGAIN {
                throw StoreError("data directory \(dir) is in use by another scimd (lock held on \(path))")
            }
            throw StoreError("cannot lock the data directory \(dir) (\(path)): \(error.reason)")
        }
    }

    private struct Opened {
        var report: RecoveryReport
        var segment: StorageHandle
        var segmentFirst: UInt64
        var segmentSize: Int
    }

    /// Recovery with the lock held: analyse, refuse on damage, else fix the torn tail and open the
    /// segment to append to.
    private static func recover(_ configuration: StoreConfiguration) throws(StoreError) -> Opened {
        let fs = configuration.fileSystem
        let dir = configuration.directory
        let log = configuration.log
        try removeTemporaryFiles(dir, fileSystem: fs, log: log)
        // The torn-tail window is at least the default batch size, in case an earlier run wrote bigger batches.
        let report = try Recovery.analyze(directory: dir, fileSystem: fs, maxBatchBytes: max(configuration.maxBatchBytes, 1 << 20))
        for name in report.unknownFiles { log("ignoring unexpected file \(name) in the data directory \(dir)") }
        if let c = report.corruption {
            throw StoreError("""
                the data directory \(dir) is damaged: \(c.file) at byte \(c.offset): \(c.reason). \
                scimd will not start on it. Run `scimd check` to see the details; `scimd repair` cuts the log \
                at the damage (the cut bytes are kept in a .broken file and the changes after it are lost). \
                Make a copy of the directory first.
                """)
        }
        do throws(StorageIOError) {
            for damaged in report.damagedSnapshots {
                var detail = ""
                if case .damaged(let offset, let reason) = damaged.status { detail = " (byte \(offset): \(reason))" }
                let path = DataFileName.join(dir, damaged.name)
                let broken = DataFileName.broken(for: damaged.name, existing: try fs.list(dir))
                try fs.rename(path, to: DataFileName.join(dir, broken))
                log("snapshot \(damaged.name) is damaged\(detail): renamed it to \(broken) and started from the previous snapshot")
            }
            if !report.damagedSnapshots.isEmpty { try fs.fsyncDirectory(dir) }
            if let torn = report.tornTail {
                let broken = try cutTornTail(torn, directory: dir, fileSystem: fs)
                log("cut \(torn.bytes) bytes (\(torn.records) records) from the torn tail of \(torn.segment) at byte \(torn.offset); they are kept in \(broken)")
            }
            // Append to the last segment when the log continues there, else start a new one.
            let next = report.state.lastSequence + 1
            if let last = report.lastSegment,
               last.firstSequence + UInt64(last.records) == next {
                let path = DataFileName.join(dir, last.name)
                let handle = try fs.openForAppend(path, create: false, truncate: false)
                let size: Int
                do throws(StorageIOError) { size = try fs.size(handle) } catch {
                    fs.close(handle)
                    throw error
                }
                return Opened(report: report, segment: handle, segmentFirst: last.firstSequence, segmentSize: size)
            }
            let name = DataFileName.segment(firstSequence: next)
            let path = DataFileName.join(dir, name)
            try fs.writeFileAtomically(path, directory: dir, contents: [])
            let handle = try fs.openForAppend(path, create: false, truncate: false)
            return Opened(report: report, segment: handle, segmentFirst: next, segmentSize: 0)
        } catch {
            throw StoreError("recovery of the data directory \(dir) failed: \(error)")
        }
    }

    static func removeTemporaryFiles(_ dir: String, fileSystem fs: any StorageFileSystem, log: (String) -> Void) throws(StoreError) {
        do throws(StorageIOError) {
            let stray = try fs.list(dir).filter { $0.hasSuffix(DataFileName.temporarySuffix) }
            for name in stray {
                try fs.unlink(DataFileName.join(dir, name))
                log("removed the unfinished file \(name) from the data directory \(dir)")
            }
            if !stray.isEmpty { try fs.fsyncDirectory(dir) }
        } catch {
            throw StoreError("cannot clean the data directory \(dir): \(error)")
        }
    }

    /// Keeps the cut bytes in `<segment>.broken` (or the next free `.<n>.broken` name), then
    /// truncates the segment and syncs both. Returns the name of the file holding the cut bytes.
    @discardableResult
    static func cutTornTail(_ torn: RecoveryReport.TornTail, directory dir: String, fileSystem fs: any StorageFileSystem) throws(StorageIOError) -> String {
        let path = DataFileName.join(dir, torn.segment)
        let bytes = try fs.readFile(path)
        let cut = Array(bytes[min(torn.offset, bytes.count)...])
        let brokenName = DataFileName.broken(for: torn.segment, existing: try fs.list(dir))
        let broken = try fs.openForAppend(DataFileName.join(dir, brokenName), create: true, truncate: true)
        do throws(StorageIOError) {
            try fs.write(broken, cut)
            try fs.fsync(broken)
        } catch {
            fs.close(broken)
            throw error
        }
        fs.close(broken)
        let handle = try fs.openForAppend(path, create: false, truncate: false)
        do throws(StorageIOError) {
            try fs.truncate(handle, to: torn.offset)
            try fs.fsync(handle)
        } catch {
            fs.close(handle)
            throw error
        }
        fs.close(handle)
        try fs.fsyncDirectory(dir)
        return brokenName
    }

    // MARK: Reading

    /// Runs `body` with the current state under the shared lock. Readers never wait for the disk,
    /// only for a transaction body in progress. Do not let the state (or parts of it) escape.
    public func read<T>(_ body: (borrowing DirectoryState) throws -> T) rethrows -> T {
        stateLock.lockShared()
        defer { stateLock.unlockShared() }
        return try body(state)
    }

    // MARK: Writing

    /// Runs `body` as a transaction under the writer lock, on the calling thread, against the current
    /// state. If it throws, every change it made is undone and nothing is logged. Otherwise its
    /// changes become one log record, and `completion` runs on the committer thread once that record
    /// is fdatasync'd — or with the storage error (507 disk full, 500 I/O error, 503 after an earlier
    /// failure or once the store is closed). A body that changed nothing still completes after the
    /// writes queued before it are durable (what it read is then on disk).
    /// Never call `write`, `writeAndWait` or `read` from inside a body.
    public func write<T: Sendable>(_ body: @escaping (inout Transaction) throws(SCIMError) -> T,
                                   completion: @escaping @Sendable (Result<T, SCIMError>) -> Void) {
        stateLock.lockExclusive()
        if closed {
            stateLock.unlockExclusive()
            completion(.failure(Self.closedError))
            return
        }
        if committer.hasFailed {
            committer.enqueue(.commit(.init(sequence: nil, operations: [], bodyFailed: true) { error in
                completion(.failure(error ?? Committer.refusedAfterFailure))
            }))
            stateLock.unlockExclusive()
            return
        }
        var placeholder = DirectoryState()
        swap(&placeholder, &state)
        var transaction = Transaction(state: consume placeholder, now: configuration.clock())
        let outcome: Result<T, SCIMError>
        do throws(SCIMError) { outcome = .success(try body(&transaction)) } catch { outcome = .failure(error) }
        let failed: Bool
        if case .failure = outcome { failed = true } else { failed = false }
        state = transaction.finish(rollback: failed)
        var sequence: UInt64?
        let operations = failed ? [] : transaction.operations
        if !operations.isEmpty {
            state.lastSequence += 1
            sequence = state.lastSequence
        }
        committer.enqueue(.commit(.init(sequence: sequence, operations: operations, bodyFailed: failed) { storageError in
            if !failed, let storageError {
                completion(.failure(storageError))
            } else {
                completion(outcome)
            }
        }))
        stateLock.unlockExclusive()
    }

    /// `write`, waiting for the completion (for the CLI and tests). Do not call it on the committer
    /// thread, i.e. from a completion.
    @discardableResult
    public func writeAndWait<T: Sendable>(_ body: @escaping (inout Transaction) throws(SCIMError) -> T) throws(SCIMError) -> T {
        precondition(!committer.isCurrentThread, "Store.writeAndWait from a write completion would wait for itself: use write")
        let latch = ResultLatch<Result<T, SCIMError>>()
        write(body) { latch.fill($0) }
        return try latch.wait().get()
    }

    static let closedError = SCIMError(status: 503, detail: "the directory is closed")

    // MARK: Snapshots

    /// Writes a snapshot of the state now and drops the segments and snapshots it makes unnecessary
    /// (keeping the previous snapshot and the log after it). Blocks until done.
    public func compact() throws(StoreError) {
        if let error = scheduler.requestAndWait() { throw error }
    }

    /// One snapshot (on the snapshot thread): consistent point and segment cut under the lock, then
    /// serialise the copy, wait until the log up to that point is durable, rename into place, fsync
    /// the directory, delete what is no longer needed.
    private func writeSnapshot() -> StoreError? {
        let started = monotonicMilliseconds()
        let cutDone = ResultLatch<StoreError?>()
        stateLock.lockExclusive()
        let copy = state  // copy-on-write: the live state duplicates only the shards it then changes
        let sequence = copy.lastSequence
        committer.enqueue(.cut(after: sequence, done: cutDone))
        stateLock.unlockExclusive()

        let previous = counters.snapshot.lastSnapshotSequence
        if sequence == previous && sequence > 0 && snapshotExists(sequence) {
            return cutDone.wait()
        }
        let written: SnapshotWriter.Written
        do throws(StorageIOError) {
            written = try SnapshotWriter.write(consume copy, sequence: sequence, created: configuration.clock(),
                                               directory: directory, fileSystem: fileSystem)
        } catch {
            _ = cutDone.wait()
            let message = "snapshot at seq \(sequence) failed: \(error); the log keeps everything, the next attempt follows after more changes"
            configuration.log(message)
            return StoreError(message)
        }
        if let error = cutDone.wait() {
            try? fileSystem.unlink(written.temporaryPath)
            return error
        }
        do throws(StorageIOError) {
            try fileSystem.rename(written.temporaryPath, to: written.finalPath)
            try fileSystem.fsyncDirectory(directory)
        } catch {
            try? fileSystem.unlink(written.temporaryPath)
            let message = "snapshot at seq \(sequence) could not be put in place: \(error)"
            configuration.log(message)
            return StoreError(message)
        }
        let removed = removeObsoleteFiles(newest: sequence)
        let duration = monotonicMilliseconds() - started
        let now = configuration.clock()
        counters.update {
            $0.snapshotsWritten += 1
            $0.lastSnapshotSequence = sequence
            $0.lastSnapshotTime = now
            $0.lastSnapshotDurationMs = duration
        }
        configuration.log("snapshot \(DataFileName.snapshot(sequence: sequence)) written (\(written.records) lines, \(written.bytes) bytes, \(duration) ms)"
            + (removed.isEmpty ? "" : "; removed \(removed.joined(separator: ", "))"))
        return nil
    }

    private func snapshotExists(_ sequence: UInt64) -> Bool {
        (try? fileSystem.list(directory).contains(DataFileName.snapshot(sequence: sequence))) ?? false
    }

    /// Deletes snapshots older than the previous one, and segments holding nothing after it.
    private func removeObsoleteFiles(newest: UInt64) -> [String] {
        guard let names = try? fileSystem.list(directory) else { return [] }
        let snapshots = names.compactMap { n in DataFileName.parseSnapshot(n).map { ($0, n) } }.sorted { $0.0 < $1.0 }
        guard let previous = snapshots.last(where: { $0.0 < newest })?.0 else { return [] }
        var doomed: [String] = snapshots.filter { $0.0 < previous }.map(\.1)
        let segments = names.compactMap { n in DataFileName.parseSegment(n).map { ($0, n) } }.sorted { $0.0 < $1.0 }
        for (i, segment) in segments.enumerated() where i + 1 < segments.count && segments[i + 1].0 <= previous + 1 {
            doomed.append(segment.1)
        }
        var removed: [String] = []
        for name in doomed where (try? fileSystem.unlink(DataFileName.join(directory, name))) != nil { removed.append(name) }
        if !removed.isEmpty { try? fileSystem.fsyncDirectory(directory) }
        return removed
    }

    // MARK: Closing and metrics

    /// Writes what is queued, stops the threads and releases the lock. Later writes fail with 503.
    public func close() {
        let first = closeLock.withLock { () -> Bool in
            if closeDone { return false }
            closeDone = true
            return true
        }
        guard first else { return }
        stateLock.withExclusiveLock { closed = true }
        scheduler.stop()
        committer.stop()
        fileSystem.close(lockHandle)
    }

    public var metrics: StoreMetrics {
        var m = counters.snapshot
        m.failed = m.failed || committer.hasFailed
        read { s in
            m.lastSequence = s.lastSequence
            m.integrations = s.integrationOrder.count
            m.users = s.userCount
            m.groups = s.groupCount
            m.memberships = s.membershipCount
        }
        return m
    }

    private func monotonicMilliseconds() -> Int64 { Int64(clinux_monotonic_ns() / 1_000_000) }

    /// The data directory this store owns.
    public var dataDirectory: String { directory }
}
