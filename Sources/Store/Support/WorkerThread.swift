import Glibc

/// A named OS thread running one closure, joinable. The committer and the snapshot writer each own
/// one: they block in fdatasync/fsync, which must not tie up a shared executor.
final class WorkerThread: @unchecked Sendable {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private var thread = pthread_t()
    private var joined = false

    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
            body.run()
            return nil
        }, context)
        precondition(rc == 0, "pthread_create failed: \(rc)")
    }

    /// Whether the calling thread is this one.
    var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }

    /// Waits for the closure to return. Idempotent; must not be called from the thread itself.
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
