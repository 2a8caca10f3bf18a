/// The IMF-fixdate for the `Date` header (RFC 9110 section 5.6.7), reformatted at most once per
/// second. One per event loop, so no locking.
struct HTTPDateCache {
    /// "Sun, 06 Nov 1994 08:49:37 GMT" (always 29 bytes).
    private(set) var bytes: [UInt8] = Array(repeating: UInt8(ascii: " "), count: 29)
    private var second: Int64 = .min

    /// Updates the cached text if the wall-clock second changed.
    mutating func refresh(wallMilliseconds: Int64) {
        let s = wallMilliseconds >= 0 ? wallMilliseconds / 1000 : (wallMilliseconds - 999) / 1000
        guard s != second else { return }
        second = s
        bytes = Self.format(epochSeconds: s)
    }

    static func format(epochSeconds s: Int64) -> [UInt8] {
        let days = s >= 0 ? s / 86400 : (s - 86399) / 86400
        let secondOfDay = Int(s - days * 86400)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4, Sunday = 0)
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400 + (month <= 2 ? 1 : 0))

        let dayNames: StaticString = "SunMonTueWedThuFriSat"
        let monthNames: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"
        var out: [UInt8] = []
        out.reserveCapacity(29)
        let dn = dayNames.utf8Start
        out.append(dn[weekday * 3]); out.append(dn[weekday * 3 + 1]); out.append(dn[weekday * 3 + 2])
        out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " "))
        appendTwoDigits(day, to: &out)
        out.append(UInt8(ascii: " "))
        let mn = monthNames.utf8Start
        out.append(mn[(month - 1) * 3]); out.append(mn[(month - 1) * 3 + 1]); out.append(mn[(month - 1) * 3 + 2])
        out.append(UInt8(ascii: " "))
        let y = max(0, min(9999, year))
        appendTwoDigits(y / 100, to: &out)
        appendTwoDigits(y % 100, to: &out)
        out.append(UInt8(ascii: " "))
        appendTwoDigits(secondOfDay / 3600, to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits((secondOfDay / 60) % 60, to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    private static func appendTwoDigits(_ v: Int, to out: inout [UInt8]) {
        out.append(UInt8(48 + v / 10))
        out.append(UInt8(48 + v % 10))
    }
}
