import Dispatch
import HTTPServer
import Synchronization

/// Holds requests whose responders the test answers later, from whatever thread it likes.
final class ParkingLot: Sendable {
    struct Parked: Sendable {
        let request: HTTPRequest
        let responder: HTTPResponder
    }

    private let parked = Mutex<[Parked]>([])
    private let arrivals = DispatchSemaphore(value: 0)

    func park(_ request: HTTPRequest, _ responder: HTTPResponder) {
        parked.withLock { $0.append(Parked(request: request, responder: responder)) }
        arrivals.signal()
    }

    /// The next parked request, waiting up to `timeout` seconds for one to arrive.
    func next(timeout: Double = 10) -> Parked? {
        guard arrivals.wait(timeout: .now() + timeout) == .success else { return nil }
        return parked.withLock { $0.removeFirst() }
    }
}
