import Crypto
import SCIMCore

/// One log line: `{"crc":"<8 hex digits>","rec":<record>}` + "\n", where the CRC-32C covers the
/// exact bytes of `<record>` and the record is `{"seq":n,"v":1,["batch":true,]"t":type,...fields}`.
/// The fixed 24-byte prefix makes the checksum and the record cheap to locate; every line is still
/// plain JSON. One record is one transaction: its events are applied all or not at all. `batch`
/// marks the first record of each write(2), which lets recovery tell a torn last batch from damage
/// in the middle of the log.
enum LogRecord {
    static let formatVersion = 1
    /// Records nest attribute objects: allow more than a request body's depth.
    static let maxDepth = 64

    static let prefix: [UInt8] = Array(#"{"crc":""#.utf8)   // 8 bytes
    static let middle: [UInt8] = Array(#"","rec":"#.utf8)   // 8 bytes
    static let headerLength = 24

    struct Decoded {
        var sequence: UInt64
        var batchStart: Bool
        var operations: [LogOperation]
    }

    /// Why a line is not a good record. `damaged`: the envelope or checksum is wrong (a torn or
    /// corrupted write); otherwise the checksum verified but the content cannot be used (a newer
    /// format or a bug), which is never treated as a torn tail.
    struct LineError: Error, Sendable {
        var reason: String
        var damaged: Bool
    }

    /// Appends one record line.
    static func append(sequence: UInt64, batchStart: Bool, operations: [LogOperation], to out: inout [UInt8]) {
        var w = JSONSerializer(reservingCapacity: 512)
        w.writeRaw("{\"seq\":")
        w.writeRaw(String(sequence))
        w.writeRaw(",\"v\":\(formatVersion)")
        if batchStart { w.writeRaw(",\"batch\":true") }
        if operations.count == 1 {
            w.writeRaw(",")
            operations[0].writeFields(to: &w)
        } else {
            w.writeRaw(",\"t\":\"\(LogOperation.TypeName.multi)\",\"ops\":[")
            for (i, op) in operations.enumerated() {
                w.writeRaw(i == 0 ? "{" : ",{")
                op.writeFields(to: &w)
                w.writeRaw("}")
            }
            w.writeRaw("]")
        }
        w.writeRaw("}")
        let body = w.bytes
        let crc = CRC32C.checksum(body)
        out.append(contentsOf: prefix)
        for shift in stride(from: 28, through: 0, by: -4) { out.append(hexDigit(UInt8(truncatingIfNeeded: crc >> UInt32(shift)) & 0x0f)) }
        out.append(contentsOf: middle)
        out.append(contentsOf: body)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// Decodes a line (without its "\n").
    static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(LineError) -> Decoded {
        guard line.count > headerLength + 1 else { throw LineError(reason: "not a log record (too short)", damaged: true) }
        for i in 0..<8 where line[i] != prefix[i] { throw LineError(reason: "not a log record (bad prefix)", damaged: true) }
        for i in 0..<8 where line[16 + i] != middle[i] { throw LineError(reason: "not a log record (bad prefix)", damaged: true) }
        guard line[line.count - 1] == UInt8(ascii: "}") else { throw LineError(reason: "not a log record (bad end)", damaged: true) }
        var stored: UInt32 = 0
        for i in 8..<16 {
            guard let nibble = hexValue(line[i]) else { throw LineError(reason: "not a log record (bad checksum field)", damaged: true) }
            stored = stored << 4 | UInt32(nibble)
        }
        let body = UnsafeBufferPointer(rebasing: line[headerLength..<(line.count - 1)])
        let actual = CRC32C.checksum(UnsafeRawBufferPointer(body))
        guard actual == stored else { throw LineError(reason: "checksum mismatch", damaged: true) }

        let value: JSONValue
        do throws(JSONError) { value = try JSONParser.parse(body, maxDepth: maxDepth) } catch {
            throw LineError(reason: "checksum verifies but the record is not JSON: \(error)", damaged: false)
        }
        guard let record = value.objectValue else { throw LineError(reason: "the record is not a JSON object", damaged: false) }
        do throws(RecordDecodingError) {
            let fields = FieldReader(record)
            let version = try fields.int64("v")
            guard version == Int64(formatVersion) else {
                throw RecordDecodingError("record format version \(version) is not supported by this scimd (it reads version \(formatVersion)); was it written by a newer scimd?")
            }
            let seq = try fields.int64("seq")
            guard seq > 0 else { throw RecordDecodingError("\"seq\" must be positive") }
            let batchStart = record["batch"]?.boolValue ?? false
            let type = try fields.string("t")
            var operations: [LogOperation] = []
            if type == LogOperation.TypeName.multi {
                for item in try fields.array("ops") {
                    guard let o = item.objectValue else { throw RecordDecodingError("\"ops\" must hold objects") }
                    operations.append(try LogOperation.decode(o))
                }
            } else {
                operations.append(try LogOperation.decode(record))
            }
            return Decoded(sequence: UInt64(seq), batchStart: batchStart, operations: operations)
        } catch {
            throw LineError(reason: error.description, damaged: false)
        }
    }
}

@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a") }

/// Lowercase only, as written: an upper-case digit can only come from damage (a flipped 0x20 bit
/// turns "a" into "A" without changing the value), and every flipped bit must be detected.
@inline(__always)
private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    default: return nil
    }
}
