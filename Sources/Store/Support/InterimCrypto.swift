// Interim copies of the Crypto module's CRC32C, ConstantTime and Hex (same API), used until the
// `crypto` branch is merged; then this file is deleted and `import Crypto` takes over.

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-8.
struct CRC32C: Sendable {
    private(set) var value: UInt32

    init(seed: UInt32 = 0) { value = seed }

    mutating func update(_ bytes: [UInt8]) { value = CRC32C.checksum(bytes, seed: value) }
    mutating func update(_ bytes: UnsafeRawBufferPointer) { value = CRC32C.checksum(bytes, seed: value) }

    static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, seed: seed) }
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return seed }
        var remaining = bytes.count
        var crc = ~seed
        table.withUnsafeBufferPointer { tables in
            guard let t = tables.baseAddress else { return }
            while remaining >= 8 {
                let low = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
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

    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var crc = UInt32(i)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[i] = crc
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = table[(k - 1) * 256 + i]
                table[k * 256 + i] = table[Int(previous & 0xff)] ^ (previous >> 8)
            }
        }
        return table
    }()
}

enum ConstantTime {
    static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[index * 2] = digit(byte >> 4)
                out[index * 2 + 1] = digit(byte & 0x0f)
            }
            return bytes.count * 2
        }
    }

    static func encode(_ value: UInt32) -> String {
        String(unsafeUninitializedCapacity: 8) { out in
            for index in 0..<8 { out[index] = digit(UInt8(truncatingIfNeeded: value >> UInt32(28 - index * 4)) & 0x0f) }
            return 8
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        var index = 0
        while index < input.count {
            guard let high = value(input[index]), let low = value(input[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a") }

    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
