import XCTest
@testable import Crypto

final class PasswordPolicyTests: XCTestCase {
    func testCommonPasswordsAreRefusedCaseInsensitively() {
        for password in ["password", "Password", "PASSWORD", "Password123", "password123", "12345678", "123456789",
                         "qwertyuiop", "iloveyou", "sunshine", "trustno1", "Passw0rd"] {
            XCTAssertEqual(PasswordPolicy.check(password), .tooCommon, password)
        }
    }

    func testLengthBounds() {
        XCTAssertEqual(PasswordPolicy.check(""), .tooShort)
        XCTAssertEqual(PasswordPolicy.check("Zq7#vLm"), .tooShort)  // 7 characters
        XCTAssertNil(PasswordPolicy.check("Zq7#vLmx"))  // 8
        XCTAssertNil(PasswordPolicy.check(String(repeating: "k", count: 64) + String(repeating: "Q", count: 64)))  // 128
        XCTAssertEqual(PasswordPolicy.check(String(repeating: "k", count: 129)), .tooLong)
    }

    func testNoCompositionRules() {
        XCTAssertNil(PasswordPolicy.check("correct horse battery staple"))
        XCTAssertNil(PasswordPolicy.check("zebrastripedkoala"))
        XCTAssertNil(PasswordPolicy.check("          x"))
    }

    func testLengthCountsUnicodeScalarsNotBytes() {
        // 7 scalars, 21 UTF-8 bytes: still too short.
        XCTAssertEqual(PasswordPolicy.check("日本語のパスワ"), .tooShort)
        XCTAssertNil(PasswordPolicy.check("日本語のパスワード"))
        // 128 two-byte scalars (256 bytes) are accepted; 129 are not.
        XCTAssertNil(PasswordPolicy.check(String(repeating: "é", count: 128)))
        XCTAssertEqual(PasswordPolicy.check(String(repeating: "é", count: 129)), .tooLong)
    }

    func testMessages() {
        XCTAssertEqual(PasswordPolicy.Violation.tooShort.message, "Use at least 8 characters")
        XCTAssertEqual(PasswordPolicy.Violation.tooLong.message, "Use at most 128 characters")
        XCTAssertEqual(PasswordPolicy.Violation.tooCommon.message, "That password is too common: choose another")
    }

    func testBlocklistIsWellFormed() {
        let list = CommonPasswords.set
        XCTAssertGreaterThan(list.count, 700)
        for entry in list {
            XCTAssertGreaterThanOrEqual(entry.count, 8, entry)
            XCTAssertEqual(entry, entry.lowercased(), entry)
        }
        XCTAssertFalse(list.contains(""))
    }
}
