import Dispatch
import SCIMCore
@testable import Store
import XCTest

final class GroupCommitTests: XCTestCase {
    /// 64 writer threads: every write acknowledged, fewer fsyncs than writes.
    func testConcurrentWritersShareFsyncs() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        try store.createIntegration("I", id: "i")
        let before = store.metrics
        let perThread = 20
        let failures = ResultsBox()
        onThreads(64) { t in
            for n in 0..<perThread {
                do throws(SCIMError) {
                    try store.writeAndWait { tx throws(SCIMError) in
                        try tx.putResource(StoredResource(id: "u\(t)-\(n)", kind: .user, integrationID: "i", attributes: userAttributes("u\(t)-\(n)")))
                    }
                } catch {
                    failures.append(false)
                }
            }
        }
        XCTAssertEqual(failures.values, [])
        let m = store.metrics
        let writes = m.commits - before.commits
        let fsyncs = m.fsyncs - before.fsyncs
        XCTAssertEqual(writes, 64 * UInt64(perThread))
        XCTAssertEqual(m.recordsAppended - before.recordsAppended, writes)
        XCTAssertLessThanOrEqual(fsyncs, writes)
        print("64 writers: \(writes) writes, \(fsyncs) fsyncs")
        XCTAssertEqual(m.users, 64 * perThread)
        let state = store.fingerprint
        store.close()
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, state)
    }

    /// The same on the real file system, where each fdatasync takes real time.
    func testConcurrentWritersOnADisk() throws {
        let dir = TemporaryDirectory()
        let store = try Store.open(StoreConfiguration(directory: dir.path + "/data"))
        try store.createIntegration("I", id: "i")
        let before = store.metrics
        onThreads(64) { t in
            for n in 0..<10 {
                _ = try? store.writeAndWait { tx throws(SCIMError) in
                    try tx.putResource(StoredResource(id: "u\(t)-\(n)", kind: .user, integrationID: "i", attributes: userAttributes("u\(t)-\(n)")))
                }
            }
        }
        let m = store.metrics
        XCTAssertEqual(m.commits - before.commits, 640)
        XCTAssertLessThanOrEqual(m.fsyncs - before.fsyncs, 640)
        print("64 writers on disk: 640 writes, \(m.fsyncs - before.fsyncs) fsyncs")
        store.close()
    }

    /// With the disk held in one fdatasync, everything queued meanwhile goes out in one batch.
    func testRequestsQueuedDuringASyncFormOneBatch() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        try store.createIntegration("I", id: "i")
        let before = store.metrics
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        fs.setSyncHook { entered.signal(); release.wait() }
        let done = DispatchSemaphore(value: 0)
        for n in 0..<64 {
            store.write({ tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "u\(n)", kind: .user, integrationID: "i", attributes: userAttributes("u\(n)")))
            }, completion: { result in
                XCTAssertTrue(result.isSuccess)
                done.signal()
            })
            if n == 0 { XCTAssertEqual(entered.wait(timeout: .now() + 60), .success) }
        }
        fs.setSyncHook(nil)
        release.signal()
        for _ in 0..<64 { XCTAssertEqual(done.wait(timeout: .now() + 60), .success) }
        let m = store.metrics
        XCTAssertEqual(m.fsyncs - before.fsyncs, 2, "one sync for the first write, one for the 63 queued behind it")
        XCTAssertEqual(m.batches - before.batches, 2)
        XCTAssertEqual(m.commits - before.commits, 64)
        store.close()
        // The batch marker is on the first record of each write(2) only.
        let text = String(decoding: fs.contents(dataDirectory + "/log-0000000000000001.jsonl")!, as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n").filter { $0.contains("\"batch\":true") }.count, 3)
    }

    func testBatchesRespectMaxBatchBytes() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs, maxBatch: 2048))
        try store.createIntegration("I", id: "i")
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        fs.setSyncHook { entered.signal(); release.wait() }
        let done = DispatchSemaphore(value: 0)
        for n in 0..<40 {
            store.write({ tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "u\(n)", kind: .user, integrationID: "i", attributes: userAttributes("user-\(n)@example.com")))
            }, completion: { _ in done.signal() })
            if n == 0 { XCTAssertEqual(entered.wait(timeout: .now() + 60), .success) }
        }
        fs.setSyncHook(nil)
        release.signal()
        for _ in 0..<40 { XCTAssertEqual(done.wait(timeout: .now() + 60), .success) }
        XCTAssertLessThanOrEqual(fs.largestWrite, 2048)
        XCTAssertGreaterThan(store.metrics.batches, 3)
        let state = store.fingerprint
        store.close()
        XCTAssertEqual(try Store.open(configuration(fs, maxBatch: 2048)).fingerprint, state)
    }
}

/// Runs `body` on `count` OS threads at once (concurrentPerform would use one thread per core).
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let threads = (0..<count).map { t in WorkerThread(name: "writer") { body(t) } }
    for thread in threads { thread.join() }
}
