import Crypto
import SCIMCore

/// One change to the directory, as applied in memory and as written to the log: events, not
/// states (adding one member to a big group records that member only). Every field needed to
/// replay it exactly (timestamps, resulting versions) is in the event.
enum LogOperation: Sendable, Equatable {
    case createIntegration(Integration)
    case renameIntegration(id: String, name: String)
    case rotateToken(id: String, tokenHash: [UInt8], tokenHint: String, at: Int64)
    case deleteIntegration(id: String)
    case setAdminPassword(record: String)
    /// Create or replace; the record carries its final created/lastModified/version.
    case putResource(ResourceRecord)
    /// Also removes the resource from every group, bumping those groups' versions (lastModified = at).
    case deleteResource(kind: ResourceKind, integrationID: String, id: String, at: Int64)
    case addMembers(integrationID: String, groupID: String, members: [JSONObject], at: Int64, version: Int64)
    case removeMembers(integrationID: String, groupID: String, values: [String], at: Int64, version: Int64)
}

extension LogOperation {
    /// The record type names used in the log ("t").
    enum TypeName {
        static let createIntegration = "integrationCreate"
        static let renameIntegration = "integrationRename"
        static let rotateToken = "tokenRotate"
        static let deleteIntegration = "integrationDelete"
        static let setAdminPassword = "adminPassword"
        static let putResource = "put"
        static let deleteResource = "delete"
        static let addMembers = "memberAdd"
        static let removeMembers = "memberRemove"
        static let multi = "multi"
    }

    /// Writes this event's members, "t" first, without the enclosing braces. A put's attributes
    /// are spliced in as the JSON text the store keeps (no second serialisation).
    func writeFields(to w: inout JSONSerializer) {
        var o = JSONObject()
        var rawAttributes: [UInt8]?
        switch self {
        case .createIntegration(let i):
            o["t"] = .string(TypeName.createIntegration)
            o["id"] = .string(i.id)
            o["name"] = .string(i.name)
            o["tokenHash"] = .string(Hex.encode(i.tokenHash))
            o["tokenHint"] = .string(i.tokenHint)
            o["createdAt"] = .int64(i.createdAt)
            o["tokenRotatedAt"] = .int64(i.tokenRotatedAt)
        case .renameIntegration(let id, let name):
            o["t"] = .string(TypeName.renameIntegration)
            o["id"] = .string(id)
            o["name"] = .string(name)
        case .rotateToken(let id, let hash, let hint, let at):
            o["t"] = .string(TypeName.rotateToken)
            o["id"] = .string(id)
            o["tokenHash"] = .string(Hex.encode(hash))
            o["tokenHint"] = .string(hint)
            o["at"] = .int64(at)
        case .deleteIntegration(let id):
            o["t"] = .string(TypeName.deleteIntegration)
            o["id"] = .string(id)
        case .setAdminPassword(let record):
            o["t"] = .string(TypeName.setAdminPassword)
            o["record"] = .string(record)
        case .putResource(let r):
            o["t"] = .string(TypeName.putResource)
            o["kind"] = .string(r.kind.rawValue)
            o["integration"] = .string(r.integrationID)
            o["id"] = .string(r.id)
            o["created"] = .int64(r.created)
            o["lastModified"] = .int64(r.lastModified)
            o["version"] = .int64(r.version)
            rawAttributes = r.attributes
        case .deleteResource(let kind, let integrationID, let id, let at):
            o["t"] = .string(TypeName.deleteResource)
            o["kind"] = .string(kind.rawValue)
            o["integration"] = .string(integrationID)
            o["id"] = .string(id)
            o["at"] = .int64(at)
        case .addMembers(let integrationID, let groupID, let members, let at, let version):
            o["t"] = .string(TypeName.addMembers)
            o["integration"] = .string(integrationID)
            o["group"] = .string(groupID)
            o["members"] = .array(members.map { .object($0) })
            o["at"] = .int64(at)
            o["version"] = .int64(version)
        case .removeMembers(let integrationID, let groupID, let values, let at, let version):
            o["t"] = .string(TypeName.removeMembers)
            o["integration"] = .string(integrationID)
            o["group"] = .string(groupID)
            o["values"] = .array(values.map { .string($0) })
            o["at"] = .int64(at)
            o["version"] = .int64(version)
        }
        Self.writeMembers(o, to: &w)
        if let rawAttributes {
            w.writeRaw(",\"attributes\":")
            w.writeRaw(rawAttributes)
        }
    }

    /// `"k":v,"k2":v2` for the members of `o`.
    static func writeMembers(_ o: JSONObject, to w: inout JSONSerializer) {
        var first = true
        for m in o {
            if !first { w.writeRaw(",") }
            first = false
            w.writeString(m.key)
            w.writeRaw(":")
            w.write(m.value)
        }
    }

    /// Decodes one event object (a record, or an element of a "multi" record's "ops").
    static func decode(_ o: JSONObject) throws(RecordDecodingError) -> LogOperation {
        let r = FieldReader(o)
        let type = try r.string("t")
        switch type {
        case TypeName.createIntegration:
            return .createIntegration(Integration(
                id: try r.string("id"), name: try r.string("name"), tokenHash: try r.hex("tokenHash"),
                tokenHint: try r.string("tokenHint"), createdAt: try r.int64("createdAt"),
                tokenRotatedAt: try r.int64("tokenRotatedAt")))
        case TypeName.renameIntegration:
            return .renameIntegration(id: try r.string("id"), name: try r.string("name"))
        case TypeName.rotateToken:
            return .rotateToken(id: try r.string("id"), tokenHash: try r.hex("tokenHash"), tokenHint: try r.string("tokenHint"),
                                at: try r.int64("at"))
        case TypeName.deleteIntegration:
            return .deleteIntegration(id: try r.string("id"))
        case TypeName.setAdminPassword:
            return .setAdminPassword(record: try r.string("record"))
        case TypeName.putResource:
            return .putResource(ResourceRecord(StoredResource(
                id: try r.string("id"), kind: try r.kind("kind"), integrationID: try r.string("integration"),
                created: try r.int64("created"), lastModified: try r.int64("lastModified"), version: try r.int64("version"),
                attributes: try r.object("attributes"))))
        case TypeName.deleteResource:
            return .deleteResource(kind: try r.kind("kind"), integrationID: try r.string("integration"), id: try r.string("id"),
                                   at: try r.int64("at"))
        case TypeName.addMembers:
            let members = try r.array("members")
            var objects: [JSONObject] = []
            objects.reserveCapacity(members.count)
            for m in members {
                guard let object = m.objectValue, MemberList.value(of: object) != nil else {
                    throw RecordDecodingError("\"members\" must hold member objects with a string \"value\"")
                }
                objects.append(object)
            }
            return .addMembers(integrationID: try r.string("integration"), groupID: try r.string("group"), members: objects,
                               at: try r.int64("at"), version: try r.int64("version"))
        case TypeName.removeMembers:
            let values = try r.array("values")
            var strings: [String] = []
            strings.reserveCapacity(values.count)
            for v in values {
                guard let s = v.stringValue else { throw RecordDecodingError("\"values\" must hold strings") }
                strings.append(s)
            }
            return .removeMembers(integrationID: try r.string("integration"), groupID: try r.string("group"), values: strings,
                                  at: try r.int64("at"), version: try r.int64("version"))
        default:
            throw RecordDecodingError("unknown record type \"\(type)\"")
        }
    }
}

/// Why a record's JSON does not describe a valid event.
struct RecordDecodingError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Typed access to the members of a record object, with errors that name the field.
struct FieldReader {
    let object: JSONObject
    init(_ object: JSONObject) { self.object = object }

    func value(_ key: String) throws(RecordDecodingError) -> JSONValue {
        guard let v = object[key] else { throw RecordDecodingError("missing \"\(key)\"") }
        return v
    }

    func string(_ key: String) throws(RecordDecodingError) -> String {
        guard let s = try value(key).stringValue else { throw RecordDecodingError("\"\(key)\" must be a string") }
        return s
    }

    func optionalString(_ key: String) throws(RecordDecodingError) -> String? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw RecordDecodingError("\"\(key)\" must be a string") }
        return s
    }

    func int64(_ key: String) throws(RecordDecodingError) -> Int64 {
        guard let n = try value(key).numberValue, let i = Int64(n.text) else {
            throw RecordDecodingError("\"\(key)\" must be an integer")
        }
        return i
    }

    func object(_ key: String) throws(RecordDecodingError) -> JSONObject {
        guard let o = try value(key).objectValue else { throw RecordDecodingError("\"\(key)\" must be an object") }
        return o
    }

    func array(_ key: String) throws(RecordDecodingError) -> [JSONValue] {
        guard let a = try value(key).arrayValue else { throw RecordDecodingError("\"\(key)\" must be an array") }
        return a
    }

    func hex(_ key: String) throws(RecordDecodingError) -> [UInt8] {
        guard let bytes = Hex.decode(try string(key)) else { throw RecordDecodingError("\"\(key)\" must be hexadecimal") }
        return bytes
    }

    func kind(_ key: String) throws(RecordDecodingError) -> ResourceKind {
        let s = try string(key)
        guard let k = ResourceKind(rawValue: s) else { throw RecordDecodingError("unknown resource kind \"\(s)\"") }
        return k
    }
}

extension JSONValue {
    static func int64(_ value: Int64) -> JSONValue { .number(JSONNumber(Int(value))) }
}
