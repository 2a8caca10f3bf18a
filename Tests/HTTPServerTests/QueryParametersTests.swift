import HTTPServer
import XCTest

/// Query strings and form bodies reach the SCIM endpoint and admin pages from the network:
/// malformed escapes and odd shapes must decode to something definite, never crash.
final class QueryParametersTests: XCTestCase {
    func testDecodesPairsPlusAndPercentEscapes() {
        let q = QueryParameters("filter=userName%20eq%20%22a%2Bb%40x.com%22&startIndex=1&count=10+")
        XCTAssertEqual(q["filter"], "userName eq \"a+b@x.com\"")
        XCTAssertEqual(q["startindex"], "1", "names match ignoring case")
        XCTAssertEqual(q["count"], "10 ")
        XCTAssertNil(q["missing"])
    }

    func testFirstValueWinsAndBareNamesHaveEmptyValues() {
        let q = QueryParameters("a=1&a=2&flag&=x&&")
        XCTAssertEqual(q["a"], "1")
        XCTAssertEqual(q["flag"], "")
        XCTAssertEqual(q[""], "x")
        XCTAssertEqual(q.pairs.count, 4)
    }

    func testMalformedEscapesAreKeptLiterally() {
        XCTAssertEqual(QueryParameters.decode("%"), "%")
        XCTAssertEqual(QueryParameters.decode("%4"), "%4")
        XCTAssertEqual(QueryParameters.decode("%zz"), "%zz")
        XCTAssertEqual(QueryParameters.decode("100%"), "100%")
        XCTAssertEqual(QueryParameters.decode("%41%4"), "A%4")
    }

    func testInvalidUTF8IsRepairedNotFatal() {
        XCTAssertEqual(QueryParameters.decode("%FF%FE"), "\u{FFFD}\u{FFFD}")
        XCTAssertEqual(QueryParameters.decode("%C3"), "\u{FFFD}")
        XCTAssertEqual(QueryParameters.decode("%C3%A9"), "é")
    }

    func testPathSegmentsKeepPlus() {
        XCTAssertEqual(QueryParameters.decodePathSegment("a+b%20c"), "a+b c")
        XCTAssertEqual(QueryParameters.decodePathSegment("%2e%2e"), "..")
    }

    func testEncodeRoundTrips() {
        for s in ["plain", "a b+c/d?e&f=g", "é漢字🙂", "\"quoted\"", ""] {
            XCTAssertEqual(QueryParameters.decode(QueryParameters.encode(s)), s)
        }
    }

    func testRandomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("%&=+aZ09\u{00}é".unicodeScalars)
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<40, using: &rng) { s.unicodeScalars.append(alphabet.randomElement(using: &rng)!) }
            _ = QueryParameters(s)["a"]
            _ = QueryParameters.decodePathSegment(s)
        }
    }
}
