/// Orders names the way people read a list: case-insensitively, with numbers by their value, so
/// "Group 2" comes before "Group 10". Compares the UTF-8 bytes in place, folding ASCII case (no
/// allocation: a 100,000-user page makes a few hundred thousand comparisons); when it meets a
/// non-ASCII character before the strings differ, it compares their lowercased forms instead.
enum NaturalOrder {
    /// -1, 0 or 1. Equal when the strings differ only in case or in leading zeros of a number.
    static func compare(_ a: String, _ b: String) -> Int {
        if let r = bytes(a, b) { return r }
        return bytes(a.lowercased(), b.lowercased(), foldingOnly: true) ?? 0
    }

    static func precedes(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    private static func bytes(_ a: String, _ b: String, foldingOnly: Bool = false) -> Int? {
        var a = a, b = b   // withUTF8 makes a non-contiguous string contiguous, hence the copies
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y, stopAtNonASCII: !foldingOnly) } }
    }

    @inline(__always) static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }
    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) private static func folded(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// nil when `stopAtNonASCII` and a non-ASCII byte comes up before the strings differ.
    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, stopAtNonASCII: Bool) -> Int? {
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if stopAtNonASCII && (x[i] >= 0x80 || y[j] >= 0x80) { return nil }
            if isDigit(x[i]) && isDigit(y[j]) {
                // Two numbers: fewer significant digits is smaller; equal lengths compare digit by digit.
                var i0 = i, j0 = j
                while i0 < x.count && x[i0] == 0x30 { i0 += 1 }
                while j0 < y.count && y[j0] == 0x30 { j0 += 1 }
                var i1 = i0, j1 = j0
                while i1 < x.count && isDigit(x[i1]) { i1 += 1 }
                while j1 < y.count && isDigit(y[j1]) { j1 += 1 }
                if i1 - i0 != j1 - j0 { return i1 - i0 < j1 - j0 ? -1 : 1 }
                var k = 0
                while k < i1 - i0 {
                    if x[i0 + k] != y[j0 + k] { return x[i0 + k] < y[j0 + k] ? -1 : 1 }
                    k += 1
                }
                i = i1
                j = j1
                continue
            }
            let c = folded(x[i]), d = folded(y[j])
            if c != d { return c < d ? -1 : 1 }
            i += 1
            j += 1
        }
        if i < x.count { return 1 }
        if j < y.count { return -1 }
        return 0
    }
}
