import Dispatch
import Glibc
import SCIMCore
import Store
import XCTest

/// F7: a failed write or sync fails the request, refuses every later write, reports once, and the
/// directory on disk holds nothing half-applied.
final class StorageFailureTests: XCTestCase {
    func prepared() throws -> (FaultyFileSystem, Store, TestLog, String) {
        let fs = FaultyFileSystem()
        let log = TestLog()
        let store = try Store.open(configuration(fs, log: log))
        try store.createIntegration("Okta")
        try store.createUser("int-Okta", "kept", id: "u0")
        return (fs, store, log, store.fingerprint)
    }

    func assertRefusesLaterWrites(_ store: Store, _ log: TestLog) {
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createUser("int-Okta", "later", id: "u9") }, status: 503)
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.writeAndWait { _ throws(SCIMError) in 1 } }, status: 503)
        XCTAssertTrue(store.metrics.failed)
        XCTAssertEqual(log.fatalErrors.count, 1, "onFatalError is called once")
        XCTAssertEqual(store.read { $0.userID(integrationID: "int-Okta", userName: "later") }, nil)
    }

    func testDiskFullOnWrite() throws {
        let (fs, store, log, before) = try prepared()
        fs.inject(.init(operation: .write, occurrence: 0, errno: ENOSPC))
        do throws(SCIMError) {
            try store.createUser("int-Okta", "full", id: "u1")
            XCTFail("a failed write must not succeed")
        } catch {
            XCTAssertEqual(error.status, 507)
            XCTAssertEqual(error.detail, "the directory could not be saved: disk full; nothing was changed")
        }
        assertRefusesLaterWrites(store, log)
        XCTAssertEqual(fs.calls(.fdatasync), 2, "the sync is not attempted after a failed write")
        store.close()
        XCTAssertEqual(try Store.open(configuration(fs.copy())).fingerprint, before)
        XCTAssertEqual(try Store.open(configuration(fs.crashImage())).fingerprint, before)
    }

    func testShortWriteIsCutBack() throws {
        let (fs, store, log, before) = try prepared()
        let size = fs.contents(dataDirectory + "/log-0000000000000001.jsonl")!.count
        fs.inject(.init(operation: .write, occurrence: 0, errno: ENOSPC, partialBytes: 30))
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createUser("int-Okta", "half", id: "u1") }, status: 507)
        XCTAssertEqual(fs.contents(dataDirectory + "/log-0000000000000001.jsonl")!.count, size)
        assertRefusesLaterWrites(store, log)
        store.close()
        XCTAssertEqual(try Store.open(configuration(fs.copy())).fingerprint, before)
    }

    func testIOErrorOnFdatasync() throws {
        let (fs, store, log, before) = try prepared()
        fs.inject(.init(operation: .fdatasync, occurrence: 0, errno: EIO))
        do throws(SCIMError) {
            try store.createUser("int-Okta", "unsure", id: "u1")
            XCTFail("a failed sync must not succeed")
        } catch {
            XCTAssertEqual(error.status, 500)
            XCTAssertTrue(error.detail.hasPrefix("the directory could not be saved:"), error.detail)
        }
        assertRefusesLaterWrites(store, log)
        XCTAssertEqual(fs.calls(.fdatasync), 3, "the sync is never retried")
        store.close()
        // Power loss: the unsynced record is gone. Without one, it may be there: whole.
        XCTAssertEqual(try Store.open(configuration(fs.crashImage())).fingerprint, before)
        let survived = try Store.open(configuration(fs.copy()))
        XCTAssertEqual(survived.read { $0.userID(integrationID: "int-Okta", userName: "unsure") }, "u1")
    }

    func testAllWaitingRequestsFailWithTheBatch() throws {
        let (fs, store, _, before) = try prepared()
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        fs.setSyncHook { entered.signal(); release.wait() }
        fs.inject(.init(operation: .fdatasync, occurrence: 1, errno: EIO))
        let results = ResultsBox()
        let done = DispatchSemaphore(value: 0)
        for n in 0..<10 {
            store.write({ tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "w\(n)", kind: .user, integrationID: "int-Okta", attributes: userAttributes("w\(n)")))
            }, completion: { result in
                results.append(result.isSuccess)
                done.signal()
            })
            if n == 0 { XCTAssertEqual(entered.wait(timeout: .now() + 60), .success) }
        }
        fs.setSyncHook(nil)
        release.signal()
        for _ in 0..<10 { XCTAssertEqual(done.wait(timeout: .now() + 60), .success) }
        XCTAssertEqual(results.values, [true] + [Bool](repeating: false, count: 9), "the first batch synced; the second failed whole")
        store.close()
        let reopened = try Store.open(configuration(fs.crashImage()))
        XCTAssertEqual(reopened.read { $0.resourceCount(.user, integrationID: "int-Okta") }, 2)
        XCTAssertNotEqual(reopened.fingerprint, before)
    }

    /// F9: the record is durable but the process dies before answering; the IdP's retry of the
    /// create (a new id, the same userName) gets 409 and the lookup by userName finds the user.
    func testRetryAfterACrashBeforeTheReplyIsAConflict() throws {
        let (fs, store, _, _) = try prepared()
        try store.createUser("int-Okta", "entra-user@example.com", id: "first-attempt")
        store.close()
        let restarted = try Store.open(configuration(fs.crashImage()))
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in
            try restarted.createUser("int-Okta", "Entra-User@example.com", id: "retry")
        }, status: 409)
        XCTAssertEqual(restarted.read { $0.userID(integrationID: "int-Okta", userName: "entra-user@example.com") }, "first-attempt")
        restarted.close()
    }

    /// SQLite-style I/O error loop: the machine dies at every operation index of a workload with a
    /// snapshot; each time, reopening gives exactly the acknowledged writes, or one more.
    func testCrashAtEveryOperation() throws {
        let total: Int = try {
            let fs = FaultyFileSystem()
            _ = try Self.crashWorkload(fs)
            return fs.operationCount
        }()
        XCTAssertGreaterThan(total, 40)
        var acknowledgedCounts = Set<Int>()
        for damage in [FaultyFileSystem.UnsyncedDamage.lost, .tornPrefix(fraction: 0.5, zeros: 512)] {
            for crashAt in 0...total {
                let fs = FaultyFileSystem()
                fs.crash(afterOperations: crashAt)
                let (prints, acknowledged) = (try? Self.crashWorkload(fs)) ?? ([Self.emptyPrint], 0)
                let image = fs.crashImage(damage)
                let store: Store
                do { store = try Store.open(configuration(image)) } catch {
                    return XCTFail("crash at \(crashAt): cannot reopen: \(error)")
                }
                let recovered = store.fingerprint
                store.close()
                acknowledgedCounts.insert(acknowledged)
                let allowed = prints[acknowledged...].prefix(2)
                XCTAssertTrue(allowed.contains(recovered), "crash at \(crashAt) (\(acknowledged) acknowledged): \(recovered)")
                XCTAssertFalse(image.fileNames(in: dataDirectory).contains { $0.hasSuffix(".tmp") })
            }
        }
        XCTAssertEqual(acknowledgedCounts, Set(0...7), "crashes before, between and after every write")
    }

    static let emptyPrint = "seq 0\nadmin -"

    /// Writes one change at a time; returns the fingerprint after each attempted change (index 0:
    /// empty) and how many were acknowledged.
    static func crashWorkload(_ fs: FaultyFileSystem) throws -> ([String], Int) {
        let store = try Store.open(configuration(fs))
        defer { store.close() }
        var prints = [store.fingerprint]
        var acknowledged = 0
        var failed = false
        func attempt(_ body: @escaping (inout Transaction) throws(SCIMError) -> Void) {
            let ok = (try? store.writeAndWait(body)) != nil
            if !failed {
                prints.append(store.fingerprint)
                if ok { acknowledged += 1 } else { failed = true }
            }
        }
        attempt { tx throws(SCIMError) in try tx.createIntegration(id: "i", name: "I", tokenHash: [1], tokenHint: "") }
        for n in 0..<3 {
            attempt { tx throws(SCIMError) in
                try tx.putResource(StoredResource(id: "u\(n)", kind: .user, integrationID: "i", attributes: userAttributes("u\(n)")))
            }
        }
        attempt { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: "g", kind: .group, integrationID: "i", attributes: groupAttributes("G")))
            _ = try tx.addMembers(integrationID: "i", groupID: "g", members: [member("u0"), member("u1")])
        }
        _ = try? store.compact()
        attempt { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: "i", id: "u0") }
        _ = try? store.compact()
        attempt { tx throws(SCIMError) in try tx.renameIntegration(id: "i", to: "J") }
        return (prints, acknowledged)
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = ConditionLockForTests()
    private var items: [Bool] = []
    func append(_ value: Bool) { lock.withLock { items.append(value) } }
    var values: [Bool] { lock.withLock { items } }
}

final class ConditionLockForTests: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
