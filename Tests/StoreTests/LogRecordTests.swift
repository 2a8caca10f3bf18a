import Crypto
@testable import Store
import SCIMCore
import XCTest

/// The log line decoder on malformed input: every case is an error, never a crash, and only damage
/// (not a verified but unreadable record) may be taken for a torn write.
final class LogRecordTests: XCTestCase {
    func line(_ ops: [LogOperation], seq: UInt64 = 7, batch: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        LogRecord.append(sequence: seq, batchStart: batch, operations: ops, to: &out)
        return Array(out.dropLast())
    }

    func decode(_ bytes: [UInt8]) -> Result<LogRecord.Decoded, LogRecord.LineError> {
        bytes.withUnsafeBufferPointer { p in
            do throws(LogRecord.LineError) { return .success(try LogRecord.decode(p)) } catch { return .failure(error) }
        }
    }

    /// A line with a correct checksum around arbitrary record bytes.
    func sealed(_ record: String) -> [UInt8] {
        let body = Array(record.utf8)
        let crc = CRC32C.checksum(body)
        return Array("{\"crc\":\"".utf8) + Array(Hex.encode(crc).utf8) + Array("\",\"rec\":".utf8) + body + [UInt8(ascii: "}")]
    }

    func testRoundTripOfEveryEvent() throws {
        let resource = StoredResource(id: "u1", kind: .user, integrationID: "i1", created: 5, lastModified: 6, version: 2,
                                      attributes: userAttributes("a\"b\\c\u{1}é"))
        let ops: [LogOperation] = [
            .createIntegration(Integration(id: "i1", name: "Okta", tokenHash: [0, 1, 255], tokenHint: "h", createdAt: 1, tokenRotatedAt: 2)),
            .renameIntegration(id: "i1", name: "New"),
            .rotateToken(id: "i1", tokenHash: [9, 9], tokenHint: "x", at: 3),
            .deleteIntegration(id: "i1"),
            .setAdminPassword(record: "rec"),
            .putResource(ResourceRecord(resource)),
            .deleteResource(kind: .group, integrationID: "i1", id: "g1", at: 9),
            .addMembers(integrationID: "i1", groupID: "g1", members: [member("u1"), JSONObject([("value", "u2"), ("display", "D")])], at: 10, version: 4),
            .removeMembers(integrationID: "i1", groupID: "g1", values: ["u1"], at: 11, version: 5),
        ]
        for op in ops {
            let decoded = try decode(line([op])).get()
            XCTAssertEqual(decoded.operations, [op])
            XCTAssertEqual(decoded.sequence, 7)
            XCTAssertTrue(decoded.batchStart)
        }
        let multi = try decode(line(ops, seq: 8, batch: false)).get()
        XCTAssertEqual(multi.operations, ops)
        XCTAssertFalse(multi.batchStart)
    }

    func testDamagedLinesAreDamage() {
        let good = line([.deleteIntegration(id: "i1")])
        var cases: [[UInt8]] = [[], Array("{}".utf8), Array("garbage that is long enough to pass the length check".utf8),
                                [UInt8](repeating: 0, count: 100), Array(good.dropLast()), Array(good.prefix(30))]
        var badPrefix = good; badPrefix[2] = UInt8(ascii: "x"); cases.append(badPrefix)
        var badHex = good; badHex[9] = UInt8(ascii: "z"); cases.append(badHex)
        var badMiddle = good; badMiddle[18] = UInt8(ascii: "x"); cases.append(badMiddle)
        var flipped = good; flipped[40] ^= 0x20; cases.append(flipped)
        for bytes in cases {
            guard case .failure(let error) = decode(bytes) else { return XCTFail("accepted \(bytes)") }
            XCTAssertTrue(error.damaged, error.reason)
        }
    }

    func testVerifiedButUnreadableRecordsAreNotDamage() {
        let cases = [
            "not json", "[1,2]", "{\"seq\":1}", "{\"seq\":1,\"v\":2,\"t\":\"put\"}", "{\"seq\":1,\"v\":1,\"t\":\"teleport\"}",
            "{\"seq\":0,\"v\":1,\"t\":\"integrationDelete\",\"id\":\"x\"}", "{\"seq\":1,\"v\":1,\"t\":\"integrationDelete\"}",
            "{\"seq\":1,\"v\":1,\"t\":\"integrationDelete\",\"id\":5}", "{\"seq\":1,\"v\":1,\"t\":\"multi\",\"ops\":[1]}",
            "{\"seq\":1,\"v\":1,\"t\":\"memberAdd\",\"integration\":\"i\",\"group\":\"g\",\"members\":[{\"x\":1}],\"at\":1,\"version\":1}",
            "{\"seq\":1,\"v\":1,\"t\":\"integrationCreate\",\"id\":\"i\",\"name\":\"n\",\"tokenHash\":\"xyz\",\"tokenHint\":\"\",\"createdAt\":1,\"tokenRotatedAt\":1}",
            "{\"seq\":1.5,\"v\":1,\"t\":\"integrationDelete\",\"id\":\"x\"}", "{\"seq\":1,\"seq\":2,\"v\":1}",
        ]
        for record in cases {
            guard case .failure(let error) = decode(sealed(record)) else { return XCTFail("accepted \(record)") }
            XCTAssertFalse(error.damaged, "\(record): \(error.reason)")
        }
        guard case .failure(let newer) = decode(sealed("{\"seq\":1,\"v\":2,\"t\":\"put\"}")) else { return XCTFail() }
        XCTAssertTrue(newer.reason.contains("newer scimd"), newer.reason)
    }
}
