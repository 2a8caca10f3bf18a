/// Keeps the first `limit` items of a stream in sort order without sorting the whole stream: a
/// page of a 100,000-row table costs O(n log limit), not O(n log n), and a deep page (offset
/// 50,000) costs no more than that either, whatever order the items arrive in. Keys compare in
/// `NaturalOrder` (case-insensitive, numbers by value); equal keys keep their arrival order.
struct TopSelection<Item> {
    let limit: Int
    let ascending: Bool
    let key: (Item) -> String
    /// A binary heap whose root is the kept item that sorts last, so a newcomer is compared with it
    /// once and either dropped or swapped in at O(log limit).
    private var heap: [Entry] = []
    private var arrivals = 0

    private struct Entry {
        let key: String
        let arrival: Int
        let item: Item
    }

    init(limit: Int, ascending: Bool, key: @escaping (Item) -> String) {
        self.limit = max(0, limit)
        self.ascending = ascending
        self.key = key
    }

    /// True when `a` sorts before `b`.
    private func before(_ a: Entry, _ b: Entry) -> Bool {
        let c = NaturalOrder.compare(a.key, b.key)
        if c != 0 { return ascending ? c < 0 : c > 0 }
        return a.arrival < b.arrival
    }

    mutating func offer(_ item: Item) {
        guard limit > 0 else { return }
        let entry = Entry(key: key(item), arrival: arrivals, item: item)
        arrivals += 1
        if heap.count < limit {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if before(entry, heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
    }

    func sorted() -> [Item] { heap.sorted(by: before).map(\.item) }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(heap[parent], heap[i]) else { return }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let left = 2 * i + 1, right = left + 1
            var last = i
            if left < heap.count && before(heap[last], heap[left]) { last = left }
            if right < heap.count && before(heap[last], heap[right]) { last = right }
            if last == i { return }
            heap.swapAt(i, last)
            i = last
        }
    }
}
