import Crypto
import Glibc
import SCIMCore
import SCIMEndpoint
import Store

/// `scimd seed`: fills a (stopped) data directory with synthetic users and groups, for benchmarks
/// and demos. Writes go through the store's normal transactions, many per fsync.
enum SeedCommand {
    static let help = """
    Usage: scimd seed --data DIR --users N [--groups G] [--members M] [--integration NAME]
      Creates integration NAME (default "seed") if missing, then N users user<i>@example.com,
      G groups "Group <j>" with M members each (taken round-robin from the users).
      Prints the integration's token when it creates the integration.
    """

    static func run(_ args: [String], environment: [String: String]) throws(CLIError) -> Int32 {
        if args.contains("--help") || args.contains("-h") { print(help); return 0 }
        var args = args
        func take(_ flag: String) throws(CLIError) -> String? {
            guard let i = args.firstIndex(of: flag) else { return nil }
            guard i + 1 < args.count else { throw CLIError("\(flag) needs a value") }
            let v = args[i + 1]
            args.removeSubrange(i...(i + 1))
            return v
        }
        let users = try parseInt(try take("--users") ?? "0", "--users", min: 0)
        let groups = try parseInt(try take("--groups") ?? "0", "--groups", min: 0)
        let members = try parseInt(try take("--members") ?? "0", "--members", min: 0)
        let name = try take("--integration") ?? "seed"
        let (settings, rest) = try Settings.parse(args, environment: environment, allowed: ["--data", "--snapshot-bytes"])
        guard rest.isEmpty else { throw CLIError("seed: unexpected argument \"\(rest[0])\"") }

        let store = try StoreOpener.open(settings.dataDirectory, snapshotBytes: settings.snapshotBytes)
        defer { store.close() }
        let service = IntegrationService(store: store)
        let integration: Integration
        if let existing = service.find(name) {
            integration = existing
        } else {
            let (created, token) = try IntegrationCommand.wait { service.create(name: name, completion: $0) }
            integration = created
            print("token: \(token)")
        }
        let integrationID = integration.id
        let batch = 2000
        var userIDs: [String] = []
        userIDs.reserveCapacity(users)
        var start = store.read { $0.resourceCount(.user, integrationID: integrationID) }
        var created = 0
        while created < users {
            let n = min(batch, users - created)
            let first = start
            let ids = (0..<n).map { _ in SecureRandom.uuid() }
            do {
                try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                    for k in 0..<n {
                        let i = first + k
                        try tx.putResource(StoredResource(
                            id: ids[k], kind: .user, integrationID: integrationID, created: tx.now, lastModified: tx.now,
                            version: 1, attributes: syntheticUser(i)))
                    }
                }
            } catch { throw CLIError(error.detail, exitCode: 1) }
            userIDs.append(contentsOf: ids)
            created += n
            start += n
        }
        if userIDs.isEmpty && members > 0 {
            userIDs = store.read { state in state.resources(.user, integrationID: integrationID, offset: 0, limit: max(members, 1)).map(\.id) }
        }
        var cursor = 0
        let groupStart = store.read { $0.resourceCount(.group, integrationID: integrationID) }
        for g in 0..<groups {
            let gid = SecureRandom.uuid()
            do {
                try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                    var attrs = JSONObject()
                    attrs["schemas"] = .array([.string(SCIMSchemaURN.group)])
                    attrs["displayName"] = .string("Group \(groupStart + g)")
                    try tx.putResource(StoredResource(id: gid, kind: .group, integrationID: integrationID, created: tx.now,
                                                      lastModified: tx.now, version: 1, attributes: attrs))
                }
                var added = 0
                while added < members && !userIDs.isEmpty {
                    let n = min(batch, members - added)
                    var chunk: [JSONObject] = []
                    chunk.reserveCapacity(n)
                    for _ in 0..<n {
                        chunk.append(JSONObject([("value", .string(userIDs[cursor % userIDs.count])), ("type", "User")]))
                        cursor += 1
                    }
                    try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                        try tx.addMembers(integrationID: integrationID, groupID: gid, members: chunk)
                    }
                    added += n
                }
            } catch { throw CLIError(error.detail, exitCode: 1) }
        }
        print("seeded \(users) users and \(groups) groups x \(members) members into \"\(integration.name)\"")
        return 0
    }

    /// A user shaped like what Entra sends: ~400 bytes of JSON.
    static func syntheticUser(_ i: Int) -> JSONObject {
        JSONObject([
            ("schemas", .array([.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.enterpriseUser)])),
            ("externalId", .string("ext-\(i)")),
            ("userName", .string("user\(i)@example.com")),
            ("name", .object(JSONObject([("givenName", .string("Given\(i)")), ("familyName", .string("Family\(i)")), ("formatted", .string("Given\(i) Family\(i)"))]))),
            ("displayName", .string("Given\(i) Family\(i)")),
            ("title", "Engineer"),
            ("active", true),
            ("emails", .array([.object(JSONObject([("value", .string("user\(i)@example.com")), ("type", "work"), ("primary", true)]))])),
            (SCIMSchemaURN.enterpriseUser, .object(JSONObject([("department", .string("Dept \(i % 50)")), ("employeeNumber", .string(String(i)))]))),
        ])
    }
}
