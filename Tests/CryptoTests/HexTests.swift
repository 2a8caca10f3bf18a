import XCTest
@testable import Crypto

final class HexTests: XCTestCase {
    func testEncode() {
        XCTAssertEqual(Hex.encode([]), "")
        XCTAssertEqual(Hex.encode([0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]), "00017f80abff")
        XCTAssertEqual(Hex.encode(UInt32(0)), "00000000")
        XCTAssertEqual(Hex.encode(UInt32(0xE306_9283)), "e3069283")
        XCTAssertEqual(Hex.encode(UInt32(0x0000_00ab)), "000000ab")
    }

    func testDecodeEitherCaseAndRoundTrip() {
        XCTAssertEqual(Hex.decode("00017F80abFF"), [0x00, 0x01, 0x7f, 0x80, 0xab, 0xff])
        XCTAssertEqual(Hex.decode(""), [])
        let data = SecureRandom.bytes(257)
        XCTAssertEqual(Hex.decode(Hex.encode(data)), data)
        XCTAssertEqual(Hex.decodeUInt32("E3069283"), 0xE306_9283)
        XCTAssertEqual(Hex.decodeUInt32(Hex.encode(UInt32(0x0102_0304))), 0x0102_0304)
        let line = "e3069283 {\"seq\":1}"
        XCTAssertEqual(Hex.decodeUInt32(line.prefix(8)), 0xE306_9283)
    }

    func testMalformedDecodeReturnsNil() {
        for bad in ["0", "abc", "zz", "0g", " 00", "00 ", "0x00", "é0", "00\n", "+1"] {
            XCTAssertNil(Hex.decode(bad), bad)
        }
        for bad in ["", "1234567", "123456789", "1234567g", "-1234567", " 1234567"] {
            XCTAssertNil(Hex.decodeUInt32(bad), bad)
        }
    }
}
