/// Writes JSON values as compact UTF-8, members in stored order: the same value always gives the same bytes.
public struct JSONSerializer {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let b): writeRaw(b ? "true" : "false")
        case .number(let n): writeRaw(n.text)
        case .string(let s): writeString(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let obj):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for m in obj.members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(m.key)
                bytes.append(UInt8(ascii: ":"))
                write(m.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public mutating func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { p in
            var runStart = 0
            for k in 0..<p.count {
                let c = p[k]
                let escape: UInt8
                switch c {
                case 0x22: escape = UInt8(ascii: "\"")
                case 0x5C: escape = UInt8(ascii: "\\")
                case 0x0A: escape = UInt8(ascii: "n")
                case 0x0D: escape = UInt8(ascii: "r")
                case 0x09: escape = UInt8(ascii: "t")
                case 0x08: escape = UInt8(ascii: "b")
                case 0x0C: escape = UInt8(ascii: "f")
                case 0..<0x20: escape = UInt8(ascii: "u")
                default: continue
                }
                if runStart < k { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<k])) }
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape)
                if escape == UInt8(ascii: "u") {
                    bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(c >> 4)], Self.hexDigits[Int(c & 0xF)]])
                }
                runStart = k + 1
            }
            if runStart < p.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// Compact UTF-8 serialisation.
    public func serialized() -> [UInt8] {
        var w = JSONSerializer()
        w.write(self)
        return w.bytes
    }

    public func serializedString() -> String { String(decoding: serialized(), as: UTF8.self) }
}
