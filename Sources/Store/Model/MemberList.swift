import SCIMCore

/// The ordered member list of one group: O(1) `contains` by member value, stable insertion order,
/// cheap `count` and `page(offset:limit:)`. Each member is kept as the client sent it
/// (`{"value": ..., "type": ..., "$ref": ..., "display": ...}`); the common `{"value": id}` is kept
/// as just the id.
public struct MemberList: Sendable {
    struct Element: Sendable {
        var value: String
        var rest: Rest

        /// What the member object holds besides its "value", kept without a tree for the two
        /// shapes almost every client sends.
        enum Rest: Sendable {
            /// `{"value": v}`
            case nothing
            /// `{"value": v, "type": t}`, in that order
            case type(String)
            /// any other object
            case object(JSONObject)
        }

        /// Writes the member object: the bytes `member` would serialise to.
        func write(to w: inout JSONSerializer) {
            switch rest {
            case .nothing:
                w.writeRaw(#"{"value":"#)
                w.writeString(value)
                w.writeRaw("}")
            case .type(let type):
                w.writeRaw(#"{"value":"#)
                w.writeString(value)
                w.writeRaw(#","type":"#)
                w.writeString(type)
                w.writeRaw("}")
            case .object(let object):
                w.write(.object(object))
            }
        }

        var member: JSONObject {
            switch rest {
            case .nothing: return JSONObject(uniqueKeysWithValues: [("value", .string(value))])
            case .type(let type): return JSONObject(uniqueKeysWithValues: [("value", .string(value)), ("type", .string(type))])
            case .object(let object): return object
            }
        }
    }

    private var ordinals = ShardedDictionary<String, Int>()
    private var entries = ChunkedList<Element>()
    private var nextOrdinal = 0

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public func contains(_ value: String) -> Bool { ordinals[value] != nil }

    /// The member object stored for `value`.
    public func member(_ value: String) -> JSONObject? {
        guard let ordinal = ordinals[value] else { return nil }
        return entries.element(ordinal: ordinal)?.member
    }

    /// Members `offset ..< offset + limit` in insertion order.
    public func page(offset: Int, limit: Int) -> [JSONObject] { entries.page(offset: offset, limit: limit).map(\.member) }

    /// All members in order (for small groups and exports).
    public var all: [JSONObject] {
        var result: [JSONObject] = []
        result.reserveCapacity(count)
        entries.forEach { result.append($0.member); return true }
        return result
    }

    /// All member values in order.
    public var values: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        entries.forEach { result.append($0.value); return true }
        return result
    }

    /// Visits members in order until `body` returns false.
    public func forEach(_ body: (JSONObject) throws -> Bool) rethrows { try entries.forEach { try body($0.member) } }

    /// Visits the stored members in order until `body` returns false (the snapshot writer).
    func forEachElement(_ body: (Element) throws -> Bool) rethrows { try entries.forEach(body) }

    /// Visits member values in order until `body` returns false.
    public func forEachValue(_ body: (String) throws -> Bool) rethrows { try entries.forEach { try body($0.value) } }

    /// The string "value" of a member object.
    public static func value(of member: JSONObject) -> String? { member["value"]?.stringValue }

    // MARK: Mutations (through Transaction / replay only)

    private static func element(_ member: JSONObject, value: String) -> Element {
        let m = member.members
        if m.count == 1 { return Element(value: value, rest: .nothing) }
        if m.count == 2, m[0].key == "value", m[1].key == "type", case .string(let type) = m[1].value {
            return Element(value: value, rest: .type(type))
        }
        return Element(value: value, rest: .object(member))
    }

    /// Appends; false if a member with this value is already present.
    @discardableResult
    mutating func add(_ member: JSONObject, value: String) -> Bool {
        add(Self.element(member, value: value), key: HashedKey(value))
    }

    /// Appends `{"value": value}` or `{"value": value, "type": type}` (snapshot loading); `key`
    /// is `value` hashed. False if a member with this value is already present.
    @discardableResult
    mutating func add(value: String, type: String?, key: HashedKey<String>) -> Bool {
        add(Element(value: value, rest: type.map { .type($0) } ?? .nothing), key: key)
    }

    private mutating func add(_ element: Element, key: HashedKey<String>) -> Bool {
        let ordinal = nextOrdinal
        let added = ordinals.modify(key) { slot -> Bool in
            guard slot == nil else { return false }
            slot = ordinal
            return true
        }
        guard added else { return false }
        entries.append(element, ordinal: ordinal)
        nextOrdinal += 1
        return true
    }

    /// Puts a removed member back at its old position.
    mutating func reinsert(_ member: JSONObject, value: String, ordinal: Int) {
        guard ordinals[value] == nil else { return }
        ordinals.updateValue(ordinal, forKey: value)
        entries.insert(Self.element(member, value: value), ordinal: ordinal)
        nextOrdinal = max(nextOrdinal, ordinal + 1)
    }

    /// Removes the member with this value, returning it and its position.
    mutating func remove(_ value: String) -> (member: JSONObject, ordinal: Int)? {
        guard let ordinal = ordinals.removeValue(forKey: value), let element = entries.remove(ordinal: ordinal) else { return nil }
        return (element.member, ordinal)
    }
}
