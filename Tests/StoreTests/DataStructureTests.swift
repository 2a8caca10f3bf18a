@testable import Store
import SCIMCore
import XCTest

/// The chunked list, sharded dictionary and member list against plain models, over random operations.
final class DataStructureTests: XCTestCase {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11 ^ state
        }
    }

    func testChunkedListMatchesAnArray() {
        var g = Generator(state: 42)
        var list = ChunkedList<Int>()
        var model: [(Int, Int)] = []
        var next = 0
        for step in 0..<20000 {
            let r = Int.random(in: 0..<10, using: &g)
            if r < 6 || model.isEmpty {
                list.append(next * 10, ordinal: next)
                model.append((next, next * 10))
                next += 1
            } else if r < 9 {
                let i = Int.random(in: 0..<model.count, using: &g)
                XCTAssertEqual(list.remove(ordinal: model[i].0), model[i].1)
                model.remove(at: i)
            } else {
                // Re-insert a removed ordinal in the middle (what undo does).
                let ordinal = Int.random(in: 0..<max(next, 1), using: &g)
                if !model.contains(where: { $0.0 == ordinal }) {
                    list.insert(-ordinal, ordinal: ordinal)
                    let at = model.firstIndex { $0.0 > ordinal } ?? model.count
                    model.insert((ordinal, -ordinal), at: at)
                }
            }
            if step % 997 == 0 {
                XCTAssertEqual(list.all, model.map(\.1))
                XCTAssertEqual(list.count, model.count)
                for _ in 0..<20 {
                    let offset = Int.random(in: 0...(model.count + 2), using: &g)
                    let limit = Int.random(in: 0...3000, using: &g)
                    let expected = offset < model.count ? Array(model[offset..<min(model.count, offset + limit)].map(\.1)) : []
                    XCTAssertEqual(list.page(offset: offset, limit: limit), expected)
                }
                if let probe = model.randomElement(using: &g) { XCTAssertEqual(list.element(ordinal: probe.0), probe.1) }
            }
        }
        XCTAssertNil(list.remove(ordinal: -5))
        XCTAssertEqual(list.page(offset: -1, limit: 5), [])
    }

    func testShardedDictionaryMatchesADictionary() {
        var g = Generator(state: 7)
        var sharded = ShardedDictionary<String, Int>()
        var model: [String: Int] = [:]
        for _ in 0..<40000 {
            let key = "k\(Int.random(in: 0..<20000, using: &g))"
            switch Int.random(in: 0..<4, using: &g) {
            case 0, 1:
                let v = Int.random(in: 0..<100, using: &g)
                XCTAssertEqual(sharded.updateValue(v, forKey: key), model.updateValue(v, forKey: key))
            case 2:
                XCTAssertEqual(sharded.removeValue(forKey: key), model.removeValue(forKey: key))
            default:
                sharded.modify(key) { $0 = ($0 ?? 0) + 1 }
                model[key] = (model[key] ?? 0) + 1
            }
        }
        XCTAssertEqual(sharded.count, model.count)
        for (k, v) in model { XCTAssertEqual(sharded[k], v) }
        var seen = 0
        sharded.forEach { k, v in seen += 1; XCTAssertEqual(model[k], v) }
        XCTAssertEqual(seen, model.count)
    }

    func testMemberListAtScale() {
        var list = MemberList()
        for n in 0..<100_000 { list.add(JSONObject([("value", .string("m\(n)"))]), value: "m\(n)") }
        XCTAssertEqual(list.count, 100_000)
        XCTAssertTrue(list.contains("m99999"))
        XCTAssertEqual(list.page(offset: 50_000, limit: 2).compactMap(MemberList.value(of:)), ["m50000", "m50001"])
        let removed = list.remove("m50000")
        XCTAssertEqual(removed?.ordinal, 50_000)
        XCTAssertEqual(list.page(offset: 50_000, limit: 1).compactMap(MemberList.value(of:)), ["m50001"])
        list.reinsert(removed!.member, value: "m50000", ordinal: removed!.ordinal)
        XCTAssertEqual(list.page(offset: 50_000, limit: 1).compactMap(MemberList.value(of:)), ["m50000"])
        XCTAssertFalse(list.add(JSONObject([("value", "m1")]), value: "m1"))
        XCTAssertEqual(list.values.count, 100_000)
    }

    /// Members are kept compactly in their common shapes and come back exactly as they were sent.
    func testMemberListKeepsEveryMemberShape() {
        let sent: [JSONObject] = [
            JSONObject([("value", "a")]),
            JSONObject([("value", "b"), ("type", "User")]),
            JSONObject([("type", "User"), ("value", "c")]),
            JSONObject([("value", "d"), ("type", 5)]),
            JSONObject([("value", "e"), ("display", "E"), ("type", "Group")]),
            JSONObject([("value", "f"), ("$ref", "https://x/Users/f")]),
        ]
        var list = MemberList()
        for m in sent { XCTAssertTrue(list.add(m, value: MemberList.value(of: m)!)) }
        XCTAssertTrue(list.add(value: "g", type: "User", key: HashedKey("g")))
        XCTAssertTrue(list.add(value: "h", type: nil, key: HashedKey("h")))
        XCTAssertFalse(list.add(value: "b", type: nil, key: HashedKey("b")))
        let expected = sent + [JSONObject([("value", "g"), ("type", "User")]), JSONObject([("value", "h")])]
        let text = { (o: JSONObject) in JSONValue.object(o).serializedString() }
        XCTAssertEqual(list.all.map(text), expected.map(text))
        XCTAssertEqual(list.member("c").map(text), text(sent[2]))
        var written = JSONSerializer()
        list.forEachElement { e in e.write(to: &written); return true }
        XCTAssertEqual(String(decoding: written.bytes, as: UTF8.self), expected.map(text).joined())
        let removed = list.remove("b")
        XCTAssertEqual(removed.map { text($0.member) }, text(sent[1]))
        list.reinsert(removed!.member, value: "b", ordinal: removed!.ordinal)
        XCTAssertEqual(list.all.map(text), expected.map(text))
    }

    func testTimestamps() {
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: 0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: 951_782_400_123), "2000-02-29T00:00:00.123Z")
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: 1_767_225_599_999), "2025-12-31T23:59:59.999Z")
        XCTAssertEqual(SCIMDateTime.format(millisecondsSinceEpoch: -1), "1969-12-31T23:59:59.999Z")
    }
}
