import Crypto
import SCIMCore
@testable import Store
import XCTest

/// Snapshot lines in the writer's layout take `SnapshotLineScanner`; anything else goes through
/// the JSON parser. Both must read a line the same way, and report the same damage.
final class SnapshotLoadingTests: XCTestCase {
    static let path = dataDirectory + "/snapshot-0000000000000007.jsonl"

    /// A snapshot file: header, `lines`, trailer with the right count and CRC.
    static func snapshot(_ lines: [String]) -> [UInt8] {
        var body = Array(#"{"t":"snapshot","v":1,"seq":7,"created":1}"#.utf8) + [10]
        for line in lines { body += Array(line.utf8) + [10] }
        let crc = Hex.encode(CRC32C.checksum(body))
        return body + Array(#"{"t":"end","records":\#(lines.count + 1),"crc":"\#(crc)"}"#.utf8) + [10]
    }

    static func load(_ lines: [String]) throws(SnapshotReader.Failure) -> DirectoryState {
        let fs = FaultyFileSystem()
        fs.setContents(path, snapshot(lines))
        return try SnapshotReader.load(path: path, fileSystem: fs).state
    }

    static func damage(_ lines: [String]) -> String? {
        do throws(SnapshotReader.Failure) {
            _ = try load(lines)
            return nil
        } catch {
            if case .damaged(_, let reason) = error { return reason }
            return "\(error)"
        }
    }

    static let integration = #"{"t":"integration","id":"i1","name":"Okta","tokenHash":"00ff","tokenHint":"h","createdAt":1,"tokenRotatedAt":2}"#
    static let attributes = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"A@x"}"#

    func testScannerReadsTheWriterLayout() throws {
        let line = Array(#"{"t":"user","id":"u1","created":5,"lastModified":-7,"version":0,"key":"a@x","ext":"e 1"}"#.utf8)
        let fields = try XCTUnwrap(line.withUnsafeBufferPointer { p in
            SnapshotLineScanner.resourceFields(UnsafeBufferPointer(rebasing: p[..<(p.count - 1)]), from: 12)
        })
        XCTAssertEqual(fields.id, "u1")
        XCTAssertEqual(fields.created, 5)
        XCTAssertEqual(fields.lastModified, -7)
        XCTAssertEqual(fields.version, 0)
        XCTAssertEqual(fields.key, "a@x")
        XCTAssertEqual(fields.externalId, "e 1")

        let members = Array(#"{"t":"members","group":"g1","members":[{"value":"u1"},{"value":"u2","type":"User"}]}"#.utf8)
        let scanned = try XCTUnwrap(members.withUnsafeBufferPointer { SnapshotLineScanner.membersLine($0) })
        XCTAssertEqual(scanned.groupID, "g1")
        XCTAssertEqual(scanned.members.map(\.value.key), ["u1", "u2"])
        XCTAssertEqual(scanned.members.map(\.type), [nil, "User"])
        let empty = Array(#"{"t":"members","group":"g1","members":[]}"#.utf8)
        XCTAssertEqual(empty.withUnsafeBufferPointer { SnapshotLineScanner.membersLine($0) }?.members.count, 0)
    }

    /// Whatever the JSON parser might read differently (or refuse) is left to it.
    func testScannerLeavesEverythingElseToTheJSONParser() {
        let fields = [
            #""id":"u1","created": 5,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u\"1","created":5,"lastModified":5,"version":1,"key":"a""#,
            #""id":"\u0041","created":5,"lastModified":5,"version":1,"key":"a""#,
            #""id":"é","created":5,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":05,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":1234567890123456789,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":5.0,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":5e3,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":-,"lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","created":"5","lastModified":5,"version":1,"key":"a""#,
            #""id":"u1","lastModified":5,"created":5,"version":1,"key":"a""#,
            #""id":"u1","created":5,"lastModified":5,"version":1,"key":"a","ext":null"#,
            #""id":"u1","created":5,"lastModified":5,"version":1,"key":"a","extra":"x""#,
            #""id":"u1","created":5,"lastModified":5,"version":1"#,
            #""id":"u1","created":5,"lastModified":5,"version":1,"key":"a"#,
            #""id":"u1","created":5,"lastModified":5,"version":1,"key":"a" "#,
        ]
        for f in fields {
            let line = Array(#"{"t":"user","#.utf8) + Array(f.utf8)
            XCTAssertNil(line.withUnsafeBufferPointer { SnapshotLineScanner.resourceFields($0, from: 12) }, f)
        }
        let members = [
            #"{"t":"members","group":"g1","members":[{"value":"u1","display":"U"}]}"#,
            #"{"t":"members","group":"g1","members":[{"type":"User","value":"u1"}]}"#,
            #"{"t":"members","group":"g1","members":[{"value":"u1"} ]}"#,
            #"{"t":"members","group":"g1","members":[{"value":"u1"},]}"#,
            #"{"t":"members","group":"g1","members":[{"value":"u1"}]} "#,
            #"{"t":"members","group":"g1","members":[{"value":"u1"}]"#,
            #"{"t":"members","group":"g1","members":[{"value":5}]}"#,
            #"{"t":"members","members":[{"value":"u1"}],"group":"g1"}"#,
        ]
        for m in members {
            XCTAssertNil(Array(m.utf8).withUnsafeBufferPointer { SnapshotLineScanner.membersLine($0) }, m)
        }
    }

    /// The same users, groups and members written in the writer's layout and in other valid JSON
    /// layouts load to the same state.
    func testBothLayoutsLoadTheSameState() throws {
        let a = Self.attributes
        let writerLayout = [
            Self.integration,
            #"{"t":"user","id":"u1","created":1,"lastModified":2,"version":3,"key":"a@x","ext":"e1","attributes":\#(a)}"#,
            #"{"t":"user","id":"u\u00e9","created":4,"lastModified":5,"version":6,"key":"b@x","attributes":\#(a)}"#,
            #"{"t":"group","id":"g1","created":7,"lastModified":8,"version":9,"key":"staff","attributes":{"displayName":"Staff"}}"#,
            #"{"t":"members","group":"g1","members":[{"value":"u1","type":"User"},{"value":"u\u00e9"}]}"#,
            #"{"t":"members","group":"g1","members":[{"value":"g2","display":"Nested","type":"Group"}]}"#,
            #"{"t":"group","id":"g2","created":7,"lastModified":8,"version":9,"key":"nested","attributes":{"displayName":"Nested"}}"#,
        ]
        let otherLayout = [
            Self.integration,
            #"{"t":"user", "id":"u1","version":3,"created":1,"lastModified":2,"key":"a@x","ext":"e1","attributes":\#(a)}"#,
            #"{"t":"user","id":"u\u00e9","created":4,"lastModified":5,"version":6,"key":"b@x","ext":null,"attributes":\#(a)}"#,
            #"{"t":"group","key":"staff","id":"g1","created":7,"lastModified":8,"version":9,"attributes":{"displayName":"Staff"}}"#,
            #"{"t":"members","members":[{"value":"u1","type":"User"},{"value":"u\u00e9"}],"group":"g1"}"#,
            #"{"t":"members","group":"g1","members":[{"value":"g2","display":"Nested","type":"Group"}]}"#,
            #"{"t":"group","id":"g2","created":7,"lastModified":8,"version":9,"key":"nested","attributes":{"displayName":"Nested"}}"#,
        ]
        let first = try Self.load(writerLayout)
        let second = try Self.load(otherLayout)
        XCTAssertEqual(fingerprintOf(first), fingerprintOf(second))
        XCTAssertEqual(first.userCount, 2)
        XCTAssertEqual(first.userID(integrationID: "i1", userName: "A@X"), "u1")
        XCTAssertEqual(first.resourceIDs(.user, integrationID: "i1", externalId: "e1"), ["u1"])
        XCTAssertEqual(first.members(integrationID: "i1", groupID: "g1")?.values, ["u1", "u\u{e9}", "g2"])
        XCTAssertEqual(first.members(integrationID: "i1", groupID: "g1")?.all.map { JSONValue.object($0).serializedString() }, [
            #"{"value":"u1","type":"User"}"#, #"{"value":"u\#u{e9}"}"#, #"{"value":"g2","display":"Nested","type":"Group"}"#,
        ])
        XCTAssertEqual(first.groupIDs(integrationID: "i1", userID: "u1"), ["g1"])
        XCTAssertEqual(first.version(.user, integrationID: "i1", id: "u1")?.version, 3)
    }

    /// Damage found after the scanner read a line is the damage the JSON path reports.
    func testDamageInScannedLinesIsReportedAsBefore() {
        let a = Self.attributes
        let user = #"{"t":"user","id":"u1","created":1,"lastModified":2,"version":3,"key":"a@x","attributes":\#(a)}"#
        XCTAssertEqual(Self.damage([user]), "a resource line before any integration line")
        XCTAssertEqual(Self.damage([Self.integration, user, user]), "resource u1 appears twice")
        XCTAssertEqual(Self.damage([Self.integration, #"{"t":"members","group":"g9","members":[{"value":"u1"}]}"#]),
                       "members of an unknown group g9")
        XCTAssertEqual(Self.damage([Self.integration, #"{"t":"user","id":"u1","created":1}"#]),
                       "a resource line without attributes at its end")
        XCTAssertEqual(Self.damage([Self.integration, #"{"t":"user","id":"u1","created":1,"version":3,"key":"a","attributes":\#(a)}"#]),
                       "missing \"lastModified\"")
        XCTAssertEqual(Self.damage([Self.integration, #"{"t":"members","group":"g1","members":[{"value":5}]}"#]),
                       "members of an unknown group g1")
        XCTAssertNil(Self.damage([Self.integration, user]))
    }
}
