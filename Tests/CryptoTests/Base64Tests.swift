import XCTest
@testable import Crypto

final class Base64Tests: XCTestCase {
    // RFC 4648 section 10.
    static let vectors: [(String, String, String)] = [
        ("", "", ""),
        ("f", "Zg==", "Zg"),
        ("fo", "Zm8=", "Zm8"),
        ("foo", "Zm9v", "Zm9v"),
        ("foob", "Zm9vYg==", "Zm9vYg"),
        ("fooba", "Zm9vYmE=", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ]

    func testRFC4648Vectors() {
        for (plain, standard, url) in Self.vectors {
            XCTAssertEqual(Base64.encode(ascii(plain)), standard)
            XCTAssertEqual(Base64URL.encode(ascii(plain)), url)
            XCTAssertEqual(Base64.decode(standard), ascii(plain))
            XCTAssertEqual(Base64URL.decode(url), ascii(plain))
        }
    }

    func testAlphabetsDifferInTheLastTwoCharacters() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf]
        XCTAssertEqual(Base64.encode(bytes), "+/+/")
        XCTAssertEqual(Base64URL.encode(bytes), "-_-_")
        XCTAssertEqual(Base64.decode("+/+/"), bytes)
        XCTAssertEqual(Base64URL.decode("-_-_"), bytes)
        XCTAssertNil(Base64.decode("-_-_"))
        XCTAssertNil(Base64URL.decode("+/+/"))
    }

    func testRoundTripAllLengths() {
        for length in 0..<100 {
            let data = SecureRandom.bytes(length)
            XCTAssertEqual(Base64.decode(Base64.encode(data)), data, "length \(length)")
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(data)), data, "length \(length)")
            XCTAssertEqual(Base64URL.encode(data).count, (length * 4 + 2) / 3)
            XCTAssertEqual(Base64.encode(data).count, (length + 2) / 3 * 4)
        }
        let all = (0..<256).map { UInt8($0) }
        XCTAssertEqual(Base64.decode(Base64.encode(all)), all)
    }

    func testThirtyTwoBytesGiveFortyThreeURLCharacters() {
        XCTAssertEqual(Base64URL.encode([UInt8](repeating: 0xff, count: 32)).count, 43)
    }

    func testMalformedStandardDecodeReturnsNil() {
        let bad = [
            "Zg", "Zg=", "Z", "Z===", "====", "=", "==", "Zm9v=", "Zm9v====", "=Zm9", "Zm=v", "Z=g=",
            "Zh==", "Zm9=",  // non-zero unused bits
            "Zm9v\n", "Zm 9v", " Zm9v", "Zm9v\r\n", "Zm9\u{0}", "Zm9é", "Zm9v-_==", "Zm9v\u{FF}",
        ]
        for text in bad {
            XCTAssertNil(Base64.decode(text), text.debugDescription)
        }
    }

    func testMalformedURLDecodeReturnsNil() {
        let bad = ["Z", "Zg==", "Zm8=", "Zh", "Zm9", "Zm9v Yg", "Zm9v\n", "Zm9+", "Zm9/", "ZmZmZ", "é", "Zm9v="]
        for text in bad {
            XCTAssertNil(Base64URL.decode(text), text.debugDescription)
        }
    }

    func testDecodesSubstrings() {
        let record = "pbkdf2-sha256$1$Zm9vYmFy$Zm9v"
        let fields = record.split(separator: "$")
        XCTAssertEqual(Base64.decode(fields[2]), ascii("foobar"))
    }
}
