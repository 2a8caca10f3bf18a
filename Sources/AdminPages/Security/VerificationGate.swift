import Synchronization

/// Runs slow password work (PBKDF2) with at most `maxConcurrent` jobs at once and a bounded queue,
/// so a burst of logins can neither pin every core nor grow memory without limit.
final class VerificationGate: Sendable {
    private struct State {
        var running = 0
        var queue: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    private let maxConcurrent: Int
    private let maxQueued: Int
    private let executor: @Sendable (@escaping @Sendable () -> Void) -> Void

    init(maxConcurrent: Int, maxQueued: Int, executor: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxQueued = max(0, maxQueued)
        self.executor = executor
    }

    /// Schedules `job`; false (and `job` is dropped) when all slots and the queue are full.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let startNow = state.withLock { s -> Bool? in
            if s.running < maxConcurrent {
                s.running += 1
                return true
            }
            if s.queue.count < maxQueued {
                s.queue.append(job)
                return false
            }
            return nil
        }
        switch startNow {
        case .some(true): start(job); return true
        case .some(false): return true
        case .none: return false
        }
    }

    /// (running, queued), for tests and metrics.
    var load: (running: Int, queued: Int) { state.withLock { ($0.running, $0.queue.count) } }

    private func start(_ job: @escaping @Sendable () -> Void) {
        executor { [self] in
            job()
            self.finished()
        }
    }

    private func finished() {
        let next = state.withLock { s -> (@Sendable () -> Void)? in
            if s.queue.isEmpty {
                s.running -= 1
                return nil
            }
            return s.queue.removeFirst()
        }
        if let next { start(next) }
    }
}
