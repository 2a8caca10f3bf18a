import Glibc
import SCIMCore
import Store
import Synchronization
import XCTest

/// A deterministic clock: 1,000,000 ms, +1 per call.
final class TestClock: Sendable {
    private let now = Mutex<Int64>(1_700_000_000_000)
    func tick() -> Int64 { now.withLock { $0 += 1; return $0 } }
    var function: @Sendable () -> Int64 { { self.tick() } }
}

/// Collects log lines and fatal errors.
final class TestLog: Sendable {
    private let lines = Mutex<[String]>([])
    private let fatals = Mutex<[String]>([])
    var messages: [String] { lines.withLock { $0 } }
    var fatalErrors: [String] { fatals.withLock { $0 } }
    var log: @Sendable (String) -> Void { { m in self.lines.withLock { $0.append(m) } } }
    var fatal: @Sendable (String) -> Void { { m in self.fatals.withLock { $0.append(m) } } }
}

let dataDirectory = "/data"

func configuration(_ fs: any StorageFileSystem, directory: String = dataDirectory, threshold: Int = 64 << 20,
                   maxBatch: Int = 1 << 20, clock: TestClock = TestClock(), log: TestLog = TestLog()) -> StoreConfiguration {
    StoreConfiguration(directory: directory, snapshotThresholdBytes: threshold, maxBatchBytes: maxBatch, fileSystem: fs,
                       clock: clock.function, onFatalError: log.fatal, log: log.log)
}

func tokenHash(_ seed: String) -> [UInt8] { Array(("hash-of-" + seed).utf8) }

func userAttributes(_ userName: String, externalId: String? = nil, email: String? = nil, active: Bool = true) -> JSONObject {
    var o = JSONObject()
    o["schemas"] = .array([.string("urn:ietf:params:scim:schemas:core:2.0:User")])
    if let externalId { o["externalId"] = .string(externalId) }
    o["userName"] = .string(userName)
    o["active"] = .bool(active)
    if let email { o["emails"] = .array([.object(JSONObject([("value", .string(email)), ("type", "work"), ("primary", true)]))]) }
    return o
}

func groupAttributes(_ displayName: String, externalId: String? = nil) -> JSONObject {
    var o = JSONObject()
    o["schemas"] = .array([.string("urn:ietf:params:scim:schemas:core:2.0:Group")])
    if let externalId { o["externalId"] = .string(externalId) }
    o["displayName"] = .string(displayName)
    return o
}

func member(_ id: String) -> JSONObject { JSONObject([("value", .string(id))]) }

extension Store {
    @discardableResult
    func createIntegration(_ name: String, id: String? = nil) throws(SCIMError) -> String {
        let integrationID = id ?? "int-" + name
        try writeAndWait { tx throws(SCIMError) in
            try tx.createIntegration(id: integrationID, name: name, tokenHash: tokenHash(name), tokenHint: "scimd_…" + name)
        }
        return integrationID
    }

    @discardableResult
    func createUser(_ integrationID: String, _ userName: String, id: String? = nil, externalId: String? = nil) throws(SCIMError) -> StoredResource {
        let resourceID = id ?? "u-" + userName
        return try writeAndWait { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: resourceID, kind: .user, integrationID: integrationID,
                                              attributes: userAttributes(userName, externalId: externalId, email: userName + "@example.com")))
        }
    }

    @discardableResult
    func createGroup(_ integrationID: String, _ displayName: String, id: String? = nil) throws(SCIMError) -> StoredResource {
        let resourceID = id ?? "g-" + displayName
        return try writeAndWait { tx throws(SCIMError) in
            try tx.putResource(StoredResource(id: resourceID, kind: .group, integrationID: integrationID,
                                              attributes: groupAttributes(displayName)))
        }
    }

    /// A canonical text of everything observable in the state.
    var fingerprint: String { read { fingerprintOf($0) } }
}

func fingerprintOf(_ s: borrowing DirectoryState) -> String {
    var out: [String] = ["seq \(s.lastSequence)", "admin \(s.adminPasswordRecord ?? "-")"]
    for i in s.integrations {
        out.append("integration \(i.id) \(i.name) \(i.tokenHash) \(i.tokenHint) \(i.createdAt) \(i.tokenRotatedAt)")
        for kind in ResourceKind.allCases {
            s.forEachResource(kind, integrationID: i.id) { r in
                out.append("  \(kind.rawValue) \(r.id) c\(r.created) m\(r.lastModified) v\(r.version) \(JSONValue.object(r.attributes).serializedString())")
                if kind == .group, let members = s.members(integrationID: i.id, groupID: r.id) {
                    out.append("    members \(members.all.map { JSONValue.object($0).serializedString() }.joined(separator: ","))")
                }
                out.append("    groups \(s.groupIDs(integrationID: i.id, userID: r.id))")
                return true
            }
        }
    }
    return out.joined(separator: "\n")
}

/// A scratch directory on the real file system, removed at deinit.
final class TemporaryDirectory {
    let path: String
    init() {
        var template = Array("/tmp/scimd-store-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: made!)
    }
    deinit { Self.remove(path) }

    private static func remove(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { p in
                    p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if unlink(child) != 0 { remove(child) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

func XCTAssertThrowsStoreError<R>(_ body: () throws(StoreError) -> R, file: StaticString = #filePath, line: UInt = #line,
                               _ check: (StoreError) -> Void) {
    do throws(StoreError) {
        _ = try body()
        XCTFail("expected a StoreError", file: file, line: line)
    } catch {
        check(error)
    }
}

func XCTAssertThrowsSCIMError<R>(_ body: () throws(SCIMError) -> R, status: Int, file: StaticString = #filePath, line: UInt = #line) {
    do throws(SCIMError) {
        _ = try body()
        XCTFail("expected a SCIMError \(status)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.status, status, "\(error)", file: file, line: line)
    }
}
