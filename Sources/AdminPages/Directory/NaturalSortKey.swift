/// A string key that sorts case-insensitively and with numbers in numeric order, so "Group 2"
/// comes before "Group 10" (as people expect in a list of names), while plain `<` still compares it.
enum NaturalSortKey {
    /// Digit runs are left-padded with zeros to this width; longer runs are kept as they are.
    static let width = 20

    static func make(_ s: String) -> String {
        let lower = s.lowercased()
        let utf8 = lower.utf8
        guard utf8.contains(where: isDigit) else { return lower }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + width)
        var run: [UInt8] = []
        func flush() {
            guard !run.isEmpty else { return }
            // Leading zeros do not change a number's place; drop them (but keep one zero).
            var digits = run[...]
            while digits.count > 1, digits.first == UInt8(ascii: "0") { digits = digits.dropFirst() }
            if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            out.append(contentsOf: digits)
            run.removeAll(keepingCapacity: true)
        }
        for b in utf8 {
            if isDigit(b) { run.append(b) } else { flush(); out.append(b) }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
