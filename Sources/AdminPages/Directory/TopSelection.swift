/// Keeps the first `limit` items of a stream in sort order without sorting the whole stream:
/// a page of a 100,000-row table costs O(n log limit), not O(n log n).
struct TopSelection<Item> {
    let limit: Int
    let ascending: Bool
    let key: (Item) -> String
    private var items: [(String, Int, Item)] = []   // sorted; the Int keeps equal keys in arrival order
    private var arrivals = 0

    init(limit: Int, ascending: Bool, key: @escaping (Item) -> String) {
        self.limit = max(0, limit)
        self.ascending = ascending
        self.key = key
    }

    private func before(_ a: (String, Int), _ b: (String, Int)) -> Bool {
        if a.0 != b.0 { return ascending ? a.0 < b.0 : a.0 > b.0 }
        return a.1 < b.1
    }

    mutating func offer(_ item: Item) {
        guard limit > 0 else { return }
        let k = (key(item), arrivals)
        arrivals += 1
        if items.count == limit, let last = items.last, !before(k, (last.0, last.1)) { return }
        // Binary search for the insertion point.
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if before((items[mid].0, items[mid].1), k) { lo = mid + 1 } else { hi = mid }
        }
        items.insert((k.0, k.1, item), at: lo)
        if items.count > limit { items.removeLast() }
    }

    func sorted() -> [Item] { items.map { $0.2 } }
}
