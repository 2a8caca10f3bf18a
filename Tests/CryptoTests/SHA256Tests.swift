import XCTest
@testable import Crypto

final class SHA256Tests: XCTestCase {
    // FIPS 180-2 appendix B and the NIST CAVS short/long messages.
    func testEmptyMessage() {
        XCTAssertEqual(hexString(SHA256.hash([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(hexString(SHA256.hash(ascii("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage448Bits() {
        let message = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        XCTAssertEqual(hexString(SHA256.hash(message)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMessage896Bits() {
        let message = ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
        XCTAssertEqual(hexString(SHA256.hash(message)), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(hexString(SHA256.hash(message)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Lengths around the padding boundaries (55/56 bytes: one or two final blocks), from python3 hashlib.
    static let patternDigests: [(Int, String)] = [
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ]

    func testLengthsAroundBlockBoundaries() {
        for (length, expected) in Self.patternDigests {
            XCTAssertEqual(hexString(SHA256.hash(pattern(length))), expected, "length \(length)")
        }
    }

    func testIncrementalUpdatesInEveryChunkSizeMatchOneShot() {
        let message = pattern(1000)
        let expected = "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"
        for chunk in [1, 3, 7, 55, 56, 63, 64, 65, 100, 999] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunk, message.count)
                hasher.update(Array(message[start..<end]))
                start = end
            }
            XCTAssertEqual(hexString(hasher.finalize()), expected, "chunk \(chunk)")
        }
    }

    func testFinalizeDoesNotConsumeTheHasher() {
        var hasher = SHA256()
        hasher.update(ascii("ab"))
        _ = hasher.finalize()
        hasher.update(ascii("c"))
        XCTAssertEqual(hexString(hasher.finalize()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEmptyUpdatesChangeNothing() {
        var hasher = SHA256()
        hasher.update([])
        hasher.update(ascii("abc"))
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        XCTAssertEqual(hasher.finalize(), SHA256.hash(ascii("abc")))
    }

    func testUTF8StringVariantsHashTheUTF8Bytes() {
        let text = "Grüße, 世界"
        XCTAssertEqual(SHA256.hash(utf8: text), SHA256.hash(Array(text.utf8)))
        var hasher = SHA256()
        hasher.update(utf8: "Grüße, ")
        hasher.update(utf8: "世界")
        XCTAssertEqual(hasher.finalize(), SHA256.hash(Array(text.utf8)))
        let raw = Array(text.utf8).withUnsafeBytes { SHA256.hash($0) }
        XCTAssertEqual(raw, SHA256.hash(utf8: text))
    }

    func testDigestIs32Bytes() {
        XCTAssertEqual(SHA256.hash(ascii("x")).count, SHA256.digestByteCount)
    }
}
