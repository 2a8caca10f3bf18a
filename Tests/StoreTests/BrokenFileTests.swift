@testable import Store
import SCIMCore
import XCTest

/// Bytes set aside by recovery or repair (`*.broken`) are kept for inspection: a later cut of the
/// same file must not overwrite them.
final class BrokenFileTests: XCTestCase {
    let segmentName = "log-0000000000000001.jsonl"
    var segment: String { dataDirectory + "/" + segmentName }

    func testBrokenNameTakesTheNextFreeNumber() {
        XCTAssertEqual(DataFileName.broken(for: "log-1.jsonl", existing: ["log-1.jsonl"]), "log-1.jsonl.broken")
        XCTAssertEqual(DataFileName.broken(for: "log-1.jsonl", existing: ["log-1.jsonl.broken"]), "log-1.jsonl.2.broken")
        XCTAssertEqual(DataFileName.broken(for: "log-1.jsonl", existing: ["log-1.jsonl.broken", "log-1.jsonl.2.broken", "log-2.jsonl.3.broken"]),
                       "log-1.jsonl.3.broken")
    }

    /// Two crashes that each leave a torn tail in the same segment: both cut-off tails are kept.
    func testSecondTornTailOfASegmentKeepsTheFirstCutBytes() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let integration = try store.createIntegration("Okta")
        try store.createUser(integration, "a@example.com", id: "a")
        store.close()

        let firstTail = Array(#"{"crc":"0123abcd","rec":{"seq":3,"#.utf8)
        fs.setContents(segment, fs.contents(segment)! + firstTail)
        let reopened = try Store.open(configuration(fs))
        try reopened.createUser(integration, "b@example.com", id: "b")
        reopened.close()
        XCTAssertEqual(fs.contents(segment + ".broken"), firstTail)

        let secondTail = [UInt8](repeating: 0, count: 512)
        fs.setContents(segment, fs.contents(segment)! + secondTail)
        let log = TestLog()
        let again = try Store.open(configuration(fs, log: log))
        XCTAssertNotNil(again.read { $0.resource(.user, integrationID: integration, id: "b") })
        again.close()
        XCTAssertEqual(fs.contents(segment + ".broken"), firstTail, "the first cut's bytes are still there")
        XCTAssertEqual(fs.contents(segment + ".2.broken"), secondTail)
        XCTAssertTrue(log.messages.contains { $0.hasSuffix("they are kept in \(segmentName).2.broken") }, "\(log.messages)")
        XCTAssertTrue(Store.check(directory: dataDirectory, fileSystem: fs).ok)
    }

    /// A repair of a segment that already had a torn tail cut keeps both sets of bytes.
    func testRepairAfterATornTailCutKeepsBothCuts() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let integration = try store.createIntegration("Okta")
        store.close()
        let tail = Array("half a record".utf8)
        fs.setContents(segment, fs.contents(segment)! + tail)
        let reopened = try Store.open(configuration(fs))
        for n in 0..<3 { try reopened.createUser(integration, "u\(n)@example.com", id: "u\(n)") }
        reopened.close()

        var bytes = fs.contents(segment)!
        let ends = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        XCTAssertEqual(ends.count, 4)
        bytes[ends[1] + 30] ^= 0x04  // the second user record: later batches follow it
        fs.setContents(segment, bytes)
        let message = try Store.repair(directory: dataDirectory, fileSystem: fs)
        XCTAssertTrue(message.contains("the cut bytes are in \(segmentName).2.broken"), message)
        XCTAssertEqual(fs.contents(segment + ".broken"), tail, "the torn tail cut at the earlier start is kept")
        XCTAssertEqual(fs.contents(segment + ".2.broken"), Array(bytes[ends[1]...]))
        let repaired = try Store.open(configuration(fs))
        XCTAssertNotNil(repaired.read { $0.resource(.user, integrationID: integration, id: "u0") })
        XCTAssertNil(repaired.read { $0.resource(.user, integrationID: integration, id: "u1") })
        repaired.close()
    }
}
