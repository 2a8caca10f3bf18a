/// Reads the exact layout `SnapshotWriter` produces for its two most common lines (the fields of
/// a user or group line before its attributes, and a members line) without building a JSON tree.
/// It only accepts what the JSON path reads the same way: no whitespace, the writer's member
/// order, strings of printable ASCII without escapes, plain integers. Anything else gives nil and
/// the caller parses the line as JSON, so a line means the same either way and every error comes
/// from the JSON path.
struct SnapshotLineScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    struct ResourceFields {
        var id: String
        var created: Int64
        var lastModified: Int64
        var version: Int64
        var key: String
        var externalId: String?
    }

    /// `"id":"…","created":n,"lastModified":n,"version":n,"key":"…"[,"ext":"…"]` after the
    /// `{"t":"user",` (or group) prefix, up to exactly the end of `bytes`.
    static func resourceFields(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> ResourceFields? {
        var s = SnapshotLineScanner(bytes)
        s.position = start
        guard s.literal(Literal.id), let id = s.plainString(),
              s.literal(Literal.created), let created = s.integer(),
              s.literal(Literal.lastModified), let lastModified = s.integer(),
              s.literal(Literal.version), let version = s.integer(),
              s.literal(Literal.key), let key = s.plainString() else { return nil }
        var externalId: String?
        if !s.atEnd {
            guard s.literal(Literal.ext), let ext = s.plainString() else { return nil }
            externalId = ext
        }
        guard s.atEnd else { return nil }
        return ResourceFields(id: id, created: created, lastModified: lastModified, version: version, key: key, externalId: externalId)
    }

    /// A whole members line, `{"t":"members","group":"…","members":[{"value":"…"[,"type":"…"]},…]}`:
    /// the group id and the members, their values hashed.
    static func membersLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (groupID: String, members: [SnapshotLine.Member])? {
        var s = SnapshotLineScanner(bytes)
        guard s.literal(Literal.membersStart), let group = s.plainString(), s.literal(Literal.membersArray) else { return nil }
        var members: [SnapshotLine.Member] = []
        if s.byte(UInt8(ascii: "]")) {
            return s.byte(UInt8(ascii: "}")) && s.atEnd ? (group, members) : nil
        }
        while true {
            guard s.literal(Literal.value), let value = s.plainString() else { return nil }
            var type: String?
            if s.literal(Literal.type) {
                guard let t = s.plainString() else { return nil }
                type = t
            }
            guard s.byte(UInt8(ascii: "}")) else { return nil }
            members.append(SnapshotLine.Member(value: HashedKey(value), type: type))
            if s.byte(UInt8(ascii: ",")) { continue }
            guard s.byte(UInt8(ascii: "]")), s.byte(UInt8(ascii: "}")), s.atEnd else { return nil }
            return (group, members)
        }
    }

    private enum Literal {
        static let id = Array(#""id":""#.utf8)
        static let created = Array(#","created":"#.utf8)
        static let lastModified = Array(#","lastModified":"#.utf8)
        static let version = Array(#","version":"#.utf8)
        static let key = Array(#","key":""#.utf8)
        static let ext = Array(#","ext":""#.utf8)
        static let membersStart = Array(#"{"t":"members","group":""#.utf8)
        static let membersArray = Array(#","members":["#.utf8)
        static let value = Array(#"{"value":""#.utf8)
        static let type = Array(#","type":""#.utf8)
    }

    private mutating func byte(_ b: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == b else { return false }
        position += 1
        return true
    }

    private mutating func literal(_ l: [UInt8]) -> Bool {
        guard bytes.count - position >= l.count else { return false }
        for i in 0..<l.count where bytes[position + i] != l[i] { return false }
        position += l.count
        return true
    }

    /// The rest of a string whose opening quote was just read, through its closing quote: printable
    /// ASCII only, no backslash.
    private mutating func plainString() -> String? {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// `-?(0|[1-9][0-9]*)` with at most 18 digits (always fits an Int64).
    private mutating func integer() -> Int64? {
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let start = position
        var value: Int64 = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            guard position - start < 18 else { return nil }
            value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - start
        guard digits >= 1, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return negative ? -value : value
    }
}
