import XCTest
@testable import Crypto

/// RFC 4231 section 4, HMAC-SHA-256 results of test cases 1 to 7.
final class HMACSHA256Tests: XCTestCase {
    func testCase1() {
        let mac = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0b, count: 20), message: ascii("Hi There"))
        XCTAssertEqual(hexString(mac), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testCase2KeyShorterThanOutput() {
        let mac = HMACSHA256.authenticationCode(key: ascii("Jefe"), message: ascii("what do ya want for nothing?"))
        XCTAssertEqual(hexString(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3() {
        let mac = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50))
        XCTAssertEqual(hexString(mac), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4() {
        let key = bytes(hex: "0102030405060708090a0b0c0d0e0f10111213141516171819")
        let mac = HMACSHA256.authenticationCode(key: key, message: [UInt8](repeating: 0xcd, count: 50))
        XCTAssertEqual(hexString(mac), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase5TruncatedTo128Bits() {
        let mac = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0c, count: 20), message: ascii("Test With Truncation"))
        XCTAssertEqual(hexString(Array(mac.prefix(16))), "a3b6167473100ee06e0c796c2955552b")
    }

    func testCase6KeyLargerThanBlock() {
        let mac = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: ascii("Test Using Larger Than Block-Size Key - Hash Key First"))
        XCTAssertEqual(hexString(mac), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    static let case7Message = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."

    func testCase7KeyAndDataLargerThanBlock() {
        let mac = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0xaa, count: 131), message: ascii(Self.case7Message))
        XCTAssertEqual(hexString(mac), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func testIncrementalMatchesOneShotAndKeyedValueIsReusable() {
        let keyed = HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131))
        var mac = keyed
        for word in Self.case7Message.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if word.offset > 0 { mac.update(ascii(" ")) }
            mac.update(Array(word.element.utf8))
        }
        XCTAssertEqual(hexString(mac.finalize()), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")

        var other = keyed
        other.update(ascii("Test Using Larger Than Block-Size Key - Hash Key First"))
        XCTAssertEqual(hexString(other.finalize()), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testExactBlockSizeKeyIsNotHashed() {
        // A 64-byte key is used as is; hashing it first would give HMAC(SHA256(key)), a different MAC.
        let key = pattern(64)
        XCTAssertNotEqual(
            HMACSHA256.authenticationCode(key: key, message: ascii("m")),
            HMACSHA256.authenticationCode(key: SHA256.hash(key), message: ascii("m")))
        let longKey = pattern(65)
        XCTAssertEqual(
            HMACSHA256.authenticationCode(key: longKey, message: ascii("m")),
            HMACSHA256.authenticationCode(key: SHA256.hash(longKey), message: ascii("m")))
    }
}
