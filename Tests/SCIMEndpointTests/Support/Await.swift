import Dispatch
import Synchronization

/// Runs a completion-style call and waits for its result (the IntegrationService API is asynchronous).
func awaitResult<T: Sendable, E: Error>(timeout seconds: Double = 30,
                                         _ start: (@escaping @Sendable (Result<T, E>) -> Void) -> Void) throws -> T {
    let box = Mutex<Result<T, E>?>(nil)
    let done = DispatchSemaphore(value: 0)
    start { result in
        box.withLock { $0 = result }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success, let result = box.withLock({ $0 }) else {
        throw HarnessError("no completion within \(seconds) s")
    }
    return try result.get()
}
