import Dispatch
import SCIMCore
import Store
import XCTest

final class PersistenceTests: XCTestCase {
    /// A mixed workload, returning the fingerprint after every write.
    static func workload(_ store: Store) throws(SCIMError) -> [String] {
        var prints: [String] = []
        let i = try store.createIntegration("Okta")
        prints.append(store.fingerprint)
        for n in 0..<4 {
            try store.createUser(i, "user\(n)@example.com", id: "u\(n)", externalId: "e\(n)")
            prints.append(store.fingerprint)
        }
        try store.createGroup(i, "Staff", id: "g1")
        prints.append(store.fingerprint)
        try store.writeAndWait { tx throws(SCIMError) in
            _ = try tx.addMembers(integrationID: i, groupID: "g1", members: [member("u0"), member("u1"), member("u2")])
        }
        prints.append(store.fingerprint)
        try store.writeAndWait { tx throws(SCIMError) in try tx.deleteResource(.user, integrationID: i, id: "u1") }
        prints.append(store.fingerprint)
        try store.writeAndWait { tx throws(SCIMError) in
            try tx.renameIntegration(id: i, to: "Okta EU")
            tx.setAdminPassword(record: "pbkdf2-sha256$600000$salt$hash")
            _ = try tx.removeMembers(integrationID: i, groupID: "g1", values: ["u0"])
        }
        prints.append(store.fingerprint)
        return prints
    }

    func testReopenReplaysTheLog() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let prints = try Self.workload(store)
        store.close()
        XCTAssertEqual(fs.fileNames(in: dataDirectory), ["LOCK", "log-0000000000000001.jsonl"])
        let reopened = try Store.open(configuration(fs))
        XCTAssertEqual(reopened.fingerprint, prints.last)
        // Writing continues the sequence.
        try reopened.createUser("int-Okta", "late", id: "u9")
        let after = reopened.fingerprint
        reopened.close()
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, after)
    }

    func testEveryLineIsJSONWithChecksumSequenceAndVersion() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        _ = try Self.workload(store)
        store.close()
        let text = String(decoding: fs.contents(dataDirectory + "/log-0000000000000001.jsonl")!, as: UTF8.self)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 9)
        for (n, line) in lines.enumerated() {
            let value = try JSONParser.parse(String(line), maxDepth: 64)
            XCTAssertEqual(value["crc"]?.stringValue?.count, 8)
            XCTAssertEqual(value["rec"]?["seq"]?.numberValue?.intValue, n + 1)
            XCTAssertEqual(value["rec"]?["v"]?.numberValue?.intValue, 1)
            XCTAssertEqual(value["rec"]?["batch"]?.boolValue, true, "one writer at a time: every record starts its batch")
        }
        XCTAssertEqual(JSONValue.object(try JSONParser.parse(String(lines[6]), maxDepth: 64)["rec"]!.objectValue!).serializedString().contains("\"t\":\"memberAdd\""), true)
        XCTAssertTrue(lines[8].contains("\"t\":\"multi\""))
    }

    func testSnapshotAndReopenEqualsState() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("Big")
        // A group bigger than one snapshot line of members.
        try store.writeAndWait { tx throws(SCIMError) in
            for n in 0..<2500 {
                try tx.putResource(StoredResource(id: "u\(n)", kind: .user, integrationID: i, attributes: userAttributes("user\(n)")))
            }
            try tx.putResource(StoredResource(id: "g1", kind: .group, integrationID: i, attributes: groupAttributes("Everyone")))
            try tx.putResource(StoredResource(id: "g2", kind: .group, integrationID: i, attributes: groupAttributes("Nested")))
            _ = try tx.addMembers(integrationID: i, groupID: "g1", members: (0..<2500).reversed().map { member("u\($0)") } + [member("g2")])
            _ = try tx.addMembers(integrationID: i, groupID: "g2", members: [member("u7")])
        }
        _ = try Self.workload(store)
        let before = store.fingerprint
        try store.compact()
        XCTAssertEqual(store.metrics.snapshotsWritten, 1)
        XCTAssertEqual(store.metrics.lastSnapshotSequence, store.read { $0.lastSequence })
        XCTAssertEqual(store.fingerprint, before)
        try store.createUser(i, "after-snapshot", id: "late")
        let after = store.fingerprint
        store.close()
        let names = fs.fileNames(in: dataDirectory)
        XCTAssertTrue(names.contains("snapshot-0000000000000011.jsonl"), "\(names)")
        XCTAssertTrue(names.contains("log-0000000000000012.jsonl"), "\(names)")
        let reopened = try Store.open(configuration(fs))
        XCTAssertEqual(reopened.fingerprint, after)
        XCTAssertEqual(reopened.read { $0.members(integrationID: i, groupID: "g1")!.count }, 2501)
        XCTAssertEqual(reopened.read { $0.groupIDs(integrationID: i, userID: "u7") }, ["g1", "g2"])
    }

    func testCompactionKeepsThePreviousSnapshotAndDropsOlderFiles() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("A")
        for round in 0..<3 {
            for n in 0..<3 { try store.createUser(i, "r\(round)n\(n)") }
            try store.compact()
        }
        let state = store.fingerprint
        store.close()
        // Snapshots at 4, 7, 10: keep 7 and 10, and the log after 7.
        XCTAssertEqual(fs.fileNames(in: dataDirectory), [
            "LOCK", "log-0000000000000008.jsonl", "log-0000000000000011.jsonl",
            "snapshot-0000000000000007.jsonl", "snapshot-0000000000000010.jsonl",
        ])
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, state)
    }

    func testCompactWithoutChangesWritesNothingNew() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        try store.createIntegration("A")
        try store.compact()
        let names = fs.fileNames(in: dataDirectory)
        try store.compact()
        XCTAssertEqual(fs.fileNames(in: dataDirectory), names)
        XCTAssertEqual(store.metrics.snapshotsWritten, 1)
    }

    func testSnapshotIsTriggeredByLogSize() throws {
        let fs = FaultyFileSystem()
        let written = DispatchSemaphore(value: 0)
        let log = TestLog()
        var config = configuration(fs, threshold: 4096, log: log)
        config.log = { message in
            log.log(message)
            if message.hasPrefix("snapshot snapshot-") { written.signal() }
        }
        let store = try Store.open(config)
        let i = try store.createIntegration("A")
        for n in 0..<40 { try store.createUser(i, "user-with-a-long-name-\(n)@example.com") }
        XCTAssertEqual(written.wait(timeout: .now() + 60), .success, "a snapshot follows once the log passes the threshold")
        let state = store.fingerprint
        store.close()
        XCTAssertTrue(fs.fileNames(in: dataDirectory).contains { $0.hasPrefix("snapshot-") })
        XCTAssertEqual(try Store.open(configuration(fs)).fingerprint, state)
    }

    func testReadersDoNotWaitForTheDisk() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("A")
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        fs.setSyncHook { entered.signal(); release.wait() }
        let done = DispatchSemaphore(value: 0)
        store.write({ tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: "u1", kind: .user, integrationID: i, attributes: userAttributes("pending")))
        }, completion: { _ in done.signal() })
        XCTAssertEqual(entered.wait(timeout: .now() + 60), .success)
        // The committer is stuck in fdatasync; readers go on, and see the applied change.
        XCTAssertEqual(store.read { $0.userID(integrationID: i, userName: "pending") }, "u1")
        XCTAssertEqual(done.wait(timeout: .now()), .timedOut, "not acknowledged before the sync returns")
        fs.setSyncHook(nil)
        release.signal()
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        store.close()
    }

    func testNestedReadsDoNotDeadlockBehindAWaitingWriter() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        let i = try store.createIntegration("A")
        let inside = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let count = store.read { outer -> Int in
            // A writer queues up behind this reader; a nested read must still get in.
            DispatchQueue.global().async {
                inside.signal()
                _ = try? store.createUser(i, "w", id: "w")
                writerDone.signal()
            }
            inside.wait()
            let m = store.metrics
            return store.read { $0.resourceCount(.user, integrationID: i) } + m.users + outer.resourceCount(.user, integrationID: i)
        }
        XCTAssertEqual(writerDone.wait(timeout: .now() + 60), .success)
        XCTAssertLessThanOrEqual(count, 3)
        XCTAssertEqual(store.read { $0.resourceCount(.user, integrationID: i) }, 1)
        store.close()
    }

    func testRealFileSystemRoundTripAndLock() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/data"
        let store = try Store.open(StoreConfiguration(directory: path))
        let prints = try Self.workload(store)
        XCTAssertThrowsStoreError({ () throws(StoreError) in _ = try Store.open(StoreConfiguration(directory: path)) }) { error in
            XCTAssertEqual(error.message, "data directory \(path) is in use by another scimd (lock held on \(path)/LOCK)")
        }
        let running = Store.check(directory: path)
        XCTAssertFalse(running.ok)
        XCTAssertTrue(running.description.contains("in use by another scimd"), running.description)
        try store.compact()
        try store.createUser("int-Okta", "after", id: "late")
        let final = store.fingerprint
        XCTAssertNotEqual(final, prints.last)
        store.close()
        let report = Store.check(directory: path)
        XCTAssertTrue(report.ok, report.description)
        let reopened = try Store.open(StoreConfiguration(directory: path))
        XCTAssertEqual(reopened.fingerprint, final)
        reopened.close()
    }

    func testClosedStoreRefusesWrites() throws {
        let fs = FaultyFileSystem()
        let store = try Store.open(configuration(fs))
        store.close()
        XCTAssertThrowsSCIMError({ () throws(SCIMError) in try store.createIntegration("A") }, status: 503)
        store.close()  // idempotent
    }
}
