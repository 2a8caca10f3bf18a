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
