import Dispatch
import Synchronization

/// What all event loops of one server share: immutable settings, the listener, the counters and
/// every loop's mailbox (to post reclaim requests to each other).
final class LoopShared: Sendable {
    let listenFD: Int32
    let handler: any HTTPHandler
    let counters: ServerCounters
    let limits: HTTPParserLimits
    let maxConnections: Int
    let headerTimeout: UInt64
    let requestTimeout: UInt64
    let idleTimeout: UInt64
    let writeTimeout: UInt64
    let mailboxes: [LoopMailbox]
    /// Loops still registered with the listener; the last one to let go closes it.
    let listenerUsers: Atomic<Int>
    let stopped: DispatchGroup

    init(listenFD: Int32, handler: any HTTPHandler, counters: ServerCounters, configuration c: HTTPServerConfiguration,
         mailboxes: [LoopMailbox], stopped: DispatchGroup) {
        self.listenFD = listenFD
        self.handler = handler
        self.counters = counters
        self.limits = HTTPParserLimits(c)
        self.maxConnections = max(1, c.maxConnections)
        self.headerTimeout = Self.nanoseconds(c.headerTimeout)
        self.requestTimeout = Self.nanoseconds(c.requestTimeout)
        self.idleTimeout = Self.nanoseconds(c.idleTimeout)
        self.writeTimeout = Self.nanoseconds(c.writeTimeout)
        self.mailboxes = mailboxes
        self.listenerUsers = Atomic(mailboxes.count)
        self.stopped = stopped
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds.isFinite, seconds > 0 else { return 1_000_000 }
        return UInt64(min(seconds, 86_400 * 365) * 1e9)
    }
}
