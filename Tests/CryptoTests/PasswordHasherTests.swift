import XCTest
@testable import Crypto

final class PasswordHasherTests: XCTestCase {
    func testRecordFormatAndVerify() {
        let record = PasswordHasher.hash(password: "correct horse battery staple", iterations: 1000)
        let fields = record.split(separator: "$", omittingEmptySubsequences: false)
        XCTAssertEqual(fields.count, 4)
        XCTAssertEqual(fields[0], "pbkdf2-sha256")
        XCTAssertEqual(fields[1], "1000")
        XCTAssertEqual(Base64.decode(fields[2])?.count, 16)
        XCTAssertEqual(Base64.decode(fields[3])?.count, 32)
        XCTAssertTrue(PasswordHasher.verify(password: "correct horse battery staple", record: record))
        XCTAssertFalse(PasswordHasher.verify(password: "correct horse battery stapl", record: record))
        XCTAssertFalse(PasswordHasher.verify(password: "Correct horse battery staple", record: record))
        XCTAssertFalse(PasswordHasher.verify(password: "", record: record))
    }

    func testKeyIsPBKDF2OfPasswordAndStoredSalt() {
        let record = PasswordHasher.hash(password: "pässwörd", iterations: 3)
        let fields = record.split(separator: "$")
        guard let salt = Base64.decode(fields[2]) else { return XCTFail("salt") }
        let expected = PBKDF2.deriveKey(password: Array("pässwörd".utf8), salt: salt, iterations: 3, keyLength: 32)
        XCTAssertEqual(Base64.decode(fields[3]), expected)
    }

    func testKnownRecordVerifies() {
        // python3: base64(hashlib.pbkdf2_hmac("sha256", b"password", b"saltSALTsaltSALT", 4096, 32))
        let record = "pbkdf2-sha256$4096$c2FsdFNBTFRzYWx0U0FMVA==$kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo="
        XCTAssertTrue(PasswordHasher.verify(password: "password", record: record))
        XCTAssertFalse(PasswordHasher.verify(password: "Password", record: record))
    }

    func testSaltsDifferSoRecordsDiffer() {
        let first = PasswordHasher.hash(password: "same password", iterations: 2)
        let second = PasswordHasher.hash(password: "same password", iterations: 2)
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(PasswordHasher.verify(password: "same password", record: first))
        XCTAssertTrue(PasswordHasher.verify(password: "same password", record: second))
    }

    func testNoTruncationAt72Bytes() {
        let common = String(repeating: "x", count: 72)
        let first = common + String(repeating: "a", count: 28)
        let second = common + String(repeating: "b", count: 28)
        XCTAssertEqual(first.count, 100)
        let record = PasswordHasher.hash(password: first, iterations: 10)
        XCTAssertTrue(PasswordHasher.verify(password: first, record: record))
        XCTAssertFalse(PasswordHasher.verify(password: second, record: record))
        let fields = record.split(separator: "$")
        guard let salt = Base64.decode(fields[2]) else { return XCTFail("salt") }
        XCTAssertNotEqual(
            PBKDF2.deriveKey(password: Array(first.utf8), salt: salt, iterations: 10, keyLength: 32),
            PBKDF2.deriveKey(password: Array(second.utf8), salt: salt, iterations: 10, keyLength: 32))
    }

    func testDefaultIterationCount() {
        // The real default (600,000): a few seconds in a debug build, kept to prove the default path.
        let record = PasswordHasher.hash(password: "a long admin passphrase")
        XCTAssertTrue(record.hasPrefix("pbkdf2-sha256$600000$"))
        XCTAssertTrue(PasswordHasher.verify(password: "a long admin passphrase", record: record))
        XCTAssertFalse(PasswordHasher.needsRehash(record: record))
    }

    func testNeedsRehash() {
        let weak = PasswordHasher.hash(password: "secret passphrase", iterations: 1000)
        XCTAssertTrue(PasswordHasher.needsRehash(record: weak))
        XCTAssertFalse(PasswordHasher.needsRehash(record: weak, iterations: 1000))
        XCTAssertTrue(PasswordHasher.needsRehash(record: "garbage"))
    }

    func testMalformedRecordsAreRejected() {
        let salt = "c2FsdFNBTFRzYWx0U0FMVA=="
        let key = "kVD6NM4ljz+g9JUH5Fappxkk9oLULzZIKyYYhI/Tjlo="
        XCTAssertTrue(PasswordHasher.verify(password: "password", record: "pbkdf2-sha256$4096$\(salt)$\(key)"))
        let bad = [
            "", "$", "$$$", "pbkdf2-sha256", "pbkdf2-sha256$4096$\(salt)",
            "pbkdf2-sha256$4096$\(salt)$\(key)$", "pbkdf2-sha256$4096$\(salt)$\(key)$extra",
            "pbkdf2-sha512$4096$\(salt)$\(key)", "PBKDF2-SHA256$4096$\(salt)$\(key)", "bcrypt$4096$\(salt)$\(key)",
            "pbkdf2-sha256$$\(salt)$\(key)", "pbkdf2-sha256$0$\(salt)$\(key)", "pbkdf2-sha256$-1$\(salt)$\(key)",
            "pbkdf2-sha256$+4096$\(salt)$\(key)", "pbkdf2-sha256$04096$\(salt)$\(key)", "pbkdf2-sha256$4096 $\(salt)$\(key)",
            "pbkdf2-sha256$4k$\(salt)$\(key)", "pbkdf2-sha256$٤٠٩٦$\(salt)$\(key)",
            "pbkdf2-sha256$10000001$\(salt)$\(key)", "pbkdf2-sha256$99999999999999999999$\(salt)$\(key)",
            "pbkdf2-sha256$4096$$\(key)", "pbkdf2-sha256$4096$\(salt)$", "pbkdf2-sha256$4096$c2FsdA==$\(key)",  // salt too short
            "pbkdf2-sha256$4096$not base64$\(key)", "pbkdf2-sha256$4096$\(salt)$\(key.dropLast())",
            "pbkdf2-sha256$4096$\(salt)$c2FsdA==",  // key too short
            "pbkdf2-sha256$4096$\(salt)$" + String(repeating: "A", count: 600),
        ]
        for record in bad {
            XCTAssertFalse(PasswordHasher.verify(password: "password", record: record), record)
        }
    }
}
