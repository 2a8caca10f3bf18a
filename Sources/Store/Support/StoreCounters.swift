import Synchronization

/// The metrics counters, shared by the committer, the snapshot writer and readers.
final class StoreCounters: Sendable {
    private let metrics = Mutex(StoreMetrics())

    func update(_ body: (inout StoreMetrics) -> Void) {
        metrics.withLock { body(&$0) }
    }

    var snapshot: StoreMetrics { metrics.withLock { $0 } }
}
