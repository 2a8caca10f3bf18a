@testable import AdminPages
import XCTest

final class NaturalSortKeyTests: XCTestCase {
    private func sorted(_ names: [String]) -> [String] {
        names.sorted { NaturalSortKey.make($0) < NaturalSortKey.make($1) }
    }

    func testNumbersSortInNumericOrder() {
        XCTAssertEqual(sorted(["Group 10", "Group 2", "Group 1", "Group 11", "Group 0"]),
                       ["Group 0", "Group 1", "Group 2", "Group 10", "Group 11"])
        XCTAssertEqual(sorted(["user10@x", "user9@x", "user100@x", "user1@x"]), ["user1@x", "user9@x", "user10@x", "user100@x"])
        XCTAssertEqual(sorted(["Floor 2 Room 10", "Floor 2 Room 9", "Floor 10 Room 1"]),
                       ["Floor 2 Room 9", "Floor 2 Room 10", "Floor 10 Room 1"])
    }

    func testCaseInsensitiveAndLeadingZeros() {
        XCTAssertEqual(NaturalSortKey.make("ADA"), NaturalSortKey.make("ada"))
        XCTAssertEqual(NaturalSortKey.make("Team 007"), NaturalSortKey.make("team 7"))
        XCTAssertLessThan(NaturalSortKey.make("Team 0"), NaturalSortKey.make("Team 1"))
        XCTAssertEqual(NaturalSortKey.make("no digits"), "no digits", "fast path keeps the text")
    }

    func testOddInputDoesNotCrash() {
        XCTAssertEqual(NaturalSortKey.make(""), "")
        let long = String(repeating: "9", count: 500)
        XCTAssertEqual(NaturalSortKey.make(long), long, "runs longer than the width are kept")
        XCTAssertLessThan(NaturalSortKey.make("x" + String(repeating: "9", count: 30)), NaturalSortKey.make("y"))
        XCTAssertEqual(NaturalSortKey.make("Ünïcödé 5"), "ünïcödé " + String(repeating: "0", count: 19) + "5")
        XCTAssertEqual(NaturalSortKey.make("000"), String(repeating: "0", count: 20))
        XCTAssertEqual(NaturalSortKey.make("٣ arabic-indic digit"), "٣ arabic-indic digit", "only ASCII digits are numbers")
    }
}
