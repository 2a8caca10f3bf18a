import XCTest
@testable import Crypto

final class CRC32CTests: XCTestCase {
    // RFC 3720 appendix B.4.
    func testRFC3720Vectors() {
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xff, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }), 0x113F_DB5C)
    }

    func testCheckValue() {
        XCTAssertEqual(CRC32C.checksum(ascii("123456789")), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum(utf8: "123456789"), 0xE306_9283)
    }

    func testEmptyInputReturnsSeed() {
        XCTAssertEqual(CRC32C.checksum([]), 0)
        XCTAssertEqual(CRC32C.checksum([], seed: 0x1234_5678), 0x1234_5678)
    }

    /// Every length and start offset (alignment) agrees with a bit-at-a-time reference.
    func testSlicingMatchesBitwiseReferenceAtAllAlignments() {
        let data = pattern(300)
        data.withUnsafeBytes { raw in
            for start in 0..<9 {
                for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 291 - start] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                    XCTAssertEqual(CRC32C.checksum(slice), Self.bitwise(Array(slice)), "start \(start) length \(length)")
                }
            }
        }
    }

    /// The table code (used where the CPU has no CRC-32C instruction) agrees with the reference too.
    func testSoftwarePathMatchesBitwiseReferenceAtAllAlignments() {
        let data = pattern(300)
        data.withUnsafeBytes { raw in
            for start in 0..<9 {
                for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 291 - start] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                    XCTAssertEqual(CRC32C.softwareChecksum(slice, seed: 0x1234_5678), Self.bitwise(Array(slice), seed: 0x1234_5678),
                                   "start \(start) length \(length)")
                    XCTAssertEqual(CRC32C.softwareChecksum(slice), CRC32C.checksum(slice))
                }
            }
        }
    }

    func testSeedChainsChecksums() {
        let data = pattern(1000)
        let whole = CRC32C.checksum(data)
        for split in [0, 1, 5, 8, 333, 999, 1000] {
            let first = CRC32C.checksum(Array(data[..<split]))
            XCTAssertEqual(CRC32C.checksum(Array(data[split...]), seed: first), whole, "split \(split)")
        }
        var incremental = CRC32C()
        incremental.update(Array(data[..<10]))
        incremental.update(Array(data[10..<500]))
        data[500...].withContiguousStorageIfAvailable { incremental.update(UnsafeRawBufferPointer($0)) }
        XCTAssertEqual(incremental.value, whole)
        var text = CRC32C()
        text.update(utf8: "1234")
        text.update(utf8: "56789")
        XCTAssertEqual(text.value, 0xE306_9283)
    }

    func testEverySingleBitFlipChangesTheChecksum() {
        let data = pattern(64)
        let original = CRC32C.checksum(data)
        for bit in 0..<(data.count * 8) {
            var flipped = data
            flipped[bit / 8] ^= UInt8(1 << (bit % 8))
            XCTAssertNotEqual(CRC32C.checksum(flipped), original, "bit \(bit)")
        }
    }

    static func bitwise(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        var crc: UInt32 = ~seed
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
        }
        return ~crc
    }
}
