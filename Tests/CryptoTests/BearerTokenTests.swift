import XCTest
@testable import Crypto

final class BearerTokenTests: XCTestCase {
    func testFormat() {
        let token = BearerToken.generate()
        let secret = token.secret
        XCTAssertTrue(secret.hasPrefix("scimd_"))
        XCTAssertEqual(secret.utf8.count, BearerToken.length)
        XCTAssertEqual(secret.utf8.count, 56)
        let characters = Array(secret)
        XCTAssertEqual(characters[49], "_")
        let random = String(characters[6..<49])
        XCTAssertEqual(Base64URL.decode(random)?.count, 32)
        let checksum = String(characters[50...])
        XCTAssertTrue(checksum.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    func testTenThousandTokensAreUniqueAndValid() {
        var secrets = Set<String>()
        var hashes = Set<[UInt8]>()
        for _ in 0..<10_000 {
            let token = BearerToken.generate()
            XCTAssertTrue(BearerToken.looksValid(token.secret), token.secret)
            secrets.insert(token.secret)
            hashes.insert(token.hash)
        }
        XCTAssertEqual(secrets.count, 10_000)
        XCTAssertEqual(hashes.count, 10_000)
    }

    func testAnyOneCharacterChangeIsRejected() {
        let secret = BearerToken.generate().secret
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let characters = Array(secret)
        for index in characters.indices {
            for replacement in alphabet where replacement != characters[index] {
                var changed = characters
                changed[index] = replacement
                XCTAssertFalse(BearerToken.looksValid(String(changed)), "index \(index) -> \(replacement)")
            }
        }
    }

    func testMalformedSecretsAreRejected() {
        let secret = BearerToken.generate().secret
        let body = String(secret.dropFirst(6))
        let random = String(secret.prefix(49))
        let checksum = String(secret.suffix(6))
        var bad: [String] = ["", "scimd_", "scimd", secret + "x", String(secret.dropLast()), String(secret.dropFirst())]
        bad.append("SCIMD_" + body)
        bad.append("xscimd" + body)
        bad.append("scimd-" + body)
        bad.append(random + "-" + checksum)
        bad.append("Bearer " + secret)
        bad.append(" " + String(secret.dropLast()))
        bad.append(String(repeating: "a", count: 56))
        bad.append("scimd_" + String(repeating: "é", count: 25))
        for text in bad {
            XCTAssertFalse(BearerToken.looksValid(text), text)
        }
    }

    func testNonCanonicalLastRandomCharacterIsRejected() {
        // 43 base64url characters carry 258 bits: the last one's two low bits must be zero.
        let random = Base64URL.encode([UInt8](repeating: 0, count: 32))  // ends in "A"
        let nonCanonical = String(random.dropLast()) + "B"
        let secret = "scimd_" + nonCanonical + "_" + BearerToken.checksumText(of: nonCanonical)
        XCTAssertFalse(BearerToken.looksValid(secret))
        let canonical = "scimd_" + random + "_" + BearerToken.checksumText(of: random)
        XCTAssertTrue(BearerToken.looksValid(canonical))
    }

    func testHashIsSHA256OfTheUTF8() {
        let token = BearerToken.generate()
        XCTAssertEqual(token.hash.count, 32)
        XCTAssertEqual(BearerToken.hash(token.secret), SHA256.hash(Array(token.secret.utf8)))
        XCTAssertEqual(hexString(BearerToken.hash("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testHintShowsOnlyPrefixAndLastFour() {
        let token = BearerToken.generate()
        let hint = BearerToken.hint(token.secret)
        XCTAssertEqual(hint, "scimd_…" + token.secret.suffix(4))
        XCTAssertEqual(token.hint, hint)
        XCTAssertEqual(BearerToken.hint("short"), "scimd_…")
        XCTAssertEqual(BearerToken.hint(""), "scimd_…")
    }

    func testPrintingATokenDoesNotRevealTheSecret() {
        let token = BearerToken.generate()
        XCTAssertFalse("\(token)".contains(token.secret))
        XCTAssertFalse(String(reflecting: token).contains(token.secret))
    }

    func testChecksumDigitsAreFixedWidthBase62() {
        XCTAssertEqual(String(decoding: BearerToken.checksumDigits(0), as: UTF8.self), "000000")
        XCTAssertEqual(String(decoding: BearerToken.checksumDigits(61), as: UTF8.self), "00000z")
        XCTAssertEqual(String(decoding: BearerToken.checksumDigits(62), as: UTF8.self), "000010")
        XCTAssertEqual(String(decoding: BearerToken.checksumDigits(UInt32.max), as: UTF8.self), "4gfFC3")
    }
}
