/// RFC 3339 / xsd:dateTime parsing into instants, and the server's own timestamp format, without
/// Foundation. Filters and sorting compare dateTime attributes as instants, so
/// `2011-05-13T04:42:34Z`, `2011-05-13T04:42:34.000Z` and `2011-05-13T06:42:34+02:00` are equal.
public enum SCIMDateTime {
    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]` into seconds and nanoseconds since
    /// 1970-01-01T00:00:00Z. Accepted variations: `t`/space for `T`, `z` for `Z`, `±hhmm` offsets,
    /// no zone (read as UTC, as xsd:dateTime without a zone is unqualified), fractions of any
    /// length (digits past nanoseconds are dropped), second 60 (a leap second, counted as the next
    /// second). Returns nil for anything else, including impossible dates such as `2023-02-29`.
    public static func parse(_ text: String) -> (seconds: Int64, nanos: Int32)? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Milliseconds since the epoch, for callers that keep timestamps as integers.
    public static func millisecondsSinceEpoch(_ text: String) -> Int64? {
        guard let t = parse(text) else { return nil }
        return t.seconds &* 1000 &+ Int64(t.nanos / 1_000_000)
    }

    /// `2026-12-01T08:57:00.123Z`: UTC, always three fraction digits (what `meta.created` and
    /// `meta.lastModified` use). Years outside 0...9999 are clamped to that range.
    public static func format(millisecondsSinceEpoch ms: Int64) -> String {
        let minMs: Int64 = -62_167_219_200_000  // 0000-01-01T00:00:00.000Z
        let maxMs: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999Z
        let ms = min(max(ms, minMs), maxMs)
        let seconds = floorDiv(ms, 1000)
        let milli = Int(ms - seconds * 1000)
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = civil(fromDays: days)
        let hh = secondOfDay / 3600, mm = secondOfDay / 60 % 60, ss = secondOfDay % 60
        return String(unsafeUninitializedCapacity: 24) { out in
            @inline(__always) func put(_ value: Int, _ width: Int, at index: Int) {
                var v = value
                var i = index + width - 1
                while i >= index { out[i] = UInt8(48 + v % 10); v /= 10; i -= 1 }
            }
            put(Int(y), 4, at: 0); out[4] = 0x2D
            put(m, 2, at: 5); out[7] = 0x2D
            put(d, 2, at: 8); out[10] = 0x54
            put(hh, 2, at: 11); out[13] = 0x3A
            put(mm, 2, at: 14); out[16] = 0x3A
            put(ss, 2, at: 17); out[19] = 0x2E
            put(milli, 3, at: 20); out[23] = 0x5A
            return 24
        }
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian; Howard Hinnant's algorithms)

    /// Days since 1970-01-01 of a civil date.
    static func days(fromCivilYear year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func isLeapYear(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysInMonth(_ y: Int64, _ m: Int) -> Int {
        switch m {
        case 2: return isLeapYear(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always) private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    // MARK: - Parsing

    private static func parse(bytes p: UnsafeBufferPointer<UInt8>) -> (seconds: Int64, nanos: Int32)? {
        var i = 0
        let n = p.count
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for _ in 0..<count {
                let d = p[i] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
                i += 1
            }
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n, p[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard i < n, p[i] == 0x54 || p[i] == 0x74 || p[i] == 0x20 else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(Int64(year), month),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var nanos = 0
        if i < n, p[i] == 0x2E {
            i += 1
            var count = 0
            while i < n, p[i] &- 48 < 10 {
                if count < 9 { nanos = nanos * 10 + Int(p[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offsetSeconds = 0
        if i < n {
            let c = p[i]
            if c == 0x5A || c == 0x7A {
                i += 1
            } else if c == 0x2B || c == 0x2D {
                i += 1
                guard let oh = digits(2), oh < 24 else { return nil }
                _ = expect(0x3A)
                guard let om = digits(2), om < 60 else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (c == 0x2D ? -1 : 1)
            } else {
                return nil
            }
        }
        guard i == n else { return nil }
        let dayCount = days(fromCivilYear: Int64(year), month: month, day: day)
        let seconds = dayCount * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return (seconds, Int32(nanos))
    }
}
