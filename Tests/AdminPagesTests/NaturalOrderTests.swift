@testable import AdminPages
import XCTest

final class NaturalOrderTests: XCTestCase {
    private func sorted(_ names: [String]) -> [String] { names.sorted(by: NaturalOrder.precedes) }

    func testNumbersSortByValue() {
        XCTAssertEqual(sorted(["Group 10", "Group 2", "Group 1", "Group 11", "Group 0"]),
                       ["Group 0", "Group 1", "Group 2", "Group 10", "Group 11"])
        XCTAssertEqual(sorted(["user10@x", "user9@x", "user100@x", "user1@x"]), ["user1@x", "user9@x", "user10@x", "user100@x"])
        XCTAssertEqual(sorted(["Floor 2 Room 10", "Floor 2 Room 9", "Floor 10 Room 1"]),
                       ["Floor 2 Room 9", "Floor 2 Room 10", "Floor 10 Room 1"])
        XCTAssertEqual(sorted(["150", "12", "9", "1000"]), ["9", "12", "150", "1000"], "member counts")
        XCTAssertEqual(NaturalOrder.compare("99999999999999999999999", "100000000000000000000000"), -1, "longer than any integer type")
    }

    func testCaseAndLeadingZerosAreIgnored() {
        XCTAssertEqual(NaturalOrder.compare("ADA", "ada"), 0)
        XCTAssertEqual(NaturalOrder.compare("Team 007", "team 7"), 0)
        XCTAssertEqual(NaturalOrder.compare("Team 0", "Team 00"), 0)
        XCTAssertEqual(NaturalOrder.compare("Team 0", "Team 1"), -1)
        XCTAssertEqual(NaturalOrder.compare("ann", "Bob"), -1, "case-insensitive, not uppercase first")
        XCTAssertEqual(NaturalOrder.compare("Ann", "ann b"), -1, "a prefix comes first")
        XCTAssertEqual(NaturalOrder.compare("", "a"), -1)
        XCTAssertEqual(NaturalOrder.compare("", ""), 0)
    }

    func testNonASCII() {
        XCTAssertEqual(NaturalOrder.compare("Émile", "émile"), 0)
        XCTAssertEqual(sorted(["Zoë 10", "zoë 9"]), ["zoë 9", "Zoë 10"])
        XCTAssertEqual(NaturalOrder.compare("٣", "3"), 1, "only ASCII digits are numbers")
    }

    func testTotalOrderOnAMix() {
        // Sorting must be consistent: each adjacent pair in order, whatever the starting order.
        let names = ["a1", "a01", "a", "A2", "a10b", "a10a", "a9z", "b", "B1", "1", "01", "10", "x y", "x-y", "Zed", "zed 2", "ünï", "ÜNÏ 3"]
        let once = sorted(names)
        for (p, q) in zip(once, sorted(once.reversed())) { XCTAssertEqual(NaturalOrder.compare(p, q), 0, "same order from the other end: \(p) / \(q)") }
        for (p, q) in zip(once, once.dropFirst()) { XCTAssertLessThanOrEqual(NaturalOrder.compare(p, q), 0, "\(p) / \(q)") }
        for x in names { for y in names { XCTAssertEqual(NaturalOrder.compare(x, y), -NaturalOrder.compare(y, x), "\(x) / \(y)") } }
    }
}

final class CaseInsensitiveSearchTests: XCTestCase {
    func testMatches() {
        let s = CaseInsensitiveSearch("USER99")
        XCTAssertTrue(s.matches("user99@example.com"))
        XCTAssertTrue(s.matches("x-User990"))
        XCTAssertFalse(s.matches("user1990@example.com"))
        XCTAssertFalse(s.matches("user9"))
        XCTAssertFalse(s.matches(""))
        XCTAssertTrue(CaseInsensitiveSearch("").matches("anything"))
        XCTAssertTrue(CaseInsensitiveSearch("").isEmpty)
        XCTAssertTrue(CaseInsensitiveSearch("émile").matches("Dr ÉMILE Zola"))
        XCTAssertTrue(CaseInsensitiveSearch("zola").matches("Dr Émile Zola"), "ASCII needle in a non-ASCII value")
        XCTAssertFalse(CaseInsensitiveSearch("é").matches("e"))
        XCTAssertTrue(CaseInsensitiveSearch("a@b").matches("A@B"))
        XCTAssertTrue(CaseInsensitiveSearch("[").matches("{[x"), "punctuation is not case-folded")
        XCTAssertFalse(CaseInsensitiveSearch("{").matches("["))
    }
}

final class TopSelectionTests: XCTestCase {
    /// A deterministic shuffle (no randomness in tests).
    private func scrambled(_ n: Int) -> [Int] { (0..<n).map { ($0 * 7919) % n } }

    func testKeepsTheFirstItemsInOrderWhateverTheArrivalOrder() {
        let n = 5000
        let names = scrambled(n).map { "Name \($0)" }
        for (limit, ascending) in [(1, true), (50, true), (50, false), (2550, false), (n, true), (n + 10, false)] {
            var s = TopSelection<String>(limit: limit, ascending: ascending) { $0 }
            for x in names { s.offer(x) }
            let expected = Array(names.sorted { ascending ? NaturalOrder.precedes($0, $1) : NaturalOrder.precedes($1, $0) }.prefix(limit))
            XCTAssertEqual(s.sorted(), expected, "limit \(limit) ascending \(ascending)")
        }
    }

    func testEqualKeysKeepArrivalOrderAndZeroLimitKeepsNothing() {
        var s = TopSelection<(String, Int)>(limit: 3, ascending: true) { $0.0 }
        for (i, k) in ["b", "a", "B", "a", "A"].enumerated() { s.offer((k, i)) }
        XCTAssertEqual(s.sorted().map(\.1), [1, 3, 4], "the a's, in arrival order")
        var down = TopSelection<(String, Int)>(limit: 2, ascending: false) { $0.0 }
        for (i, k) in ["b", "a", "B"].enumerated() { down.offer((k, i)) }
        XCTAssertEqual(down.sorted().map(\.1), [0, 2], "descending keeps arrival order among equals too")
        var none = TopSelection<String>(limit: 0, ascending: true) { $0 }
        none.offer("x")
        XCTAssertTrue(none.sorted().isEmpty)
        var negative = TopSelection<String>(limit: -5, ascending: true) { $0 }
        negative.offer("x")
        XCTAssertTrue(negative.sorted().isEmpty)
    }
}
