/// The shared engine behind `Base64` (RFC 4648 section 4) and `Base64URL` (section 5).
///
/// Decoding is strict: only the alphabet's 64 characters, no whitespace, padding exactly as the
/// variant requires, and unused trailing bits must be zero (so every byte string has one encoding).
struct Base64Codec: Sendable {
    let encodeTable: [UInt8]
    /// Maps an ASCII byte to its 6-bit value, or 0xff when not in the alphabet.
    let decodeTable: [UInt8]
    let padded: Bool

    init(alphabet: String, padded: Bool) {
        encodeTable = Array(alphabet.utf8)
        var decode = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in encodeTable.enumerated() {
            decode[Int(character)] = UInt8(value)
        }
        decodeTable = decode
        self.padded = padded
    }

    static let standard = Base64Codec(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", padded: true)
    static let url = Base64Codec(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", padded: false)

    func encodedLength(_ byteCount: Int) -> Int {
        padded ? (byteCount + 2) / 3 * 4 : (byteCount * 4 + 2) / 3
    }

    func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let length = encodedLength(bytes.count)
        guard length > 0 else { return "" }
        return encodeTable.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: length) { out in
                var i = 0
                var o = 0
                let count = bytes.count
                while i + 3 <= count {
                    let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    out[o] = table[Int(n >> 18)]
                    out[o + 1] = table[Int((n >> 12) & 63)]
                    out[o + 2] = table[Int((n >> 6) & 63)]
                    out[o + 3] = table[Int(n & 63)]
                    i += 3
                    o += 4
                }
                let rest = count - i
                if rest > 0 {
                    let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
                    out[o] = table[Int(n >> 18)]
                    out[o + 1] = table[Int((n >> 12) & 63)]
                    o += 2
                    if rest == 2 {
                        out[o] = table[Int((n >> 6) & 63)]
                        o += 1
                    } else if padded {
                        out[o] = UInt8(ascii: "=")
                        o += 1
                    }
                    if padded {
                        out[o] = UInt8(ascii: "=")
                        o += 1
                    }
                }
                return o
            }
        }
    }

    func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var count = text.count
        if padded {
            guard count % 4 == 0 else { return nil }
            if count > 0 && text[count - 1] == UInt8(ascii: "=") { count -= 1 }
            if count > 0 && text[count - 1] == UInt8(ascii: "=") { count -= 1 }
        }
        // A final group of one character cannot carry a whole byte.
        guard count % 4 != 1 else { return nil }
        let outputCount = count * 3 / 4
        return decodeTable.withUnsafeBufferPointer { table -> [UInt8]? in
            var valid = true
            let output = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                var i = 0
                var o = 0
                var accumulator: UInt32 = 0
                var bits = 0
                while i < count {
                    let value = table[Int(text[i])]
                    if value == 0xff {
                        valid = false
                        break
                    }
                    accumulator = (accumulator << 6) | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[o] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        o += 1
                        accumulator &= (1 << UInt32(bits)) - 1
                    }
                    i += 1
                }
                // Leftover bits must be zero for a canonical encoding.
                if valid && accumulator != 0 { valid = false }
                initialized = valid ? o : 0
            }
            return valid ? output : nil
        }
    }
}

/// Calls `body` with the contiguous UTF-8 bytes of `text`.
func withUTF8Bytes<Text: StringProtocol, Result>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) {
        return result
    }
    let copy = Array(text.utf8)
    return copy.withUnsafeBufferPointer(body)
}
