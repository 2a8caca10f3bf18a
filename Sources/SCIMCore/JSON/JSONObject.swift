/// A JSON object that keeps its members in insertion order.
///
/// SCIM objects are small (a handful of keys), so a linear scan over an array beats hashing and
/// keeps the order stable for deterministic output. Keys are unique: setting an existing key
/// replaces its value in place.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Member = (key: String, value: JSONValue)
    public private(set) var members: [Member]

    public init() { members = [] }

    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// Builds from pairs known to have unique keys (the parser checks duplicates itself).
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    /// Builds from pairs whose keys the caller guarantees are distinct: no per-key duplicate scan,
    /// for hot paths that assemble resources from known keys.
    public init(uniqueKeysWithValues pairs: [(String, JSONValue)]) {
        members = pairs.map { (key: $0.0, value: $0.1) }
        assert(Set(members.map(\.key)).count == members.count, "duplicate keys")
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    public subscript(key: String) -> JSONValue? {
        get {
            for m in members where m.key == key { return m.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let v = newValue { members[i].value = v } else { members.remove(at: i) }
            } else if let v = newValue {
                members.append((key, v))
            }
        }
    }

    /// The index of the member whose key equals `key` ignoring ASCII case (SCIM attribute names
    /// are case-insensitive).
    public func index(forKeyIgnoringCase key: String) -> Int? {
        members.firstIndex { asciiCaseInsensitiveEquals($0.key, key) }
    }

    /// The value whose key equals `key` ignoring ASCII case.
    public func value(forKeyIgnoringCase key: String) -> JSONValue? {
        index(forKeyIgnoringCase: key).map { members[$0].value }
    }

    /// Sets the value of the member whose key matches ignoring case (keeping its spelling), or appends.
    public mutating func setValue(_ value: JSONValue, forKeyIgnoringCase key: String) {
        if let i = index(forKeyIgnoringCase: key) { members[i].value = value } else { members.append((key, value)) }
    }

    @discardableResult
    public mutating func removeValue(forKeyIgnoringCase key: String) -> JSONValue? {
        guard let i = index(forKeyIgnoringCase: key) else { return nil }
        return members.remove(at: i).value
    }

    public mutating func removeAll(where predicate: (Member) -> Bool) { members.removeAll(where: predicate) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for m in lhs.members {
            guard let v = rhs[m.key], v == m.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        // Order-independent, to agree with ==.
        var acc = 0
        for m in members {
            var h = Hasher()
            h.combine(m.key)
            h.combine(m.value)
            acc ^= h.finalize()
        }
        hasher.combine(acc)
    }
}

/// ASCII case-insensitive string equality, without allocating.
@inlinable
public func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            guard pa.count == pb.count else { return false }
            for i in 0..<pa.count {
                var x = pa[i], y = pb[i]
                if x &- 65 < 26 { x |= 0x20 }
                if y &- 65 < 26 { y |= 0x20 }
                if x != y { return false }
            }
            return true
        }
    }
}

extension String {
    /// ASCII-lowercased copy; non-ASCII bytes are left as they are.
    public var asciiLowercased: String {
        var s = self
        let needs = s.withUTF8 { p in p.contains { $0 &- 65 < 26 } }
        if !needs { return s }
        return String(unsafeUninitializedCapacity: s.utf8.count) { out in
            s.withUTF8 { p in
                for i in 0..<p.count { let c = p[i]; out[i] = c &- 65 < 26 ? c | 0x20 : c }
            }
            return s.utf8.count
        }
    }
}
