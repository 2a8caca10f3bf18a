/// Names of the files in the data directory.
enum DataFileName {
    static let lock = "LOCK"
    static let segmentPrefix = "log-"
    static let snapshotPrefix = "snapshot-"
    static let suffix = ".jsonl"
    static let temporarySuffix = ".tmp"
    static let brokenSuffix = ".broken"

    /// `log-<first sequence number, 16 digits>.jsonl`
    static func segment(firstSequence: UInt64) -> String { segmentPrefix + digits(firstSequence) + suffix }

    /// `snapshot-<last sequence number it includes, 16 digits>.jsonl`
    static func snapshot(sequence: UInt64) -> String { snapshotPrefix + digits(sequence) + suffix }

    static func parseSegment(_ name: String) -> UInt64? { parse(name, prefix: segmentPrefix) }
    static func parseSnapshot(_ name: String) -> UInt64? { parse(name, prefix: snapshotPrefix) }

    static func digits(_ n: UInt64) -> String {
        let s = String(n)
        return s.count >= 16 ? s : String(repeating: "0", count: 16 - s.count) + s
    }

    private static func parse(_ name: String, prefix: String) -> UInt64? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard middle.count == 16, middle.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(middle)
    }

    /// Where bytes set aside from `name` are kept: `<name>.broken`, or `<name>.2.broken`,
    /// `<name>.3.broken`, … when that name already holds bytes set aside earlier (a second torn
    /// tail of the same segment, a repair after a cut): kept bytes are never overwritten.
    static func broken(for name: String, existing: [String]) -> String {
        let taken = Set(existing)
        var candidate = name + brokenSuffix
        var n = 2
        while taken.contains(candidate) {
            candidate = name + ".\(n)" + brokenSuffix
            n += 1
        }
        return candidate
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
