import Synchronization

/// Counters shared by all event loops. Only `open` is touched per connection by every loop;
/// the rest are bumped rarely (per request counters live here too, relaxed, which is cheap).
final class ServerCounters: Sendable {
    let open = Atomic<Int>(0)
    let accepted = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
    let framingErrors = Atomic<Int>(0)
    let reclaimed = Atomic<Int>(0)
    let rejected = Atomic<Int>(0)
    let timedOut = Atomic<Int>(0)

    func snapshot() -> HTTPServerMetrics {
        HTTPServerMetrics(
            openConnections: open.load(ordering: .relaxed),
            acceptedConnections: accepted.load(ordering: .relaxed),
            requests: requests.load(ordering: .relaxed),
            framingErrors: framingErrors.load(ordering: .relaxed),
            reclaimedConnections: reclaimed.load(ordering: .relaxed),
            rejectedConnections: rejected.load(ordering: .relaxed),
            timedOutConnections: timedOut.load(ordering: .relaxed))
    }
}
