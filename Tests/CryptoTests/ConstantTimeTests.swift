import XCTest
@testable import Crypto

final class ConstantTimeTests: XCTestCase {
    func testEqualArrays() {
        XCTAssertTrue(ConstantTime.equals([], []))
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        let digest = SHA256.hash(ascii("token"))
        XCTAssertTrue(ConstantTime.equals(digest, SHA256.hash(ascii("token"))))
    }

    func testDifferenceAnywhereIsDetected() {
        let original = pattern(32)
        for index in 0..<original.count {
            for bit in 0..<8 {
                var changed = original
                changed[index] ^= UInt8(1 << bit)
                XCTAssertFalse(ConstantTime.equals(original, changed), "byte \(index) bit \(bit)")
            }
        }
    }

    func testLengthMismatch() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertFalse(ConstantTime.equals([], [0]))
    }
}
