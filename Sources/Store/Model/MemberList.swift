import SCIMCore

/// The ordered member list of one group: O(1) `contains` by member value, stable insertion order,
/// cheap `count` and `page(offset:limit:)`. Each member is kept as the client sent it
/// (`{"value": ..., "type": ..., "$ref": ..., "display": ...}`); the common `{"value": id}` is kept
/// as just the id.
public struct MemberList: Sendable {
    struct Element: Sendable {
        var value: String
        /// The member object when it holds more than its "value".
        var object: JSONObject?

        var member: JSONObject { object ?? JSONObject([("value", .string(value))]) }
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

    /// Visits member values in order until `body` returns false.
    public func forEachValue(_ body: (String) throws -> Bool) rethrows { try entries.forEach { try body($0.value) } }

    /// The string "value" of a member object.
    public static func value(of member: JSONObject) -> String? { member["value"]?.stringValue }

    // MARK: Mutations (through Transaction / replay only)

    private static func element(_ member: JSONObject, value: String) -> Element {
        Element(value: value, object: member.count == 1 ? nil : member)
    }

    /// Appends; false if a member with this value is already present.
    @discardableResult
    mutating func add(_ member: JSONObject, value: String) -> Bool {
        guard ordinals[value] == nil else { return false }
        ordinals.updateValue(nextOrdinal, forKey: value)
        entries.append(Self.element(member, value: value), ordinal: nextOrdinal)
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
