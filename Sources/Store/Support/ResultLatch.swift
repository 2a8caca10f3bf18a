/// A one-shot box a thread waits on until another thread fills it (writeAndWait, compact, cuts).
final class ResultLatch<Value: Sendable>: @unchecked Sendable {
    private let condition = ConditionLock()
    private var value: Value?

    init() {}

    func fill(_ newValue: Value) {
        condition.withLock {
            if value == nil { value = newValue }
            condition.broadcast()
        }
    }

    func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let v = value { return v }
            condition.wait()
        }
    }
}
