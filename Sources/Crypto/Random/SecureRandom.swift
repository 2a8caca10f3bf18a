import CLinux

/// Bytes from the kernel CSPRNG (getrandom(2), blocking only until the pool is first seeded).
public enum SecureRandom {
    /// `count` random bytes; an empty array for `count <= 0`.
    /// Traps only if the kernel CSPRNG itself fails: without it no secret can be made safely.
    public static func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        if clinux_getrandom_all(base, buffer.count) != 0 {
            fatalError("getrandom(2) failed (errno \(clinux_errno())): the kernel CSPRNG is unavailable")
        }
    }

    /// A random RFC 9562 version 4 UUID, lowercase and hyphenated
    /// (e.g. `"0f8e6c1a-93b2-4d7e-8a41-5c2f0e9b7d13"`).
    public static func uuid() -> String {
        var bytes = bytes(16)
        bytes[6] = (bytes[6] & 0x0f) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // variant 10xx
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = digits[Int(byte >> 4)]
                out[position + 1] = digits[Int(byte & 0x0f)]
                position += 2
            }
            return position
        }
    }
}
