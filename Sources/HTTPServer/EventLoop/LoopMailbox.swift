import CLinux
import Glibc
import Synchronization

/// The thread-safe side of an event loop: a lock-protected message queue plus an eventfd that
/// wakes the loop's epoll_wait, and a few atomics other loops read.
///
/// Responses produced on the loop's own thread (a handler answering synchronously) skip the lock
/// and the eventfd: they go to `local`, which only the owner thread touches.
final class LoopMailbox: @unchecked Sendable {
    private struct Queue {
        var messages: [LoopMessage] = []
        var closed = false
    }

    let index: Int
    let wakeFD: Int32
    private let queue = Mutex(Queue())
    /// pthread_t of the loop thread (0 until it runs).
    let ownerThread = Atomic<UInt>(0)
    /// Idle stamp (monotonic ns) of the loop's longest-idle connection; 0 when none is idle.
    let oldestIdleStamp = Atomic<UInt64>(0)
    /// Messages posted from the owner thread itself; owner thread only.
    var local: [LoopMessage] = []

    init(index: Int) throws(HTTPServerError) {
        self.index = index
        let fd = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard fd >= 0 else {
            let e = clinux_errno()
            throw HTTPServerError(.system, "cannot create eventfd: \(String(cString: strerror(e)))", errno: e)
        }
        wakeFD = fd
    }

    deinit { Glibc.close(wakeFD) }

    var isOwnerThread: Bool { ownerThread.load(ordering: .acquiring) == pthread_self() }

    /// Posts from any thread. Messages to a stopped loop are dropped.
    func post(_ message: LoopMessage) {
        if isOwnerThread {
            local.append(message)
            return
        }
        let mustWake: Bool = queue.withLock { q in
            if q.closed { return false }
            q.messages.append(message)
            return q.messages.count == 1  // otherwise a wake-up is already pending
        }
        if mustWake { wake() }
    }

    /// Wakes the loop (async-signal-safe: one write(2)).
    func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(wakeFD, $0.baseAddress, 8) }
    }

    /// Owner thread: clears the eventfd counter, then swaps out the queued messages.
    func takeMessages(into spare: inout [LoopMessage]) {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { Glibc.read(wakeFD, $0.baseAddress, 8) }
        queue.withLock { q in swap(&q.messages, &spare) }
    }

    /// Owner thread, at exit: later posts are dropped.
    func close() {
        queue.withLock { q in
            q.closed = true
            q.messages.removeAll()
        }
        local.removeAll()
    }
}
