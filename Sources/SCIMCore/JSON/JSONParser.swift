/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Rejects what an attacker could use to confuse later stages: invalid UTF-8, lone surrogates,
/// control characters in strings, duplicate keys, trailing data, and nesting past `maxDepth`
/// (checked while descending, so a deep input fails fast without deep recursion).
public struct JSONParser {
    public static let defaultMaxDepth = 32

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
            var p = Cursor(buffer: buffer, maxDepth: maxDepth)
            return try p.parseDocument()
        }
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var p = Cursor(buffer: buffer, maxDepth: maxDepth)
        return try p.parseDocument()
    }

    struct Cursor {
        let buf: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var i = 0
        var depth = 0
        var scratch: [UInt8] = []

        init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.buf = buffer
            self.maxDepth = maxDepth
        }

        mutating func parseDocument() throws(JSONError) -> JSONValue {
            // A UTF-8 byte order mark is tolerated at the very start (some clients send one).
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
            skipWhitespace()
            let v = try parseValue()
            skipWhitespace()
            if i != buf.count { throw JSONError(.trailingData, at: i) }
            return v
        }

        @inline(__always) mutating func skipWhitespace() {
            while i < buf.count {
                let c = buf[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
            }
        }

        mutating func parseValue() throws(JSONError) -> JSONValue {
            guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
            switch buf[i] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw JSONError(.unexpectedByte(buf[i]), at: i)
            }
        }

        mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
            let n = word.utf8CodeUnitCount
            let w = word.utf8Start
            for k in 0..<n {
                guard i + k < buf.count else { throw JSONError(.unexpectedEnd, at: i + k) }
                if buf[i + k] != w[k] { throw JSONError(.unexpectedByte(buf[i + k]), at: i + k) }
            }
            i += n
        }

        mutating func enter() throws(JSONError) {
            depth += 1
            if depth > maxDepth { throw JSONError(.tooDeep(limit: maxDepth), at: i) }
        }

        mutating func parseObject() throws(JSONError) -> JSONValue {
            try enter()
            i += 1  // {
            var members: [JSONObject.Member] = []
            var seen: Set<String>? = nil
            skipWhitespace()
            if i < buf.count, buf[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(JSONObject(uniqueMembers: members)) }
            while true {
                skipWhitespace()
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                guard buf[i] == UInt8(ascii: "\"") else { throw JSONError(.unexpectedByte(buf[i]), at: i) }
                let keyOffset = i
                let key = try parseString()
                // Duplicate keys make a document mean different things to different readers: refuse them.
                if members.count < 16 {
                    for m in members where m.key == key { throw JSONError(.duplicateKey(key), at: keyOffset) }
                    if members.count == 15 { seen = Set(members.map(\.key)) }
                } else {
                    if seen == nil { seen = Set(members.map(\.key)) }
                    if !seen!.insert(key).inserted { throw JSONError(.duplicateKey(key), at: keyOffset) }
                }
                if members.count == 15 { seen!.insert(key) }
                skipWhitespace()
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                guard buf[i] == UInt8(ascii: ":") else { throw JSONError(.unexpectedByte(buf[i]), at: i) }
                i += 1
                skipWhitespace()
                let value = try parseValue()
                members.append((key, value))
                skipWhitespace()
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                if buf[i] == UInt8(ascii: ",") { i += 1; continue }
                if buf[i] == UInt8(ascii: "}") { i += 1; break }
                throw JSONError(.unexpectedByte(buf[i]), at: i)
            }
            depth -= 1
            return .object(JSONObject(uniqueMembers: members))
        }

        mutating func parseArray() throws(JSONError) -> JSONValue {
            try enter()
            i += 1  // [
            var items: [JSONValue] = []
            skipWhitespace()
            if i < buf.count, buf[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try parseValue())
                skipWhitespace()
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                if buf[i] == UInt8(ascii: ",") { i += 1; continue }
                if buf[i] == UInt8(ascii: "]") { i += 1; break }
                throw JSONError(.unexpectedByte(buf[i]), at: i)
            }
            depth -= 1
            return .array(items)
        }

        mutating func parseNumber() throws(JSONError) -> JSONNumber {
            let start = i
            if buf[i] == UInt8(ascii: "-") { i += 1 }
            guard i < buf.count else { throw JSONError(.invalidNumber, at: start) }
            if buf[i] == UInt8(ascii: "0") {
                i += 1
            } else if isDigit(buf[i]) {
                while i < buf.count, isDigit(buf[i]) { i += 1 }
            } else {
                throw JSONError(.invalidNumber, at: start)
            }
            if i < buf.count, buf[i] == UInt8(ascii: ".") {
                i += 1
                guard i < buf.count, isDigit(buf[i]) else { throw JSONError(.invalidNumber, at: start) }
                while i < buf.count, isDigit(buf[i]) { i += 1 }
            }
            if i < buf.count, buf[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < buf.count, buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-") { i += 1 }
                guard i < buf.count, isDigit(buf[i]) else { throw JSONError(.invalidNumber, at: start) }
                while i < buf.count, isDigit(buf[i]) { i += 1 }
            }
            // A digit straight after a leading zero ("01") is not a number.
            if i < buf.count, isDigit(buf[i]) { throw JSONError(.invalidNumber, at: start) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
            return JSONNumber(validatedText: text)
        }

        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

        /// Parses a string starting at the opening quote. Fast path: no escapes, plain ASCII or valid UTF-8.
        mutating func parseString() throws(JSONError) -> String {
            i += 1  // "
            let start = i
            var ascii = true
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: buf[start..<i])
                    i += 1
                    if ascii { return String(decoding: slice, as: UTF8.self) }
                    guard let s = String(validating: slice, as: UTF8.self) else {
                        throw JSONError(.invalidUTF8, at: firstInvalidUTF8(from: start, to: i - 1))
                    }
                    return s
                }
                if c == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
                if c < 0x20 { throw JSONError(.controlCharacterInString, at: i) }
                if c >= 0x80 { ascii = false }
                i += 1
            }
            throw JSONError(.unexpectedEnd, at: i)
        }

        mutating func parseEscapedString(from start: Int) throws(JSONError) -> String {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    guard let s = String(validating: scratch, as: UTF8.self) else {
                        throw JSONError(.invalidUTF8, at: firstInvalidUTF8(from: start, to: i - 1))
                    }
                    return s
                }
                if c < 0x20 { throw JSONError(.controlCharacterInString, at: i) }
                if c != UInt8(ascii: "\\") { scratch.append(c); i += 1; continue }
                let escAt = i
                i += 1
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                let e = buf[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(at: escAt)
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard i + 1 < buf.count, buf[i] == UInt8(ascii: "\\"), buf[i + 1] == UInt8(ascii: "u") else {
                            throw JSONError(.unpairedSurrogate, at: escAt)
                        }
                        i += 2
                        let low = try hex4(at: escAt)
                        guard low >= 0xDC00 && low < 0xE000 else { throw JSONError(.unpairedSurrogate, at: escAt) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw JSONError(.unpairedSurrogate, at: escAt)
                    }
                    appendUTF8(scalar)
                default:
                    throw JSONError(.invalidEscape, at: escAt)
                }
            }
            throw JSONError(.unexpectedEnd, at: i)
        }

        mutating func hex4(at escAt: Int) throws(JSONError) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                // Only a real end of input is "unexpected end"; `"\u12"` is a bad escape.
                guard i < buf.count else { throw JSONError(.unexpectedEnd, at: i) }
                let c = buf[i]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw JSONError(.invalidUnicodeEscape, at: escAt)
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func appendUTF8(_ s: UInt32) {
            switch s {
            case 0..<0x80: scratch.append(UInt8(s))
            case 0x80..<0x800:
                scratch.append(UInt8(0xC0 | (s >> 6)))
                scratch.append(UInt8(0x80 | (s & 0x3F)))
            case 0x800..<0x10000:
                scratch.append(UInt8(0xE0 | (s >> 12)))
                scratch.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
                scratch.append(UInt8(0x80 | (s & 0x3F)))
            default:
                scratch.append(UInt8(0xF0 | (s >> 18)))
                scratch.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
                scratch.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
                scratch.append(UInt8(0x80 | (s & 0x3F)))
            }
        }

        /// Best-effort offset of the first byte that breaks UTF-8 in buf[from..<to], for the error message.
        func firstInvalidUTF8(from: Int, to: Int) -> Int {
            var k = from
            while k < to {
                let c = buf[k]
                let n: Int
                if c < 0x80 { n = 1 } else if c & 0xE0 == 0xC0 { n = 2 } else if c & 0xF0 == 0xE0 { n = 3 } else if c & 0xF8 == 0xF0 { n = 4 } else { return k }
                if k + n > to { return k }
                if String(validating: UnsafeBufferPointer(rebasing: buf[k..<(k + n)]), as: UTF8.self) == nil { return k }
                k += n
            }
            return from
        }
    }
}
