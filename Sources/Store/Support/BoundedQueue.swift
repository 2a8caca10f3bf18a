/// A first-in first-out queue between one producing and one consuming thread, holding at most
/// `capacity` elements: `push` waits while it is full, `pop` while it is empty. `cancel` (by the
/// consumer) drops what is queued and makes every later `push` return false at once.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = ConditionLock()
    private var items: [Element] = []   // guarded by condition
    private var cancelled = false       // guarded by condition
    private let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Appends, waiting for room; false (and nothing queued) once cancelled.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one.
    func pop() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    func cancel() {
        condition.withLock {
            cancelled = true
            items.removeAll()
            condition.broadcast()
        }
    }
}
