/// SHA-256 (FIPS 180-4). Incremental: `update` any number of times, then `finalize()`.
///
/// A value type with no heap storage: the partial block lives inline, and the message schedule
/// is a stack allocation per `update` call, so hashing a bearer token allocates only the digest.
public struct SHA256: Sendable {
    public static let digestByteCount = 32
    public static let blockByteCount = 64

    var state: SHA256State
    /// Bytes of a partial block not yet compressed (64 bytes inline).
    var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    var pendingCount = 0
    /// Total message length so far, in bytes.
    var byteCount: UInt64

    public init() {
        state = SHA256State()
        byteCount = 0
    }

    /// Resumes from a state that has absorbed `byteCount` bytes (a whole number of blocks).
    init(resuming state: SHA256State, byteCount: UInt64) {
        self.state = state
        self.byteCount = byteCount
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs the UTF-8 bytes of `string`.
    public mutating func update(utf8 string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let input = bytes.baseAddress, bytes.count > 0 else { return }
        byteCount &+= UInt64(bytes.count)
        var state = self.state
        var pendingCount = self.pendingCount
        var pending = self.pending
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            guard let w = schedule.baseAddress else { return }
            withUnsafeMutableBytes(of: &pending) { block in
                guard let block = block.baseAddress else { return }
                var p = input
                var remaining = bytes.count
                if pendingCount > 0 {
                    let take = min(64 &- pendingCount, remaining)
                    (block + pendingCount).copyMemory(from: p, byteCount: take)
                    pendingCount &+= take
                    p += take
                    remaining &-= take
                    guard pendingCount == 64 else { return }
                    state.compress(block: block, schedule: w)
                    pendingCount = 0
                }
                while remaining >= 64 {
                    state.compress(block: p, schedule: w)
                    p += 64
                    remaining &-= 64
                }
                if remaining > 0 {
                    block.copyMemory(from: p, byteCount: remaining)
                    pendingCount = remaining
                }
            }
        }
        self.state = state
        self.pendingCount = pendingCount
        self.pending = pending
    }

    /// The digest of everything absorbed so far. Does not change `self`: more `update`s may follow.
    public func finalize() -> [UInt8] {
        finalState().digest
    }

    /// Applies the padding (0x80, zeros, 64-bit big-endian bit length) and returns the final words.
    func finalState() -> SHA256State {
        var state = self.state
        var pending = self.pending
        var count = pendingCount
        let bitLength = byteCount &* 8
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            guard let w = schedule.baseAddress else { return }
            withUnsafeMutableBytes(of: &pending) { block in
                guard let base = block.baseAddress else { return }
                block[count] = 0x80
                count &+= 1
                if count > 56 {
                    (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: 64 &- count)
                    state.compress(block: base, schedule: w)
                    count = 0
                }
                (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: 56 &- count)
                block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
                state.compress(block: base, schedule: w)
            }
        }
        return state
    }

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// SHA-256 of the UTF-8 bytes of `string`.
    public static func hash(utf8 string: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(utf8: string)
        return hasher.finalize()
    }
}
