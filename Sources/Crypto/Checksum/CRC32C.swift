import CLinux

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78; RFC 3720 appendix B.4): the SSE4.2
/// instruction where the CPU has it, else slicing-by-8.
///
/// `seed` is a previous checksum, so checksums chain:
/// `checksum(b, seed: checksum(a)) == checksum(a + b)`; the default seed 0 starts fresh.
public struct CRC32C: Sendable {
    /// The checksum of everything absorbed so far.
    public private(set) var value: UInt32

    public init(seed: UInt32 = 0) {
        value = seed
    }

    public mutating func update(_ bytes: [UInt8]) {
        value = CRC32C.checksum(bytes, seed: value)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = CRC32C.checksum(bytes, seed: value)
    }

    public mutating func update(utf8 string: String) {
        value = CRC32C.checksum(utf8: string, seed: value)
    }

    public static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, seed: seed) }
    }

    /// CRC-32C of the UTF-8 bytes of `string`.
    public static func checksum(utf8 string: String, seed: UInt32 = 0) -> UInt32 {
        var string = string
        return string.withUTF8 { checksum(UnsafeRawBufferPointer($0), seed: seed) }
    }

    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return seed }
        // The CPU's CRC-32C instruction when there is one (about five times the speed of the tables).
        if hardware { return ~clinux_crc32c_hw(~seed, base, bytes.count) }
        return softwareChecksum(bytes, seed: seed)
    }

    /// Whether `checksum` uses the CPU's CRC-32C instruction (x86-64 SSE4.2).
    static let hardware = clinux_crc32c_hw_available() == 1

    /// Slicing-by-8 through the tables (CPUs without the instruction).
    static func softwareChecksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return seed }
        var remaining = bytes.count
        var crc = ~seed
        table.withUnsafeBufferPointer { tables in
            guard let t = tables.baseAddress else { return }
            // Byte at a time up to 8-byte alignment, then 8 bytes per step through 8 tables.
            while remaining > 0 && UInt(bitPattern: p) & 7 != 0 {
                crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xff)] ^ (crc &>> 8)
                p += 1
                remaining &-= 1
            }
            while remaining >= 8 {
                let low = UInt32(littleEndian: p.load(as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: p.load(fromByteOffset: 4, as: UInt32.self))
                crc = t[7 &* 256 &+ Int(low & 0xff)]
                    ^ t[6 &* 256 &+ Int((low &>> 8) & 0xff)]
                    ^ t[5 &* 256 &+ Int((low &>> 16) & 0xff)]
                    ^ t[4 &* 256 &+ Int(low &>> 24)]
                    ^ t[3 &* 256 &+ Int(high & 0xff)]
                    ^ t[2 &* 256 &+ Int((high &>> 8) & 0xff)]
                    ^ t[1 &* 256 &+ Int((high &>> 16) & 0xff)]
                    ^ t[Int(high &>> 24)]
                p += 8
                remaining &-= 8
            }
            while remaining > 0 {
                crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xff)] ^ (crc &>> 8)
                p += 1
                remaining &-= 1
            }
        }
        return ~crc
    }

    /// Eight 256-entry tables, flat: entry `k * 256 + i` is the CRC of byte `i` followed by `k` zero bytes.
    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var crc = UInt32(i)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
            table[i] = crc
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = table[(k - 1) * 256 + i]
                table[k * 256 + i] = (previous >> 8) ^ table[Int(previous & 0xff)]
            }
        }
        return table
    }()
}
