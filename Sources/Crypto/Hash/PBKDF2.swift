/// PBKDF2 with HMAC-SHA-256 as the PRF (RFC 8018 section 5.2).
///
/// The hot loop works on words: the key's padded inner/outer states are computed once, and each
/// iteration is exactly two compressions of a pre-padded block with no allocation or byte copies.
public enum PBKDF2 {
    /// Derives `keyLength` bytes. `iterations` and `keyLength` must be at least 1 (caller's contract,
    /// not input: `PasswordHasher` validates stored parameters before calling).
    public static func deriveKey(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
        precondition(iterations >= 1, "PBKDF2 needs at least one iteration")
        precondition(keyLength >= 1 && keyLength <= 1 << 20, "PBKDF2 key length out of range")

        let prf = HMACSHA256(key: password)
        let innerStart = prf.inner.state
        let outerStart = prf.outerState
        let blockCount = (keyLength + 31) / 32
        var derived: [UInt8] = []
        derived.reserveCapacity(blockCount * 32)

        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            guard let w = schedule.baseAddress else { return }
            for blockIndex in 1...blockCount {
                // U1 = PRF(P, S || INT(i)) through the general path.
                var first = prf
                first.update(salt)
                let index = UInt32(truncatingIfNeeded: blockIndex)
                first.update([UInt8(index >> 24), UInt8((index >> 16) & 0xff), UInt8((index >> 8) & 0xff), UInt8(index & 0xff)])
                let u1 = first.finalize()
                var t = SHA256State(words: u1)
                var u = t

                // Each later U is HMAC of a 32-byte message: one block after the key block,
                // padded to 64 + 32 bytes = 768 bits, for both the inner and the outer hash.
                w[8] = 0x8000_0000
                for j in 9..<15 { w[j] = 0 }
                w[15] = 768
                var remaining = iterations - 1
                while remaining > 0 {
                    u.store(into: w)
                    var inner = innerStart
                    inner.compress(schedule: w)
                    inner.store(into: w)
                    var outer = outerStart
                    outer.compress(schedule: w)
                    u = outer
                    t.h0 ^= u.h0
                    t.h1 ^= u.h1
                    t.h2 ^= u.h2
                    t.h3 ^= u.h3
                    t.h4 ^= u.h4
                    t.h5 ^= u.h5
                    t.h6 ^= u.h6
                    t.h7 ^= u.h7
                    remaining &-= 1
                }
                derived.append(contentsOf: t.digest)
            }
        }
        if derived.count > keyLength {
            derived.removeLast(derived.count - keyLength)
        }
        return derived
    }
}
