import XCTest
final class PlaceholderSCIMCoreTests: XCTestCase { func testBuilds() {} }
