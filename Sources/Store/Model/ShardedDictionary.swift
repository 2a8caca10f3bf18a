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

    /// Makes room for `additional` more entries without growing step by step (a bulk load that
    /// knows its size). A dictionary that will pass the split threshold is split at once.
    mutating func reserveCapacity(_ additional: Int) {
        let total = count + additional
        if shards.count == 1 && total > Self.splitThreshold {
            split(perShardCapacity: total / Self.shardCount + total / (4 * Self.shardCount))
            return
        }
        let perShard = shards.count == 1 ? total : total / shards.count + total / (4 * shards.count)
        for i in 0..<shards.count where shards[i].capacity < perShard { shards[i].reserveCapacity(perShard) }
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
        split(perShardCapacity: count / Self.shardCount * 2)
    }

    private mutating func split(perShardCapacity: Int) {
        let single = shards[0]
        shards = []
        var split = [[HashedKey<Key>: Value]](repeating: [:], count: Self.shardCount)
        for i in 0..<split.count { split[i].reserveCapacity(max(perShardCapacity, single.count / Self.shardCount * 2)) }
        for (k, v) in single { split[k.hash & (Self.shardCount - 1)][k] = v }
        shards = split
    }
}

/// A key with its hash value computed once (`Hasher`'s per-process seed, so it is as resistant to
/// chosen collisions as the key's own hashing). Equal keys have equal hashes, so comparing the
/// hashes first only skips comparisons that would fail.
struct HashedKey<Key: Hashable & Sendable>: Hashable, Sendable {
    let key: Key
    let hash: Int

    @inline(__always)
    init(_ key: Key) {
        self.key = key
        hash = key.hashValue
    }

    @inline(__always)
    static func == (a: HashedKey, b: HashedKey) -> Bool { a.hash == b.hash && a.key == b.key }

    @inline(__always)
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// What `Dictionary` asks for: the stored hash mixed with the table's seed, without running
    /// `Hasher` again (murmur3's finaliser; the hash is already uniformly distributed).
    @inline(__always)
    func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(bitPattern: Int64(hash ^ seed))
        x ^= x &>> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x &>> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x &>> 33
        return Int(Int64(bitPattern: x))
    }
}
