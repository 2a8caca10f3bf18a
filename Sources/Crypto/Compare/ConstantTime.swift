/// Comparisons whose running time does not depend on where secret bytes differ.
public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. Visits every byte when the lengths match;
    /// a length mismatch returns early (lengths of digests and MACs are public).
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                var difference: UInt8 = 0
                for i in 0..<x.count {
                    difference |= x[i] ^ y[i]
                }
                return difference == 0
            }
        }
    }
}
