/// A dictionary split into 64 sub-dictionaries once it is big, so that copy-on-write after a
/// snapshot (or any other shared copy) duplicates only the shard a write touches, never a
/// million-entry table at once. Small ones stay a single dictionary (no per-group overhead).
///
/// Keys are stored with their hash (`HashedKey`): a key is hashed once per operation (the same
/// hash picks the shard and the bucket), growing a table rehashes integers instead of re-reading
/// every key, and probing past other keys compares integers instead of string bytes. Callers
/// that use one key in several tables can hash it once and pass the `HashedKey`.
struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var shards: [[HashedKey<Key>: Value]] = [[:]]
    private(set) var count = 0

    static var splitThreshold: Int { 8192 }
    static var shardCount: Int { 64 }

    init() {}

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private func shardIndex(_ key: HashedKey<Key>) -> Int {
        shards.count == 1 ? 0 : key.hash & (shards.count &- 1)
    }

    subscript(key: Key) -> Value? { self[HashedKey(key)] }

    subscript(key: HashedKey<Key>) -> Value? {
        shards[shardIndex(key)][key]
    }

    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: Key) -> Value? { updateValue(value, forKey: HashedKey(key)) }

    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: HashedKey<Key>) -> Value? {
        let old = shards[shardIndex(key)].updateValue(value, forKey: key)
        if old == nil {
            count += 1
            splitIfNeeded()
        }
        return old
    }

    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? { removeValue(forKey: HashedKey(key)) }

    @discardableResult
    mutating func removeValue(forKey key: HashedKey<Key>) -> Value? {
        let old = shards[shardIndex(key)].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    /// Changes the value for `key` in place (nil: absent; set nil to remove), without copying it.
    mutating func modify<R>(_ key: Key, _ body: (inout Value?) throws -> R) rethrows -> R {
        try modify(HashedKey(key), body)
    }

    /// Changes the value for `key` in place (nil: absent; set nil to remove), with one lookup.
    mutating func modify<R>(_ key: HashedKey<Key>, _ body: (inout Value?) throws -> R) rethrows -> R {
        let index = shardIndex(key)
        var before = false
        var after = false
        let result = try Self.inPlace(&shards[index][key]) { slot in
            before = slot != nil
            defer { after = slot != nil }
            return try body(&slot)
        }
        if before != after {
            count += after ? 1 : -1
            if after { splitIfNeeded() }
        }
        return result
    }

    @inline(__always)
    private static func inPlace<R>(_ slot: inout Value?, _ body: (inout Value?) throws -> R) rethrows -> R {
        try body(&slot)
    }

    func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        for shard in shards {
            for (k, v) in shard { try body(k.key, v) }
        }
    }

    var values: [Value] {
        var result: [Value] = []
        result.reserveCapacity(count)
        for shard in shards { result.append(contentsOf: shard.values) }
        return result
    }

    private mutating func splitIfNeeded() {
        guard shards.count == 1, count > Self.splitThreshold else { return }
        let single = shards[0]
        shards = []
        var split = [[HashedKey<Key>: Value]](repeating: [:], count: Self.shardCount)
        for i in 0..<split.count { split[i].reserveCapacity(single.count / Self.shardCount * 2) }
        for (k, v) in single { split[k.hash & (Self.shardCount - 1)][k] = v }
        shards = split
    }
}
