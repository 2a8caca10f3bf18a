/// A dictionary split into 64 sub-dictionaries once it is big, so that copy-on-write after a
/// snapshot (or any other shared copy) duplicates only the shard a write touches, never a
/// million-entry table at once. Small ones stay a single dictionary (no per-group overhead).
struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var shards: [[Key: Value]] = [[:]]
    private(set) var count = 0

    static var splitThreshold: Int { 8192 }
    static var shardCount: Int { 64 }

    init() {}

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private func shardIndex(_ key: Key) -> Int {
        shards.count == 1 ? 0 : key.hashValue & (shards.count &- 1)
    }

    subscript(key: Key) -> Value? {
        shards[shardIndex(key)][key]
    }

    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let old = shards[shardIndex(key)].updateValue(value, forKey: key)
        if old == nil {
            count += 1
            splitIfNeeded()
        }
        return old
    }

    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? {
        let old = shards[shardIndex(key)].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    /// Changes the value for `key` in place (nil: absent; set nil to remove), without copying it.
    mutating func modify<R>(_ key: Key, _ body: (inout Value?) throws -> R) rethrows -> R {
        let index = shardIndex(key)
        let before = shards[index][key] != nil
        let result = try body(&shards[index][key])
        let after = shards[index][key] != nil
        if before != after {
            count += after ? 1 : -1
            if after { splitIfNeeded() }
        }
        return result
    }

    func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        for shard in shards {
            for (k, v) in shard { try body(k, v) }
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
        var split = [[Key: Value]](repeating: [:], count: Self.shardCount)
        for i in 0..<split.count { split[i].reserveCapacity(single.count / Self.shardCount * 2) }
        for (k, v) in single { split[k.hashValue & (Self.shardCount - 1)][k] = v }
        shards = split
    }
}
