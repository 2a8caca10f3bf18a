import CLinux
import Glibc
import SCIMCore
import SCIMEndpoint
import Store

/// `scimd bench-core`: micro-benchmarks of the SCIM core on this machine, printed as a table
/// (used by Tests/bench/core_bench.sh; not a test, no thresholds).
enum BenchCommand {
    static func run(_ args: [String]) throws(CLIError) -> Int32 {
        let entra = Array("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"0a21f0f2-8d2a-4f8e-bf98-7b2f6b2a1c3d","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee@contoso.com","active":true,"displayName":"Test User \\u00e9","emails":[{"primary":true,"type":"work","value":"Test_User_11bb11bb@contoso.com"},{"type":"home","value":"home@example.org"}],"meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"title":"Senior Engineer","phoneNumbers":[{"type":"work","value":"+1 555 0100"}],"addresses":[{"type":"work","streetAddress":"1 Main St","locality":"Redmond","region":"WA","postalCode":"98052","country":"US","primary":true}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering","employeeNumber":"12345","manager":{"value":"b2f4a1c0"}}}
        """.utf8)
        var rows: [(String, String)] = []

        // JSON parse and serialise throughput on an Entra-sized user body.
        let rounds = 100_000
        var parsed: JSONValue = .null
        var t = clock()
        for _ in 0..<rounds { parsed = (try? JSONParser.parse(entra)) ?? .null }
        var s = seconds(since: t)
        rows.append(("JSON parse, \(entra.count)-byte SCIM user", "\(mb(entra.count * rounds, s)) MB/s (\(perSecond(rounds, s)) docs/s)"))
        t = clock()
        var bytes = 0
        for _ in 0..<rounds { bytes &+= parsed.serialized().count }
        s = seconds(since: t)
        rows.append(("JSON serialize, same document", "\(mb(bytes, s)) MB/s"))

        // Filter parse + evaluate.
        let user = parsed.objectValue ?? JSONObject()
        let filters = [
            "userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee@contoso.com\"",
            "emails[type eq \"work\"].value eq \"Test_User_11bb11bb@contoso.com\"",
            "(title co \"Engineer\" and active eq true) or not (displayName sw \"X\")",
        ]
        let evaluator = FilterEvaluator(resolver: ResourceDefinition.user)
        for f in filters {
            t = clock()
            var hits = 0
            for _ in 0..<rounds {
                if let e = try? FilterParser.parse(f), evaluator.matches(e, resource: user) { hits += 1 }
            }
            s = seconds(since: t)
            rows.append(("filter parse+evaluate: \(f.prefix(48))", "\(perSecond(rounds, s))/s (matched \(hits == rounds ? "all" : String(hits)))"))
        }

        // PATCH add one member: core (parse + apply) and store (apply delta) on 10 vs 100,000 members.
        for size in [10, 100_000] {
            let (median, perOp) = try memberPatch(groupSize: size)
            rows.append(("PATCH add+remove one member, \(size)-member group", "median \(median) µs per op (\(perOp) ops)"))
        }

        let width = rows.map(\.0.count).max() ?? 0
        for (k, v) in rows { print(k + String(repeating: " ", count: width - k.count + 2) + v) }
        return 0
    }

    /// Median time of one PATCH (parse, apply, store transaction in memory) adding and then removing
    /// one member of a group of `groupSize`, without fsync (a temporary store with fsync off is not
    /// available, so this uses a real store on /dev/shm or /tmp and measures the in-memory part).
    static func memberPatch(groupSize: Int) throws(CLIError) -> (Int, Int) {
        var template = [UInt8](repeating: 0, count: 64)
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        Array("\(base)/scimd-bench-XXXXXX".utf8CString).withUnsafeBufferPointer { p in
            for (i, c) in p.enumerated() where i < 63 { template[i] = UInt8(bitPattern: c) }
        }
        guard let dirPtr = template.withUnsafeMutableBufferPointer({ p in mkdtemp(UnsafeMutableRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self)) }) else {
            throw CLIError("cannot create a temporary directory")
        }
        let dir = String(cString: dirPtr)
        defer { _ = system("rm -rf '\(dir)'") }
        let store = try StoreOpener.open(dir, quiet: true)
        defer { store.close() }
        let integrationID = "bench"
        let groupID = "group"
        do {
            try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                try tx.createIntegration(id: integrationID, name: "bench", tokenHash: [UInt8](repeating: 1, count: 32), tokenHint: "-")
            }
            var made = 0
            while made < groupSize + 200 {
                let n = min(5000, groupSize + 200 - made)
                let start = made
                try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                    for i in start..<(start + n) {
                        try tx.putResource(StoredResource(id: "u\(i)", kind: .user, integrationID: integrationID, created: tx.now,
                                                          lastModified: tx.now, version: 1,
                                                          attributes: JSONObject([("schemas", .array([.string(SCIMSchemaURN.user)])), ("userName", .string("u\(i)"))])))
                    }
                }
                made += n
            }
            try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                try tx.putResource(StoredResource(id: groupID, kind: .group, integrationID: integrationID, created: tx.now, lastModified: tx.now,
                                                  version: 1, attributes: JSONObject([("schemas", .array([.string(SCIMSchemaURN.group)])), ("displayName", "G")])))
            }
            var added = 0
            while added < groupSize {
                let n = min(5000, groupSize - added)
                let chunk = (added..<(added + n)).map { JSONObject([("value", .string("u\($0)"))]) }
                try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                    try tx.addMembers(integrationID: integrationID, groupID: groupID, members: chunk)
                }
                added += n
            }
        } catch { throw CLIError(error.detail) }

        let applier = PatchApplier(definition: .group)
        var samples: [Int] = []
        let ops = 200
        for k in 0..<ops {
            let member = "u\(groupSize + k)"
            for verb in ["add", "remove"] {
                let body = verb == "add"
                    ? "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"\(member)\"}]}]}"
                    : "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"\(member)\\\"]\"}]}"
                let t = clock()
                do {
                    let operations = try PatchRequest.parse(try JSONParser.parse(body))
                    try store.writeAndWait { (tx: inout Transaction) throws(SCIMError) in
                        guard let g = tx.state.resource(.group, integrationID: integrationID, id: groupID) else { return }
                        let result = try applier.apply(operations, to: g.attributes, resourceID: groupID)
                        for change in result.membershipChanges {
                            switch change {
                            case .add(let m): try tx.addMembers(integrationID: integrationID, groupID: groupID, members: m)
                            case .remove(let v): try tx.removeMembers(integrationID: integrationID, groupID: groupID, values: v)
                            default: break
                            }
                        }
                    }
                } catch { throw CLIError("\(error)") }
                samples.append(Int(seconds(since: t) * 1_000_000))
            }
        }
        samples.sort()
        return (samples[samples.count / 2], samples.count)
    }

    static func clock() -> UInt64 { clinux_monotonic_ns() }
    static func seconds(since t: UInt64) -> Double { Double(clinux_monotonic_ns() - t) / 1e9 }
    static func mb(_ bytes: Int, _ s: Double) -> String { String(Int(Double(bytes) / s / 1e6)) }
    static func perSecond(_ n: Int, _ s: Double) -> String { String(Int(Double(n) / s)) }
}
