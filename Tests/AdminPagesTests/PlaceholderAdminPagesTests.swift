import XCTest
final class PlaceholderAdminPagesTests: XCTestCase { func testBuilds() {} }
