/// Writes a response head (status line, the handler's fields, framing fields, blank line) into a
/// reusable byte buffer. The server owns framing: the handler's Content-Length, Transfer-Encoding,
/// Connection and Date fields are replaced by the server's own.
enum HTTPResponseSerializer {
    struct Plan {
        /// Whether the body bytes follow the head on the wire.
        var sendBody: Bool
        /// Whether the connection closes after this response.
        var close: Bool
    }

    /// Appends the head of `response` to `out`.
    /// - Parameters:
    ///   - keepAlive: whether the request allowed the connection to stay open.
    ///   - http10KeepAlive: the request was HTTP/1.0 with keep-alive, so say `Connection: keep-alive`.
    static func writeHead(_ response: HTTPResponse, isHEAD: Bool, keepAlive: Bool, http10KeepAlive: Bool,
                          date: [UInt8], into out: inout [UInt8]) -> Plan {
        var status = response.status
        if status < 200 || status > 599 { status = 500 }  // interim responses are the server's business
        var close = !keepAlive
        var handlerContentLength: String?
        for field in response.headers.fields where isConnectionClose(field) { close = true }

        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(UInt8(48 + status / 100))
        out.append(UInt8(48 + (status / 10) % 10))
        out.append(UInt8(48 + status % 10))
        out.append(UInt8(ascii: " "))
        let phrase = HTTPReasonPhrase.phrase(for: status)
        out.append(contentsOf: UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount))
        out.append(contentsOf: "\r\n".utf8)

        for field in response.headers.fields {
            switch framingField(field.name) {
            case .contentLength:
                handlerContentLength = field.value
                continue
            case .reserved:
                continue
            case .other:
                break
            }
            guard appendName(field.name, to: &out) else { continue }
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: " "))
            appendValue(field.value, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }

        let bodyless = status == 204 || status == 304
        if !bodyless {
            out.append(contentsOf: "Content-Length: ".utf8)
            // A HEAD handler may declare the length of the body it did not produce.
            if isHEAD && response.body.isEmpty, let declared = handlerContentLength, let n = declaredLength(declared) {
                appendDecimal(n, to: &out)
            } else {
                appendDecimal(response.body.count, to: &out)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\n".utf8)
        if close {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if http10KeepAlive {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        return Plan(sendBody: !isHEAD && !bodyless && !response.body.isEmpty, close: close)
    }

    private enum FramingField { case contentLength, reserved, other }

    private static func framingField(_ name: String) -> FramingField {
        let u = name.utf8
        switch u.count {
        case 4: return asciiEqualsLowercase(u, "date") ? .reserved : .other
        case 10: return asciiEqualsLowercase(u, "connection") ? .reserved : .other
        case 14: return asciiEqualsLowercase(u, "content-length") ? .contentLength : .other
        case 17: return asciiEqualsLowercase(u, "transfer-encoding") ? .reserved : .other
        default: return .other
        }
    }

    private static func isConnectionClose(_ field: HTTPHeaders.Field) -> Bool {
        guard field.name.utf8.count == 10, asciiEqualsLowercase(field.name.utf8, "connection") else { return false }
        var close = false
        var keepAlive = false
        var value = field.value
        value.withUTF8 { HTTPRequestParser.scanConnectionTokens(UnsafeRawBufferPointer($0), close: &close, keepAlive: &keepAlive) }
        return close
    }

    private static func declaredLength(_ value: String) -> Int? {
        var v = value
        return v.withUTF8 { HTTPRequestParser.parseContentLength(UnsafeRawBufferPointer($0)) }
    }

    static func asciiEqualsLowercase(_ u: String.UTF8View, _ literal: StaticString) -> Bool {
        guard u.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        var i = 0
        for b in u {
            if b | 0x20 != lit[i] { return false }
            i += 1
        }
        return true
    }

    /// Appends a field name if it is a valid token (a handler bug must not corrupt the stream).
    private static func appendName(_ name: String, to out: inout [UInt8]) -> Bool {
        if name.isEmpty { return false }
        for b in name.utf8 where !HTTPByteClass.isToken(b) { return false }
        out.append(contentsOf: name.utf8)
        return true
    }

    /// Appends a field value with CR, LF, NUL and other controls replaced by spaces (no response splitting).
    private static func appendValue(_ value: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: value.utf8)
        var i = start
        let end = out.count
        while i < end {
            if !HTTPByteClass.isFieldValueByte(out[i]) { out[i] = UInt8(ascii: " ") }
            i += 1
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        var v = value
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 && n < 20 {
                d[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                out.append(d[n])
            }
        }
    }
}
