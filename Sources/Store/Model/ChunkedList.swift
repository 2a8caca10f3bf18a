/// Elements in ascending `ordinal` order, stored in chunks of about a thousand: appends are O(1),
/// removal and insertion by ordinal cost O(log n + chunk), and `page(offset:limit:)` walks chunk
/// counts (n / 1024 steps) then copies `limit` elements. Copy-on-write copies only touched chunks.
struct ChunkedList<Element: Sendable>: Sendable {
    struct Entry: Sendable {
        var ordinal: Int
        var element: Element
    }

    private var chunks: [[Entry]] = []
    private(set) var count = 0

    static var chunkCapacity: Int { 1024 }

    init() {}

    var isEmpty: Bool { count == 0 }
    var lastOrdinal: Int? { chunks.last?.last?.ordinal }

    /// Appends an element whose ordinal is larger than every present one.
    mutating func append(_ element: Element, ordinal: Int) {
        if let last = lastOrdinal, ordinal <= last {
            insert(element, ordinal: ordinal)
            return
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkCapacity {
            var chunk: [Entry] = []
            chunk.reserveCapacity(Self.chunkCapacity)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(Entry(ordinal: ordinal, element: element))
        count += 1
    }

    /// Inserts at the position its ordinal sorts to (undo of a removal puts an element back in place).
    mutating func insert(_ element: Element, ordinal: Int) {
        guard let c = chunkIndex(containingOrAfter: ordinal) else {
            if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkCapacity { chunks.append([]) }
            chunks[chunks.count - 1].append(Entry(ordinal: ordinal, element: element))
            count += 1
            return
        }
        let position = Self.position(of: ordinal, in: chunks[c])
        chunks[c].insert(Entry(ordinal: ordinal, element: element), at: position)
        count += 1
        if chunks[c].count > 2 * Self.chunkCapacity {
            let upper = Array(chunks[c][Self.chunkCapacity...])
            chunks[c].removeSubrange(Self.chunkCapacity...)
            chunks.insert(upper, at: c + 1)
        }
    }

    @discardableResult
    mutating func remove(ordinal: Int) -> Element? {
        guard let c = chunkIndex(containingOrAfter: ordinal) else { return nil }
        let position = Self.position(of: ordinal, in: chunks[c])
        guard position < chunks[c].count, chunks[c][position].ordinal == ordinal else { return nil }
        let removed = chunks[c].remove(at: position).element
        count -= 1
        if chunks[c].isEmpty { chunks.remove(at: c) }
        return removed
    }

    func element(ordinal: Int) -> Element? {
        guard let c = chunkIndex(containingOrAfter: ordinal) else { return nil }
        let position = Self.position(of: ordinal, in: chunks[c])
        guard position < chunks[c].count, chunks[c][position].ordinal == ordinal else { return nil }
        return chunks[c][position].element
    }

    /// Elements `offset ..< offset + limit` in order.
    func page(offset: Int, limit: Int) -> [Element] {
        guard limit > 0, offset >= 0, offset < count else { return [] }
        var result: [Element] = []
        result.reserveCapacity(min(limit, count - offset))
        var skip = offset
        var c = 0
        while c < chunks.count, skip >= chunks[c].count {
            skip -= chunks[c].count
            c += 1
        }
        while c < chunks.count, result.count < limit {
            let chunk = chunks[c]
            var i = skip
            while i < chunk.count, result.count < limit {
                result.append(chunk[i].element)
                i += 1
            }
            skip = 0
            c += 1
        }
        return result
    }

    /// Visits elements in order until `body` returns false.
    func forEach(_ body: (Element) throws -> Bool) rethrows {
        for chunk in chunks {
            for entry in chunk where try !body(entry.element) { return }
        }
    }

    /// Visits (ordinal, element) pairs in order until `body` returns false.
    func forEachEntry(_ body: (Int, Element) throws -> Bool) rethrows {
        for chunk in chunks {
            for entry in chunk where try !body(entry.ordinal, entry.element) { return }
        }
    }

    var all: [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for chunk in chunks { for entry in chunk { result.append(entry.element) } }
        return result
    }

    /// The first chunk whose last ordinal is >= `ordinal`.
    private func chunkIndex(containingOrAfter ordinal: Int) -> Int? {
        var low = 0, high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if let last = chunks[mid].last?.ordinal, last < ordinal { low = mid + 1 } else { high = mid }
        }
        return low < chunks.count ? low : nil
    }

    /// The index of the first entry whose ordinal is >= `ordinal`.
    private static func position(of ordinal: Int, in chunk: [Entry]) -> Int {
        var low = 0, high = chunk.count
        while low < high {
            let mid = (low + high) / 2
            if chunk[mid].ordinal < ordinal { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
