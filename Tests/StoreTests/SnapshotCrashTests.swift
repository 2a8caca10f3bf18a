import SCIMCore
import Store
import XCTest

/// F5: a crash at each step of writing a snapshot (tmp write, fsync, rename, directory fsync, old
/// file deletion) loses nothing, and the stray tmp file is removed at the next start.
final class SnapshotCrashTests: XCTestCase {
    func prepare(_ fs: FaultyFileSystem) throws -> (Store, String) {
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("I")
        for round in 0..<2 {
            for n in 0..<4 { try store.createUser(i, "r\(round)u\(n)") }
            try store.createGroup(i, "G\(round)")
            try store.writeAndWait { tx throws(SCIMError) in
                _ = try tx.addMembers(integrationID: i, groupID: "g-G\(round)", members: [member("u-r\(round)u0"), member("u-r\(round)u1")])
            }
            try store.compact()  // the second compaction deletes the first segment
        }
        try store.createUser(i, "last")
        return (store, store.fingerprint)
    }

    func testCrashAtEveryStepOfASnapshot() throws {
        let steps: Int = try {
            let fs = FaultyFileSystem()
            let (store, _) = try prepare(fs)
            let start = fs.operationCount
            try store.compact()
            let count = fs.operationCount - start
            store.close()
            return count
        }()
        XCTAssertGreaterThan(steps, 8)
        for damage in [FaultyFileSystem.UnsyncedDamage.lost, .tornPrefix(fraction: 0.7, zeros: 100)] {
            for crashAt in 0...steps {
                let fs = FaultyFileSystem()
                let (store, state) = try prepare(fs)
                fs.crash(afterOperations: crashAt)
                _ = try? store.compact()
                store.close()
                let image = fs.crashImage(damage)
                let reopened = try Store.open(configuration(image))
                XCTAssertEqual(reopened.fingerprint, state, "crash after \(crashAt) snapshot steps")
                // And the directory stays healthy: the next snapshot and restart work.
                try reopened.compact()
                try reopened.createUser("int-I", "after")
                let after = reopened.fingerprint
                reopened.close()
                XCTAssertFalse(image.fileNames(in: dataDirectory).contains { $0.hasSuffix(".tmp") })
                XCTAssertEqual(try Store.open(configuration(image)).fingerprint, after)
            }
        }
    }

    /// A failing snapshot is not fatal for the log: writes go on, the next snapshot works.
    func testSnapshotFailureKeepsTheStoreWorking() throws {
        let fs = FaultyFileSystem()
        let (store, _) = try prepare(fs)
        fs.inject(.init(operation: .rename, occurrence: 1, errno: EIO))  // the snapshot's rename (0 is the segment's)
        XCTAssertThrowsStoreError({ () throws(StoreError) in try store.compact() }) { error in
            XCTAssertTrue(error.message.contains("could not be put in place"), error.message)
        }
        XCTAssertFalse(store.metrics.failed)
        try store.createUser("int-I", "still-writable")
        try store.compact()
        let state = store.fingerprint
        store.close()
        XCTAssertEqual(try Store.open(configuration(fs.crashImage())).fingerprint, state)
    }
}
