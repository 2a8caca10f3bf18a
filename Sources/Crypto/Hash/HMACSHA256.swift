/// HMAC-SHA-256 (RFC 2104, FIPS 198-1). Incremental: `init(key:)`, `update`, `finalize()`.
///
/// The key's inner and outer padded blocks are compressed once in `init`; a keyed value can be
/// copied and reused for many messages (PBKDF2 relies on this).
public struct HMACSHA256: Sendable {
    public static let macByteCount = 32

    /// SHA-256 that has absorbed `key ^ ipad` and then the message so far.
    var inner: SHA256
    /// SHA-256 state after absorbing `key ^ opad` (one block).
    let outerState: SHA256State

    public init(key: [UInt8]) {
        self = key.withUnsafeBytes { HMACSHA256(key: $0) }
    }

    public init(key: UnsafeRawBufferPointer) {
        // Keys longer than a block are hashed first (RFC 2104 section 2).
        let shortKey: [UInt8] = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        var innerPad = [UInt8](repeating: 0x36, count: SHA256.blockByteCount)
        var outerPad = [UInt8](repeating: 0x5c, count: SHA256.blockByteCount)
        for (index, byte) in shortKey.enumerated() {
            innerPad[index] ^= byte
            outerPad[index] ^= byte
        }
        var inner = SHA256()
        inner.update(innerPad)
        var outer = SHA256()
        outer.update(outerPad)
        self.inner = inner
        self.outerState = outer.state
    }

    public mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// The MAC of everything absorbed so far. Does not change `self`.
    public func finalize() -> [UInt8] {
        var outer = SHA256(resuming: outerState, byteCount: UInt64(SHA256.blockByteCount))
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
