import SCIMCore
import Store
import XCTest

final class CorruptionTests: XCTestCase {
    let segment = dataDirectory + "/log-0000000000000001.jsonl"

    func recorded() throws -> (fs: FaultyFileSystem, prints: [String], bytes: [UInt8], ends: [Int]) {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let prints = try PersistenceTests.workload(store)
        store.close()
        let bytes = fs.contents(segment)!
        let ends = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        return (fs, prints, bytes, ends)
    }

    /// F2: a flipped bit anywhere in a record that later batches follow stops start-up with the file
    /// and offset, and changes no file.
    func testFlippedBitInTheMiddleIsRefusedWithFileAndOffset() throws {
        let (fs, _, bytes, ends) = try recorded()
        let start = ends[2], end = ends[3]  // the 4th record; five more follow
        for position in start..<end {
            for bit in [0, 3, 5, 7] {  // bit 5 turns a checksum digit "a" into "A"
                var damaged = bytes
                damaged[position] ^= UInt8(1 << bit)
                let image = fs.copy()
                image.setContents(segment, damaged)
                let before = image.everything()
                XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(image)) }) { error in
                    XCTAssertTrue(error.message.contains("log-0000000000000001.jsonl at byte \(start)"), "\(position):\(bit) \(error.message)")
                    XCTAssertTrue(error.message.contains("scimd check") && error.message.contains("scimd repair"), error.message)
                }
                XCTAssertEqual(image.everything(), before, "a refused start changes no file")
            }
        }
    }

    func testSequenceGapIsRefused() throws {
        let (fs, _, bytes, ends) = try recorded()
        let image = fs.copy()
        image.setContents(segment, Array(bytes[..<ends[3]]) + Array(bytes[ends[4]...]))  // drop record 5
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(image)) }) { error in
            XCTAssertTrue(error.message.contains("at byte \(ends[3])"), error.message)
            XCTAssertTrue(error.message.contains("has seq 6, expected 5"), error.message)
        }
        // A duplicated record is a gap backwards.
        let dup = fs.copy()
        dup.setContents(segment, Array(bytes[..<ends[4]]) + Array(bytes[ends[3]..<ends[4]]) + Array(bytes[ends[4]...]))
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(dup)) }) { error in
            XCTAssertTrue(error.message.contains("has seq 5, expected 6"), error.message)
        }
    }

    /// Snapshots at seq 5 and 10 with segments log-6 and log-11 (log-1 deleted).
    func twoSnapshots() throws -> (fs: FaultyFileSystem, state: String) {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("A")
        for n in 0..<4 { try store.createUser(i, "a\(n)") }
        try store.compact()
        for n in 0..<5 { try store.createUser(i, "b\(n)") }
        try store.compact()
        for n in 0..<3 { try store.createUser(i, "c\(n)") }
        let state = store.fingerprint
        store.close()
        XCTAssertEqual(fs.fileNames(in: dataDirectory), [
            "LOCK", "log-0000000000000006.jsonl", "log-0000000000000011.jsonl",
            "snapshot-0000000000000005.jsonl", "snapshot-0000000000000010.jsonl",
        ])
        return (fs, state)
    }

    func flip(_ fs: FaultyFileSystem, _ name: String, at fraction: Double) {
        var bytes = fs.contents(dataDirectory + "/" + name)!
        bytes[Int(Double(bytes.count) * fraction)] ^= 0x10
        fs.setContents(dataDirectory + "/" + name, bytes)
    }

    /// F6: a damaged newest snapshot: start from the previous one, replaying more, same state.
    func testDamagedNewestSnapshotFallsBackToThePreviousOne() throws {
        for fraction in [0.01, 0.5, 0.99] {
            let (fs, state) = try twoSnapshots()
            flip(fs, "snapshot-0000000000000010.jsonl", at: fraction)
            let log = TestLog()
            let store = try Store.open(configuration(fs, log: log))
            XCTAssertEqual(store.fingerprint, state)
            store.close()
            XCTAssertTrue(fs.fileNames(in: dataDirectory).contains("snapshot-0000000000000010.jsonl.broken"))
            XCTAssertTrue(log.messages.contains { $0.hasPrefix("snapshot snapshot-0000000000000010.jsonl is damaged") }, "\(log.messages)")
        }
        // An incomplete one (no trailer) too.
        let (fs, state) = try twoSnapshots()
        let path = dataDirectory + "/snapshot-0000000000000010.jsonl"
        let bytes = fs.contents(path)!
        fs.setContents(path, Array(bytes.prefix(bytes.count - 20)))
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, state)
    }

    func testBothSnapshotsDamagedIsRefused() throws {
        let (fs, _) = try twoSnapshots()
        flip(fs, "snapshot-0000000000000010.jsonl", at: 0.5)
        flip(fs, "snapshot-0000000000000005.jsonl", at: 0.5)
        let before = fs.everything()
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(fs)) }) { error in
            XCTAssertTrue(error.message.contains("no snapshot is usable"), error.message)
        }
        XCTAssertEqual(fs.everything(), before)
        XCTAssertFalse(Store.check(directory: dataDirectory, fileSystem: fs).ok)
    }

    func testMissingSegmentIsRefused() throws {
        let (fs, _) = try twoSnapshots()
        flip(fs, "snapshot-0000000000000010.jsonl", at: 0.5)
        fs.remove(dataDirectory + "/log-0000000000000006.jsonl")
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(fs)) }) { error in
            XCTAssertTrue(error.message.contains("changes 6–10 are missing"), error.message)
        }
        let (fs2, _) = try twoSnapshots()
        fs2.remove(dataDirectory + "/log-0000000000000011.jsonl")
        fs2.setContents(dataDirectory + "/log-0000000000000014.jsonl", [])
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(configuration(fs2)) }) { error in
            XCTAssertTrue(error.message.contains("log-0000000000000014.jsonl at byte 0: this segment starts at seq 14 but the log before it ends at seq 10"), error.message)
        }
    }

    func testStrayTemporaryFilesAreRemoved() throws {
        let (fs, state) = try twoSnapshots()
        fs.setContents(dataDirectory + "/snapshot-0000000000000020.jsonl.tmp", Array("half a snapshot".utf8))
        fs.setContents(dataDirectory + "/log-0000000000000020.jsonl.tmp", [])
        XCTAssertTrue(Store.check(directory: dataDirectory, fileSystem: fs).description.contains("unfinished temporary files"))
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, state)
        XCTAssertFalse(fs.fileNames(in: dataDirectory).contains { $0.hasSuffix(".tmp") })
    }

    func testCheckThenRepairCutsAtTheDamage() throws {
        let (fs, prints, bytes, ends) = try recorded()
        var damaged = bytes
        damaged[ends[4] + 40] ^= 0x01  // record 6
        fs.setContents(segment, damaged)
        let report = Store.check(directory: dataDirectory, fileSystem: fs)
        XCTAssertFalse(report.ok)
        XCTAssertTrue(report.description.contains("DAMAGED: log-0000000000000001.jsonl at byte \(ends[4])"), report.description)
        XCTAssertTrue(report.description.contains("`scimd repair` would cut log-0000000000000001.jsonl at byte \(ends[4])"), report.description)
        let message = try Store.repair(directory: dataDirectory, fileSystem: fs)
        XCTAssertTrue(message.contains("cut log-0000000000000001.jsonl at byte \(ends[4])"), message)
        XCTAssertEqual(fs.contents(segment + ".broken"), Array(damaged[ends[4]...]))
        XCTAssertTrue(Store.check(directory: dataDirectory, fileSystem: fs).ok)
        let store = try Store.open(configuration(fs))
        XCTAssertEqual(store.fingerprint, prints[4])
        try store.createUser("int-Okta", "after-repair", id: "r1")
        store.close()
        XCTAssertTrue(try Store.repair(directory: dataDirectory, fileSystem: fs).contains("nothing to repair"))
    }

    func testRepairSetsAsideSegmentsAfterAGap() throws {
        let (fs, _) = try twoSnapshots()
        flip(fs, "snapshot-0000000000000010.jsonl", at: 0.5)
        fs.remove(dataDirectory + "/log-0000000000000006.jsonl")
        let message = try Store.repair(directory: dataDirectory, fileSystem: fs)
        XCTAssertTrue(message.contains("log-0000000000000011.jsonl to log-0000000000000011.jsonl.broken"), message)
        let store = try Store.open(configuration(fs))
        XCTAssertEqual(store.read { $0.lastSequence }, 5, "the snapshot at 5 is what is left")
        store.close()
    }

    func testCheckDescribesAHealthyDirectory() throws {
        let (fs, _) = try twoSnapshots()
        let report = Store.check(directory: dataDirectory, fileSystem: fs)
        XCTAssertTrue(report.ok, report.description)
        XCTAssertTrue(report.description.contains("snapshot-0000000000000010.jsonl: ok, used — seq 10"), report.description)
        XCTAssertTrue(report.description.contains("log-0000000000000011.jsonl: records 11–13 (3 records)"), report.description)
        XCTAssertTrue(report.description.contains("12 users"), report.description)
    }
}
