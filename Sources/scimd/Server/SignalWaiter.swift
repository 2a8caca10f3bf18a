import Glibc

/// Blocks a set of signals for the whole process and waits for one of them synchronously.
struct SignalWaiter {
    private var set = sigset_t()

    init(signals: [Int32]) {
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    func wait() -> Int32 {
        var s = set
        var received: Int32 = 0
        while sigwait(&s, &received) != 0 {}
        return received
    }
}
