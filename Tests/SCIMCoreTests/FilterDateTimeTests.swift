import XCTest
@testable import SCIMCore

final class FilterDateTimeTests: XCTestCase {
    private func ms(_ text: String) -> Int64? { SCIMDateTime.millisecondsSinceEpoch(text) }

    func testFormatKnownInstants() {
        let known: [(Int64, String)] = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1, "1970-01-01T00:00:00.001Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (86_399_999, "1970-01-01T23:59:59.999Z"),
            (946_684_800_000, "2000-01-01T00:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (951_868_800_000, "2000-03-01T00:00:00.000Z"),
            (1_078_012_800_000, "2004-02-29T00:00:00.000Z"),
            (4_107_456_000_000, "2100-02-28T00:00:00.000Z"),
            (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
            (1_305_261_754_000, "2011-05-13T04:42:34.000Z"),
            (1_264_222_582_000, "2010-01-23T04:56:22.000Z"),
            (1_798_707_420_123, "2026-12-31T08:57:00.123Z"),
            (1_796_115_420_123, "2026-12-01T08:57:00.123Z"),
            (2_147_483_647_000, "2038-01-19T03:14:07.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
            (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"),
            (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
            (1_735_689_599_999, "2024-12-31T23:59:59.999Z"),
        ]
        for (value, text) in known {
            XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: value), text, "\(value)")
            XCTAssertEqual(ms(text), value, text)
        }
    }

    func testRoundTripsOverManyInstants() {
        var rng = SplitMix64(seed: 7)
        var previous: String?
        var t: Int64 = -2_208_988_800_000  // 1900
        while t < 4_102_444_800_000 {  // 2100
            let s = SCIMDateTime.format(millisecondsSinceEpoch: t)
            XCTAssertEqual(s.utf8.count, 24)
            XCTAssertEqual(ms(s), t, s)
            if let previous { XCTAssertLessThan(previous, s) }  // the text sorts like the instant
            previous = s
            t += 1 + Int64(rng.next() % 20_000_000_000)
        }
        // Every day boundary of leap and non-leap years around the century rules.
        for year: Int64 in [1970, 1999, 2000, 2001, 2023, 2024, 2100, 2400] {
            let start = SCIMDateTime.days(fromCivilYear: year, month: 1, day: 1)
            let days = SCIMDateTime.isLeapYear(year) ? 366 : 365
            XCTAssertEqual(SCIMDateTime.days(fromCivilYear: year + 1, month: 1, day: 1) - start, Int64(days))
            for d in 0..<Int64(days) {
                let c = SCIMDateTime.civil(fromDays: start + d)
                XCTAssertEqual(c.year, year)
                XCTAssertEqual(SCIMDateTime.days(fromCivilYear: c.year, month: c.month, day: c.day), start + d)
            }
        }
    }

    func testParseVariants() {
        let base: Int64 = 1_305_261_754_000  // 2011-05-13T04:42:34Z
        XCTAssertEqual(ms("2011-05-13T04:42:34Z"), base)
        XCTAssertEqual(ms("2011-05-13T04:42:34.000Z"), base)
        XCTAssertEqual(ms("2011-05-13T04:42:34.5Z"), base + 500)
        XCTAssertEqual(ms("2011-05-13T04:42:34.123456789Z"), base + 123)
        XCTAssertEqual(ms("2011-05-13T04:42:34.1234567891234Z"), base + 123)
        XCTAssertEqual(ms("2011-05-13T06:42:34+02:00"), base)
        XCTAssertEqual(ms("2011-05-12T21:42:34-07:00"), base)
        XCTAssertEqual(ms("2011-05-13T10:12:34+0530"), base)
        XCTAssertEqual(ms("2011-05-13t04:42:34z"), base)
        XCTAssertEqual(ms("2011-05-13 04:42:34Z"), base)
        XCTAssertEqual(ms("2011-05-13T04:42:34"), base)
        XCTAssertEqual(ms("2011-05-13T04:42:34-00:00"), base)
        XCTAssertEqual(ms("2015-10-10T14:38:21.8617979-07:00"), 1_444_513_101_861)
        XCTAssertEqual(ms("2016-12-31T23:59:60Z"), ms("2017-01-01T00:00:00Z"))
        let p = SCIMDateTime.parse("2011-05-13T04:42:34.000000001Z")
        XCTAssertEqual(p?.seconds, 1_305_261_754)
        XCTAssertEqual(p?.nanos, 1)
        XCTAssertEqual(SCIMDateTime.parse("1969-12-31T23:59:59.5Z")?.seconds, -1)
        XCTAssertEqual(SCIMDateTime.parse("1969-12-31T23:59:59.5Z")?.nanos, 500_000_000)
    }

    func testParseRejects() {
        for bad in ["", "2011", "2011-05-13", "2011-05-13T", "2011-05-13T04:42", "2011-5-13T04:42:34Z", "2011-05-13T4:42:34Z",
                    "2011-13-01T00:00:00Z", "2011-00-01T00:00:00Z", "2011-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
                    "2011-04-31T00:00:00Z", "2011-05-00T00:00:00Z", "2011-05-13T24:00:00Z", "2011-05-13T23:60:00Z",
                    "2011-05-13T23:59:61Z", "2011-05-13T04:42:34.Z", "2011-05-13T04:42:34ZZ", "2011-05-13T04:42:34+2:00",
                    "2011-05-13T04:42:34+24:00", "2011-05-13T04:42:34+01:60", "2011-05-13T04:42:34 Z", "05-13-2011",
                    "2011/05/13T04:42:34Z", "2011-05-13T04:42:34+", "2011-05-13X04:42:34Z", " 2011-05-13T04:42:34Z",
                    "2011-05-13T04:42:34Z ", "２０１１-05-13T04:42:34Z", "yesterday"] {
            XCTAssertNil(SCIMDateTime.parse(bad), bad)
        }
        XCTAssertNotNil(SCIMDateTime.parse("2000-02-29T00:00:00Z"))
        XCTAssertNotNil(SCIMDateTime.parse("2024-02-29T23:59:59Z"))
    }

    func testFormatClampsOutOfRange() {
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: .max), "9999-12-31T23:59:59.999Z")
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: .min), "0000-01-01T00:00:00.000Z")
    }
}
