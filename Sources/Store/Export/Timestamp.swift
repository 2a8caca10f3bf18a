/// RFC 3339 / ISO 8601 UTC text for milliseconds since the epoch ("2026-01-02T03:04:05.678Z").
enum Timestamp {
    static func iso8601(milliseconds: Int64) -> String {
        let ms = Int(((milliseconds % 1000) + 1000) % 1000)
        let totalSeconds = (milliseconds - Int64(ms)) / 1000
        var days = Int(totalSeconds >= 0 ? totalSeconds / 86400 : (totalSeconds - 86399) / 86400)
        let secondsOfDay = Int(totalSeconds - Int64(days) * 86400)
        // Howard Hinnant's civil_from_days.
        days += 719468
        let era = (days >= 0 ? days : days - 146096) / 146097
        let dayOfEra = days - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(ms, 3))Z"
    }
}
