import XCTest
@testable import Crypto

final class PBKDF2Tests: XCTestCase {
    // RFC 7914 section 11.
    func testRFC7914OneIteration() {
        let key = PBKDF2.deriveKey(password: ascii("passwd"), salt: ascii("salt"), iterations: 1, keyLength: 64)
        XCTAssertEqual(hexString(key), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testRFC7914EightyThousandIterations() {
        let key = PBKDF2.deriveKey(password: ascii("Password"), salt: ascii("NaCl"), iterations: 80_000, keyLength: 64)
        XCTAssertEqual(hexString(key), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    // The widely published PBKDF2-HMAC-SHA256 counterparts of the RFC 6070 vectors.
    func testPasswordSaltOneTwoAnd4096Iterations() {
        let expected: [(Int, String)] = [
            (1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
            (2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
            (4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        ]
        for (iterations, digest) in expected {
            let key = PBKDF2.deriveKey(password: ascii("password"), salt: ascii("salt"), iterations: iterations, keyLength: 32)
            XCTAssertEqual(hexString(key), digest, "c=\(iterations)")
        }
    }

    func testLongPasswordAndSaltWithPartialLastBlock() {
        let key = PBKDF2.deriveKey(
            password: ascii("passwordPASSWORDpassword"),
            salt: ascii("saltSALTsaltSALTsaltSALTsaltSALTsalt"),
            iterations: 4096, keyLength: 40)
        XCTAssertEqual(hexString(key), "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9")
    }

    func testEmbeddedNulBytesAndShortKey() {
        let key = PBKDF2.deriveKey(password: ascii("pass\0word"), salt: ascii("sa\0lt"), iterations: 4096, keyLength: 16)
        XCTAssertEqual(hexString(key), "89b69d0516f829893c696226650a8687")
    }

    func testOWASPDefaultIterationCount() {
        // 600,000 iterations (python3 hashlib.pbkdf2_hmac). Debug builds take a few seconds here.
        let key = PBKDF2.deriveKey(password: ascii("password"), salt: ascii("salt"), iterations: 600_000, keyLength: 32)
        XCTAssertEqual(hexString(key), "669cfe52482116fda1aa2cbe409b2f56c8e4563752b7a28f6eaab614ee005178")
    }
}
