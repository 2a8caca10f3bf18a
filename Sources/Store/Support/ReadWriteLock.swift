import Glibc

/// A pthread reader-writer lock that prefers writers, so a stream of readers cannot starve a
/// transaction. Readers share it; a write transaction holds it alone (for CPU work only: no disk).
/// It knows what the current thread holds, so a read nested in a read does not deadlock behind a
/// waiting writer, and misuse (locking again inside a write) is reported instead of hanging.
final class ReadWriteLock: @unchecked Sendable {
    enum Held: Int { case none = 0, shared = 1, exclusive = 2 }

    private let lock: UnsafeMutablePointer<pthread_rwlock_t>
    private var key = pthread_key_t()
    /// False if the process ran out of thread-specific keys: then nothing is tracked (no nesting).
    private var tracking = false

    init() {
        lock = .allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        tracking = pthread_key_create(&key, nil) == 0
    }

    deinit {
        if tracking { pthread_key_delete(key) }
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// What this thread holds: (kind, nesting depth of shared holds).
    private var held: (Held, Int) {
        get {
            guard tracking else { return (.none, 0) }
            let raw = Int(bitPattern: pthread_getspecific(key))
            return (Held(rawValue: raw & 3) ?? .none, raw >> 2)
        }
        set { if tracking { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue.0.rawValue | newValue.1 << 2)) } }
    }

    /// What the calling thread holds.
    var heldByCurrentThread: Held { held.0 }

    func lockShared() {
        let (kind, depth) = held
        switch kind {
        case .shared:
            held = (.shared, depth + 1)  // nested read: already holding it
        case .exclusive:
            preconditionFailure("Store.read inside a write body: use the transaction's state")
        case .none:
            pthread_rwlock_rdlock(lock)
            held = (.shared, 1)
        }
    }

    func unlockShared() {
        let (_, depth) = held
        if tracking && depth > 1 {
            held = (.shared, depth - 1)
        } else {
            held = (.none, 0)
            pthread_rwlock_unlock(lock)
        }
    }

    func lockExclusive() {
        precondition(held.0 == .none, "Store.write inside Store.read or inside a write body: nothing would ever unlock")
        pthread_rwlock_wrlock(lock)
        held = (.exclusive, 1)
    }

    func unlockExclusive() {
        held = (.none, 0)
        pthread_rwlock_unlock(lock)
    }

    func withSharedLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lockShared()
        defer { unlockShared() }
        return try body()
    }

    func withExclusiveLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lockExclusive()
        defer { unlockExclusive() }
        return try body()
    }
}
