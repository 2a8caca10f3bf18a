import HTTPServer
import XCTest

final class FormBodyTests: XCTestCase {
    func testFormBodyDecodesLikeAQueryString() {
        let q = QueryParameters(formBody: Array("name=Okta+prod&csrf=a%2Fb".utf8))
        XCTAssertEqual(q["name"], "Okta prod")
        XCTAssertEqual(q["csrf"], "a/b")
    }

    func testNonUTF8FormBodyIsRepaired() {
        let q = QueryParameters(formBody: [0x6E, 0x3D, 0xFF])  // "n=\xFF"
        XCTAssertEqual(q["n"], "\u{FFFD}")
    }
}
