import SCIMCore

/// Users and groups as JSON or CSV, for backups and spreadsheets.
enum DirectoryExporter {
    static func export(_ state: borrowing DirectoryState, format: ExportFormat, now: Int64) -> [UInt8] {
        switch format {
        case .json: return json(state, now: now)
        case .csv: return csv(state)
        }
    }

    static func scimRepresentation(_ r: StoredResource, members: MemberList?) -> JSONObject {
        var o = JSONObject()
        o["id"] = .string(r.id)
        for m in r.attributes where m.key != "id" && m.key != "meta" { o[m.key] = m.value }
        if let members { o["members"] = .array(members.all.map { .object($0) }) }
        o["meta"] = .object(JSONObject([
            ("resourceType", .string(r.kind.rawValue)),
            ("created", .string(SCIMDateTime.format(millisecondsSinceEpoch: r.created))),
            ("lastModified", .string(SCIMDateTime.format(millisecondsSinceEpoch: r.lastModified))),
            ("version", .string("W/\"\(r.version)\"")),
        ]))
        return o
    }

    static func json(_ state: borrowing DirectoryState, now: Int64) -> [UInt8] {
        var w = JSONSerializer(reservingCapacity: 1 << 16)
        w.writeRaw("{\"exported\":")
        w.writeString(SCIMDateTime.format(millisecondsSinceEpoch: now))
        w.writeRaw(",\"integrations\":[")
        for (i, id) in state.integrationOrder.enumerated() {
            guard let s = state.integrationStates[id] else { continue }
            if i > 0 { w.writeRaw(",") }
            w.writeRaw("{\"id\":")
            w.writeString(s.integration.id)
            w.writeRaw(",\"name\":")
            w.writeString(s.integration.name)
            w.writeRaw(",\"createdAt\":")
            w.writeString(SCIMDateTime.format(millisecondsSinceEpoch: s.integration.createdAt))
            for kind in ResourceKind.allCases {
                w.writeRaw(kind == .user ? ",\"users\":[" : "],\"groups\":[")
                var first = true
                state.forEachResource(kind, integrationID: id) { r in
                    if !first { w.writeRaw(",") }
                    first = false
                    let members = kind == .group ? (s.memberLists[r.id] ?? MemberList()) : nil
                    w.write(.object(scimRepresentation(r, members: members)))
                    return true
                }
            }
            w.writeRaw("]}")
        }
        w.writeRaw("]}\n")
        return w.bytes
    }

    static func csv(_ state: borrowing DirectoryState) -> [UInt8] {
        var out: [UInt8] = []
        func row(_ cells: [String]) {
            for (i, c) in cells.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: cell(c).utf8)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        row(["type", "integration", "id", "userName", "displayName", "externalId", "active", "email", "members"])
        for id in state.integrationOrder {
            guard let s = state.integrationStates[id] else { continue }
            let name = s.integration.name
            state.forEachResource(.user, integrationID: id) { r in
                let a = r.attributes
                let active = a.value(forKeyIgnoringCase: "active").map { v -> String in
                    if let b = v.boolValue { return b ? "true" : "false" }
                    return v.stringValue ?? ""
                } ?? ""
                row(["user", name, r.id, a.value(forKeyIgnoringCase: "userName")?.stringValue ?? "",
                     a.value(forKeyIgnoringCase: "displayName")?.stringValue ?? "", r.externalId ?? "", active,
                     primaryEmail(a) ?? "", ""])
                return true
            }
            state.forEachResource(.group, integrationID: id) { r in
                row(["group", name, r.id, "", r.attributes.value(forKeyIgnoringCase: "displayName")?.stringValue ?? "",
                     r.externalId ?? "", "", "", String(s.memberLists[r.id]?.count ?? 0)])
                return true
            }
        }
        return out
    }

    /// The primary email, else the first.
    static func primaryEmail(_ attributes: JSONObject) -> String? {
        guard let emails = attributes.value(forKeyIgnoringCase: "emails")?.arrayValue else { return nil }
        let objects = emails.compactMap(\.objectValue)
        let primary = objects.first { $0.value(forKeyIgnoringCase: "primary")?.boolValue == true } ?? objects.first
        return primary?.value(forKeyIgnoringCase: "value")?.stringValue
    }

    /// RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula
    /// (OWASP CSV injection).
    static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        var quoted = "\""
        for c in v {
            if c == "\"" { quoted.append("\"") }
            quoted.append(c)
        }
        quoted.append("\"")
        return quoted
    }
}
