/// "Does this attribute contain what the admin typed", ignoring case, without allocating for ASCII
/// values: the users page runs it over every attribute of every user on each search.
struct CaseInsensitiveSearch {
    /// The search text, lowercased, as UTF-8.
    let needle: [UInt8]

    init(_ text: String) { needle = Array(text.lowercased().utf8) }

    var isEmpty: Bool { needle.isEmpty }

    func matches(_ value: String) -> Bool {
        if needle.isEmpty { return true }
        if NaturalOrder.isASCII(value) {
            var v = value
            return v.withUTF8 { contains($0) }
        }
        return Array(value.lowercased().utf8).withUnsafeBufferPointer { contains($0) }
    }

    private func contains(_ hay: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard hay.count >= n else { return false }
        return needle.withUnsafeBufferPointer { pin in
            var start = 0
            while start + n <= hay.count {
                var k = 0
                while k < n {
                    let c = hay[start + k]
                    if (c &- 0x41 < 26 ? c | 0x20 : c) != pin[k] { break }
                    k += 1
                }
                if k == n { return true }
                start += 1
            }
            return false
        }
    }
}
