import SCIMCore
import Store
import XCTest

final class TornTailTests: XCTestCase {
    let segment = dataDirectory + "/log-0000000000000001.jsonl"

    func recordedLog() throws -> (fs: FaultyFileSystem, prints: [String], bytes: [UInt8], ends: [Int]) {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let prints = try PersistenceTests.workload(store)
        store.close()
        let bytes = fs.contents(segment)!
        let ends = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        XCTAssertEqual(ends.count, prints.count)
        return (fs, prints, bytes, ends)
    }

    /// F1: the log cut at every byte offset inside its last three records opens, with exactly the
    /// records that end before the cut.
    func testCutAtEveryOffsetOfTheLastThreeRecords() throws {
        let (fs, prints, bytes, ends) = try recordedLog()
        let first = ends[ends.count - 4]
        var cutsSeen = 0
        for cut in first...bytes.count {
            let image = fs.copy()
            image.setContents(segment, Array(bytes[..<cut]))
            let log = TestLog()
            let store = try Store.open(configuration(image, log: log))
            let complete = ends.filter { $0 <= cut }.count
            XCTAssertEqual(store.fingerprint, prints[complete - 1], "cut at \(cut)")
            store.close()
            let boundary = ends.contains(cut)
            let broken = image.contents(segment + ".broken")
            if boundary {
                XCTAssertTrue(log.messages.allSatisfy { !$0.contains("torn tail") }, "cut at \(cut)")
            } else {
                cutsSeen += 1
                let lastEnd = ends.last { $0 <= cut } ?? 0
                XCTAssertEqual(broken, Array(bytes[lastEnd..<cut]), "the cut bytes are kept")
                XCTAssertEqual(image.contents(segment)?.count, lastEnd)
                XCTAssertTrue(log.messages.contains("cut \(cut - lastEnd) bytes (1 records) from the torn tail of log-0000000000000001.jsonl at byte \(lastEnd); they are kept in log-0000000000000001.jsonl.broken"), "\(log.messages)")
            }
        }
        XCTAssertGreaterThan(cutsSeen, 300)
    }

    func testZerosAndGarbageAfterTheLastRecordAreCut() throws {
        let (fs, prints, bytes, _) = try recordedLog()
        var generator = SystemRandomNumberGenerator()
        let tails: [[UInt8]] = [
            [UInt8](repeating: 0, count: 512), [UInt8](repeating: 0, count: 4096),
            (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) },
            (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) },
            Array("{\"crc\":\"00000000\",\"rec\":{\"seq\":10}}\n".utf8),
        ]
        for tail in tails {
            let image = fs.copy()
            image.setContents(segment, bytes + tail)
            let store = try Store.open(configuration(image))
            XCTAssertEqual(store.fingerprint, prints.last)
            // The log goes on after the cut.
            try store.createUser("int-Okta", "next", id: "next")
            let next = store.fingerprint
            store.close()
            XCTAssertEqual(try Store.open(configuration(image)).fingerprint, next)
        }
    }

    func testPowerLossWithPartlyWrittenBatchRecovers() throws {
        // Unsynced bytes that half survive, followed by zeros (a sector not yet written).
        for fraction in [0.0, 0.3, 0.5, 0.99] {
            let fs = FaultyFileSystem()
            let store = try Store.open(configuration(fs))
            let prints = try PersistenceTests.workload(store)
            fs.crash(afterOperations: 1)  // the next write lands in the page cache only... then the machine dies
            XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createUser("int-Okta", "lost", id: "lost") }, status: 500)
            store.close()
            let image = fs.crashImage(.tornPrefix(fraction: fraction, zeros: 512))
            XCTAssertEqual(try Store.open(configuration(image)).fingerprint, prints.last)
        }
    }
}
