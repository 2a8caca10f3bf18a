/// The snapshot thread: runs one snapshot at a time, when the committer finds the log has grown
/// past the threshold or when `compact()` asks and waits.
final class SnapshotScheduler: @unchecked Sendable {
    private let condition = ConditionLock()
    private var requested: UInt64 = 0
    private var completed: UInt64 = 0
    private var lastError: StoreError?
    private var stopping = false
    private var stopped = false
    private var perform: (@Sendable () -> StoreError?)?
    private var thread: WorkerThread?

    init() {}

    func start(_ perform: @escaping @Sendable () -> StoreError?) {
        condition.withLock { self.perform = perform }
        thread = WorkerThread(name: "scimd-snapshot") { [self] in run() }
    }

    /// Asks for a snapshot unless one is already pending or running.
    func requestIfIdle() {
        condition.withLock {
            if requested == completed && !stopping {
                requested += 1
                condition.broadcast()
            }
        }
    }

    /// Asks for a snapshot that starts after this call and waits for it.
    func requestAndWait() -> StoreError? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return StoreError("the store is closed") }
        // One already pending (not started) will start after this call: share it.
        requested = requested == completed || running ? requested + 1 : requested
        let target = requested
        condition.broadcast()
        while completed < target && !stopped { condition.wait() }
        return completed >= target ? lastError : StoreError("the store was closed before the snapshot was written")
    }

    /// Lets a running snapshot finish, drops pending requests and stops the thread.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
        thread?.join()
        thread = nil
    }

    private var running = false

    private func run() {
        while true {
            condition.lock()
            while requested == completed && !stopping { condition.wait() }
            if stopping {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let target = requested
            running = true
            let work = perform
            condition.unlock()
            let error = work?()
            condition.withLock {
                running = false
                completed = target
                lastError = error
                condition.broadcast()
            }
        }
    }
}
