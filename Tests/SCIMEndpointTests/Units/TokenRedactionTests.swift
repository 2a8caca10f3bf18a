import Crypto
import SCIMEndpoint
import XCTest

final class TokenRedactionTests: XCTestCase {
    func testRedactsEveryTokenShapedRun() {
        let a = BearerToken.generate().secret, b = BearerToken.generate().secret
        let text = "/Users?access_token=\(a)&x=1&t=\(b)"
        let redacted = TokenRedaction.redact(text)
        XCTAssertEqual(redacted, "/Users?access_token=scimd_[redacted]&x=1&t=scimd_[redacted]")
        XCTAssertEqual(TokenRedaction.redact(a), "scimd_[redacted]")
        XCTAssertEqual(TokenRedaction.redact("é \(a) ü"), "é scimd_[redacted] ü")
    }

    func testLeavesOrdinaryTextAlone() {
        for text in ["", "s", "scimd_", "scimd_short", "/Users?filter=userName eq \"scimd_admin\"", "SCIMD_AAAAAAAAAAAAAAAAAAAAAAAA", "ünïcödé"] {
            XCTAssertEqual(TokenRedaction.redact(text), text)
        }
    }
}
