import XCTest
@testable import Crypto

final class SecureRandomTests: XCTestCase {
    func testBytesHaveTheRequestedCount() {
        XCTAssertEqual(SecureRandom.bytes(0), [])
        XCTAssertEqual(SecureRandom.bytes(-5), [])
        XCTAssertEqual(SecureRandom.bytes(1).count, 1)
        XCTAssertEqual(SecureRandom.bytes(32).count, 32)
        XCTAssertEqual(SecureRandom.bytes(100_000).count, 100_000)
    }

    func testBytesDiffer() {
        // Two equal 32-byte draws have probability 2^-256.
        XCTAssertNotEqual(SecureRandom.bytes(32), SecureRandom.bytes(32))
    }

    func testBytesAreNotDegenerate() {
        // 64 KiB: every byte value should appear; a stuck or zero generator would fail.
        var seen = Set<UInt8>()
        for byte in SecureRandom.bytes(65_536) { seen.insert(byte) }
        XCTAssertEqual(seen.count, 256)
    }

    func testFillWritesTheWholeBuffer() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        buffer.withUnsafeMutableBytes { SecureRandom.fill($0) }
        XCTAssertGreaterThan(buffer.filter { $0 != 0 }.count, 3900)
    }

    func testUUIDIsVersion4LowercaseHyphenated() {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let uuid = SecureRandom.uuid()
            let characters = Array(uuid)
            XCTAssertEqual(characters.count, 36)
            for (index, character) in characters.enumerated() {
                if [8, 13, 18, 23].contains(index) {
                    XCTAssertEqual(character, "-", uuid)
                } else {
                    XCTAssertTrue("0123456789abcdef".contains(character), uuid)
                }
            }
            XCTAssertEqual(characters[14], "4", uuid)
            XCTAssertTrue("89ab".contains(characters[19]), uuid)
            seen.insert(uuid)
        }
        XCTAssertEqual(seen.count, 1000)
    }
}
