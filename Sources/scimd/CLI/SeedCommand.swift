import Crypto
import Glibc
import SCIMCore
import SCIMEndpoint
import Store

/// `scimd seed`: fills a (stopped) data directory with synthetic users and groups, for benchmarks
/// and demos. Writes go through the store's normal transactions, each holding many users or many
/// groups with their members (well under a megabyte of log apiece). Unless `--snapshot-bytes` is
/// given, no snapshot is written while seeding (each would serialise the whole growing directory);
/// if one is due at the end (the log since the last one passed the default threshold), it is
/// written then, so the next start loads it instead of replaying the log.
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
        let snapshotBytesGiven = args.contains { $0 == "--snapshot-bytes" || $0.hasPrefix("--snapshot-bytes=") }
            || !(environment["SCIMD_SNAPSHOT_BYTES"] ?? "").isEmpty
        let (settings, rest) = try Settings.parse(args, environment: environment, allowed: ["--data", "--snapshot-bytes"])
        guard rest.isEmpty else { throw CLIError("seed: unexpected argument \"\(rest[0])\"") }

        let store = try StoreOpener.open(settings.dataDirectory, snapshotBytes: snapshotBytesGiven ? settings.snapshotBytes : Int.max)
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
        // About 650 bytes of log per user: a thousand users make a transaction of ~650 KB.
        let userBatch = 1000
        var userIDs: [String] = []
        userIDs.reserveCapacity(users)
        var start = store.read { $0.resourceCount(.user, integrationID: integrationID) }
        var created = 0
        while created < users {
            let n = min(userBatch, users - created)
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
        try seedGroups(groups, members: members, userIDs: userIDs, integrationID: integrationID, store: store)
        // The one snapshot the threshold put off, if one is due (a small seed leaves the log alone, as before).
        if !snapshotBytesGiven && store.metrics.logBytesSinceSnapshot >= UInt64(settings.snapshotBytes) {
            do { try store.compact() } catch { throw CLIError(error.message, exitCode: 1) }
        }
        print("seeded \(users) users and \(groups) groups x \(members) members into \"\(integration.name)\"")
        return 0
    }

    /// One piece of a transaction: create a group (unless its earlier members already did), add members.
    private struct GroupStep {
        var id: String
        var number: Int
        var create: Bool
        var members: [JSONObject]
    }

    /// `groups` groups "Group <n>" with `members` members each, taken round-robin from `userIDs`;
    /// as many groups and members per transaction as fit in about 768 KB of log (a group's members
    /// continue in the next transaction when they do not fit).
    private static func seedGroups(_ groups: Int, members: Int, userIDs: [String], integrationID: String,
                                   store: Store) throws(CLIError) {
        let budget = 768 << 10
        let groupBytes = 300   // a group's "put" record
        let memberBytes = 60   // {"value":"<uuid>","type":"User"}
        let groupStart = store.read { $0.resourceCount(.group, integrationID: integrationID) }
        let perGroup = userIDs.isEmpty ? 0 : members
        var cursor = 0
        var next = 0                 // groups started so far
        var open: GroupStep?         // a group whose members are not all added yet
        var openAdded = 0
        while next < groups || open != nil {
            var steps: [GroupStep] = []
            var bytes = 0
            while bytes < budget && (next < groups || open != nil) {
                var step: GroupStep
                if let o = open {
                    step = o
                } else {
                    step = GroupStep(id: SecureRandom.uuid(), number: groupStart + next, create: true, members: [])
                    next += 1
                    openAdded = 0
                }
                let room = max(1, (budget - bytes - groupBytes) / memberBytes)
                let n = min(room, perGroup - openAdded)
                step.members.reserveCapacity(n)
                for _ in 0..<n {
                    step.members.append(JSONObject([("value", .string(userIDs[cursor % userIDs.count])), ("type", "User")]))
                    cursor += 1
                }
                openAdded += n
                bytes += groupBytes + n * memberBytes
                steps.append(step)
                open = openAdded < perGroup ? GroupStep(id: step.id, number: step.number, create: false, members: []) : nil
            }
            let batch = steps
            do {
                try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                    for step in batch {
                        if step.create {
                            var attrs = JSONObject()
                            attrs["schemas"] = .array([.string(SCIMSchemaURN.group)])
                            attrs["displayName"] = .string("Group \(step.number)")
                            try tx.putResource(StoredResource(id: step.id, kind: .group, integrationID: integrationID, created: tx.now,
                                                              lastModified: tx.now, version: 1, attributes: attrs))
                        }
                        if !step.members.isEmpty {
                            try tx.addMembers(integrationID: integrationID, groupID: step.id, members: step.members)
                        }
                    }
                }
            } catch { throw CLIError(error.detail, exitCode: 1) }
        }
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
