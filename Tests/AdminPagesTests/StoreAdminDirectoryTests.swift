import AdminPages
import Dispatch
import Glibc
import SCIMCore
import SCIMEndpoint
import Store
import Synchronization
import XCTest

/// The admin pages' directory over a real store (in a temporary data directory).
final class StoreAdminDirectoryTests: XCTestCase {
    private var path = ""
    private var store: Store!
    private var directory: StoreAdminDirectory!

    override func setUpWithError() throws {
        var template = Array("/tmp/scimd-admin-test.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: try XCTUnwrap(made))
        store = try Store.open(StoreConfiguration(directory: path + "/data"))
        directory = StoreAdminDirectory(store: store, activity: ActivityLog())
    }

    override func tearDown() {
        store?.close()
        store = nil
        directory = nil
        Self.remove(path)
    }

    private static func remove(_ path: String) {
        guard !path.isEmpty, let dir = opendir(path) else { unlink(path); return }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name == "." || name == ".." { continue }
            remove(path + "/" + name)
        }
        closedir(dir)
        rmdir(path)
    }

    private func createIntegration(_ name: String) throws -> AdminIntegration {
        let result = Mutex<Result<AdminIssuedToken, AdminError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        directory.createIntegration(name: name) { r in result.withLock { $0 = r }; done.signal() }
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success)
        return try XCTUnwrap(result.withLock { $0 }).get().integration
    }

    private func addUsers(_ integrationID: String, _ names: [(userName: String, displayName: String)]) throws {
        try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
            for (n, u) in names.enumerated() {
                var a = JSONObject()
                a["schemas"] = .array([.string(SCIMSchemaURN.user)])
                a["userName"] = .string(u.userName)
                a["displayName"] = .string(u.displayName)
                a["active"] = .bool(n % 2 == 0)
                a["emails"] = .array([.object(JSONObject([("value", .string(u.userName)), ("primary", true)]))])
                _ = try tx.putResource(StoredResource(id: "u\(n)-" + u.userName, kind: .user, integrationID: integrationID, attributes: a))
            }
        }
    }

    private func addGroups(_ integrationID: String, _ names: [String]) throws {
        try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
            for name in names {
                var a = JSONObject()
                a["schemas"] = .array([.string(SCIMSchemaURN.group)])
                a["displayName"] = .string(name)
                _ = try tx.putResource(StoredResource(id: "g-" + name, kind: .group, integrationID: integrationID, attributes: a))
            }
        }
    }

    private func query(search: String = "", active: Bool? = nil, sort: AdminUserSortKey = .displayName,
                       direction: AdminSortDirection = .ascending, offset: Int = 0, limit: Int = 50) -> AdminUserQuery {
        AdminUserQuery(search: search, integrationID: nil, active: active, sort: sort, direction: direction, offset: offset, limit: limit)
    }

    func testUsersSortNaturallyPageAndSearch() throws {
        let i = try createIntegration("Okta")
        try addUsers(i.id, (0..<25).map { ("user\($0)@example.com", "User \($0)") })

        let first = directory.users(query(limit: 10))
        XCTAssertEqual(first.total, 25)
        XCTAssertEqual(first.rows.map(\.displayName), (0..<10).map { "User \($0)" }, "User 2 before User 10")
        let second = directory.users(query(offset: 10, limit: 10))
        XCTAssertEqual(second.rows.map(\.displayName), (10..<20).map { "User \($0)" })
        let last = directory.users(query(offset: 20, limit: 10))
        XCTAssertEqual(last.rows.count, 5)
        XCTAssertTrue(directory.users(query(offset: 40, limit: 10)).rows.isEmpty)

        let down = directory.users(query(sort: .userName, direction: .descending, limit: 3))
        XCTAssertEqual(down.rows.map(\.userName), ["user24@example.com", "user23@example.com", "user22@example.com"])

        let found = directory.users(query(search: "  USER2 "))
        XCTAssertEqual(Set(found.rows.map(\.userName)), Set(["user2@example.com"] + (20..<25).map { "user\($0)@example.com" }))
        XCTAssertEqual(found.total, 6)
        XCTAssertEqual(directory.users(query(active: false)).total, 12)
        XCTAssertEqual(directory.users(query(search: "nobody")).total, 0)
    }

    func testGroupsSortNaturallyAndIntegrationsShowCounts() throws {
        let i = try createIntegration("Entra")
        try addGroups(i.id, ["Group 10", "Group 2", "group 1", "Group 100"])
        try addUsers(i.id, [("ann@example.com", "Ann")])
        let page = directory.groups(AdminGroupQuery(search: "", integrationID: nil, sort: .displayName, direction: .ascending, offset: 0, limit: 10))
        XCTAssertEqual(page.rows.map(\.displayName), ["group 1", "Group 2", "Group 10", "Group 100"])
        XCTAssertEqual(directory.integration(id: i.id)?.userCount, 1)
        XCTAssertEqual(directory.integration(id: i.id)?.groupCount, 4)
    }
}
