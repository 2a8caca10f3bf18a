import Glibc

/// A pthread reader-writer lock that prefers writers, so a stream of readers cannot starve a
/// transaction. Readers share it; a write transaction holds it alone (for CPU work only: no disk).
final class ReadWriteLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func lockShared() { pthread_rwlock_rdlock(lock) }
    func lockExclusive() { pthread_rwlock_wrlock(lock) }
    func unlock() { pthread_rwlock_unlock(lock) }

    func withSharedLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lockShared()
        defer { unlock() }
        return try body()
    }

    func withExclusiveLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lockExclusive()
        defer { unlock() }
        return try body()
    }
}
