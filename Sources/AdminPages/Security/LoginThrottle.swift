import Synchronization

/// Counts failed password (and setup-code) attempts per client address and in all, over sliding
/// windows. An attempt in flight counts as a failure until it ends, so parallel guesses cannot
/// overtake the limit.
final class LoginThrottle: Sendable {
    private struct Window {
        var failures: [Int64] = []   // ms, oldest first
        var inFlight = 0
        var lastActivity: Int64 = 0
    }

    private struct State {
        var byAddress: [String: Window] = [:]
        var global = Window()
    }

    private let state = Mutex(State())
    private let settings: AdminLoginThrottleSettings

    init(settings: AdminLoginThrottleSettings) { self.settings = settings }

    /// Reserves an attempt for `address`, or says how many seconds to wait.
    func begin(address: String, now: Int64) -> Result<Void, RetryAfter> {
        let addressWindow = settings.addressWindowSeconds * 1000
        let globalWindow = settings.globalWindowSeconds * 1000
        return state.withLock { s -> Result<Void, RetryAfter> in
            var w = s.byAddress[address] ?? Window()
            LoginThrottle.prune(&w, now: now, window: addressWindow)
            LoginThrottle.prune(&s.global, now: now, window: globalWindow)
            if w.failures.count + w.inFlight >= settings.maxFailuresPerAddress {
                return .failure(RetryAfter(seconds: LoginThrottle.wait(w, now: now, window: addressWindow)))
            }
            if s.global.failures.count + s.global.inFlight >= settings.maxFailuresGlobal {
                return .failure(RetryAfter(seconds: LoginThrottle.wait(s.global, now: now, window: globalWindow)))
            }
            if s.byAddress[address] == nil && s.byAddress.count >= settings.maxTrackedAddresses {
                forgetOldest(&s, now: now, window: addressWindow)
            }
            w.inFlight += 1
            w.lastActivity = now
            s.global.inFlight += 1
            s.byAddress[address] = w
            return .success(())
        }
    }

    /// Ends an attempt begun with `begin`.
    func end(address: String, succeeded: Bool, now: Int64) {
        state.withLock { s in
            var w = s.byAddress[address] ?? Window()
            w.inFlight = max(0, w.inFlight - 1)
            s.global.inFlight = max(0, s.global.inFlight - 1)
            if succeeded {
                w.failures.removeAll()
            } else {
                w.failures.append(now)
                s.global.failures.append(now)
            }
            w.lastActivity = now
            if w.failures.isEmpty && w.inFlight == 0 { s.byAddress[address] = nil } else { s.byAddress[address] = w }
        }
    }

    /// Releases an attempt that never ran (no verification slot was free): counts as nothing.
    func cancel(address: String) {
        state.withLock { s in
            if var w = s.byAddress[address] {
                w.inFlight = max(0, w.inFlight - 1)
                if w.failures.isEmpty && w.inFlight == 0 { s.byAddress[address] = nil } else { s.byAddress[address] = w }
            }
            s.global.inFlight = max(0, s.global.inFlight - 1)
        }
    }

    struct RetryAfter: Error, Equatable {
        let seconds: Int64
    }

    private static func prune(_ w: inout Window, now: Int64, window: Int64) {
        if let i = w.failures.firstIndex(where: { now - $0 < window }) {
            if i > 0 { w.failures.removeFirst(i) }
        } else {
            w.failures.removeAll()
        }
    }

    /// Seconds until the oldest counted failure leaves the window (at least 1).
    private static func wait(_ w: Window, now: Int64, window: Int64) -> Int64 {
        guard let oldest = w.failures.first else { return 1 }
        return max(1, (oldest + window - now + 999) / 1000)
    }

    private func forgetOldest(_ s: inout State, now: Int64, window: Int64) {
        for (k, var w) in s.byAddress {
            LoginThrottle.prune(&w, now: now, window: window)
            if w.failures.isEmpty && w.inFlight == 0 { s.byAddress[k] = nil } else { s.byAddress[k] = w }
        }
        if s.byAddress.count >= settings.maxTrackedAddresses,
           let oldest = s.byAddress.filter({ $0.value.inFlight == 0 }).min(by: { $0.value.lastActivity < $1.value.lastActivity }) {
            s.byAddress[oldest.key] = nil
        }
    }
}
