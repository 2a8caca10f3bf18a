import Synchronization

/// True for the first caller of `claim()` only (onFatalError fires once).
final class OnceFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func claim() -> Bool { !flag.exchange(true, ordering: .acquiringAndReleasing) }
}
