import XCTest
final class PlaceholderSCIMEndpointTests: XCTestCase { func testBuilds() {} }
