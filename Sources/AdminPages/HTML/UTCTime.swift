import SCIMCore

/// Dates for the pages, in UTC, without Foundation.
enum UTCTime {
    struct Civil {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    }

    static func civil(_ ms: Int64) -> Civil {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secOfDay = Int(seconds - days * 86_400)
        let date = SCIMDateTime.civil(fromDays: days)
        return Civil(year: Int(date.year), month: date.month, day: date.day,
                     hour: secOfDay / 3600, minute: secOfDay % 3600 / 60, second: secOfDay % 60)
    }

    /// "2025-03-07 14:05 UTC"
    static func display(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)) UTC"
    }

    /// "2025-03-07 14:05:09"
    static func displaySeconds(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
    }

    /// "2025-03-07T14:05:09Z", for `<time datetime>`.
    static func iso(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(c.year)-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// "just now", "5 min ago", "3 h ago", "2 days ago".
    static func relative(_ ms: Int64, now: Int64) -> String {
        let s = (now - ms) / 1000
        if s < 0 { return "just now" }
        if s < 60 { return s < 10 ? "just now" : "\(s) s ago" }
        if s < 3600 { return "\(s / 60) min ago" }
        if s < 86_400 { return "\(s / 3600) h ago" }
        let d = s / 86_400
        return d == 1 ? "1 day ago" : "\(d) days ago"
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}
