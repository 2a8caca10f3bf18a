// Test-only helpers, independent of the module's own Hex so encoder bugs cannot hide vector mismatches.

func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8).filter { $0 != UInt8(ascii: " ") }
    var result: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        result.append(UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) ?? 0)
        index += 2
    }
    return result
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

func ascii(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// The byte pattern `(i * 7 + 3) % 256` used for the python3 hashlib reference digests.
func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
}
