import SCIMCore
import Store

/// Turns a stored resource into its SCIM representation: `schemas`, `id`, `externalId`, the stored
/// attributes in the order they were written, the derived `groups` (User) or `members` (Group), and
/// `meta`. Nothing is added that the client did not send (scim2-tester compares round trips exactly).
public struct ResourceRenderer: Sendable {
    /// `{origin}{basePath}`, e.g. `https://scim.example.com/api/v1/scim`.
    public let baseURL: String

    public init(baseURL: String) { self.baseURL = baseURL }

    static func endpoint(_ kind: ResourceKind) -> String { kind == .user ? "Users" : "Groups" }

    public func location(_ kind: ResourceKind, id: String) -> String { "\(baseURL)/\(Self.endpoint(kind))/\(id)" }

    /// - Parameters:
    ///   - withRelations: include `groups` / `members` (skipped when the client excluded them: a
    ///     100,000-member list is expensive to build just to drop it).
    public func render(_ r: StoredResource, state: borrowing DirectoryState, withRelations: Bool = true) -> JSONObject {
        var out: [(String, JSONValue)] = []
        out.reserveCapacity(r.attributes.count + 4)
        out.append(("schemas", r.attributes["schemas"] ?? .array([.string(r.kind == .user ? SCIMSchemaURN.user : SCIMSchemaURN.group)])))
        out.append(("id", .string(r.id)))
        if let ext = r.attributes["externalId"] { out.append(("externalId", ext)) }
        for m in r.attributes.members where m.key != "schemas" && m.key != "externalId" {
            out.append((m.key, m.value))
        }
        if withRelations {
            switch r.kind {
            case .user:
                let groupIDs = state.groupIDs(integrationID: r.integrationID, userID: r.id)
                if !groupIDs.isEmpty {
                    var groups: [JSONValue] = []
                    groups.reserveCapacity(groupIDs.count)
                    for gid in groupIDs {
                        var g = JSONObject()
                        g["value"] = .string(gid)
                        g["$ref"] = .string(location(.group, id: gid))
                        if let name = state.resource(.group, integrationID: r.integrationID, id: gid)?.attributes["displayName"] {
                            g["display"] = name
                        }
                        g["type"] = "direct"
                        groups.append(.object(g))
                    }
                    out.append(("groups", .array(groups)))
                }
            case .group:
                if let members = state.members(integrationID: r.integrationID, groupID: r.id), members.count > 0 {
                    out.append(("members", .array(members.all.map { .object($0) })))
                }
            }
        }
        out.append(("meta", .object(meta(r))))
        return JSONObject(uniqueKeysWithValues: out)
    }

    func meta(_ r: StoredResource) -> JSONObject {
        JSONObject(uniqueKeysWithValues: [
            ("resourceType", .string(r.kind.rawValue)),
            ("created", .string(SCIMDateTime.format(millisecondsSinceEpoch: r.created))),
            ("lastModified", .string(SCIMDateTime.format(millisecondsSinceEpoch: r.lastModified))),
            ("location", .string(location(r.kind, id: r.id))),
            ("version", .string(SCIMResponses.etag(version: r.version))),
        ])
    }
}
