/// Base16: lowercase on output, either case on input.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: input.count * 2) { out in
                for (index, byte) in input.enumerated() {
                    out[index * 2] = digit(byte >> 4)
                    out[index * 2 + 1] = digit(byte & 0x0f)
                }
                return input.count * 2
            }
        }
    }

    /// Eight lowercase hex digits, zero-padded (the CRC-32C prefix of a log record).
    public static func encode(_ value: UInt32) -> String {
        String(unsafeUninitializedCapacity: 8) { out in
            for index in 0..<8 {
                out[index] = digit(UInt8(truncatingIfNeeded: value >> UInt32(28 - index * 4)) & 0x0f)
            }
            return 8
        }
    }

    /// The bytes, or nil if `text` has odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        withUTF8Bytes(text) { input -> [UInt8]? in
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
    }

    /// The value of exactly eight hex digits, or nil.
    public static func decodeUInt32(_ text: some StringProtocol) -> UInt32? {
        withUTF8Bytes(text) { input -> UInt32? in
            guard input.count == 8 else { return nil }
            var result: UInt32 = 0
            for byte in input {
                guard let nibble = value(byte) else { return nil }
                result = result << 4 | UInt32(nibble)
            }
            return result
        }
    }

    @inline(__always)
    static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
    }

    @inline(__always)
    static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
