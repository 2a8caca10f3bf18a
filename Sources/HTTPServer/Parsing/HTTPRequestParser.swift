/// Incremental, strict HTTP/1.1 request parser (RFC 9112) working directly on the caller's bytes.
///
/// The caller passes every not-yet-consumed byte each time. While the header section is incomplete
/// nothing is consumed (the caller keeps those bytes), and scanning resumes where it stopped, so a
/// head arriving in pieces is scanned once. When the head is complete it is validated in one
/// pass and consumed; body bytes are consumed as they are copied into `body`.
///
/// Decisions documented here: a missing Host header is tolerated (HTTP/1.0 and some tools omit
/// it), a duplicate Host is 400; up to 8 empty lines before the request line are skipped
/// (RFC 9112 section 2.2); an unknown `Expect` value is 417; any duplicate Content-Length, even
/// with equal values, is 400; HTTP/1.x with x > 1 is treated as 1.1; other versions are 505.
struct HTTPRequestParser {
    enum Step: Equatable {
        /// Everything usable was consumed; call again with more bytes.
        case needMore(consumed: Int)
        /// The head is complete and a body follows (`head` is set); call again for the body.
        case headComplete(consumed: Int)
        /// A whole request is ready: `takeRequest()`.
        case messageComplete(consumed: Int)
        case failure(HTTPParseError)
    }

    private enum Phase {
        case head, contentBody, chunkedBody, complete
    }

    static let maxLeadingEmptyLines = 8

    let limits: HTTPParserLimits
    private var phase = Phase.head
    /// Head bytes already scanned for line ends (relative to the first unconsumed byte).
    private var scanned = 0
    private var lineStart = 0
    /// Offset just past the request line's CRLF, or -1 while it is incomplete.
    private var requestLineEnd = -1
    private var fieldLines = 0
    private var emptyLines = 0
    private var bodyRemaining = 0
    private var chunkDecoder = ChunkedBodyDecoder()
    private(set) var head: ParsedRequestHead?
    private(set) var body: [UInt8] = []

    init(limits: HTTPParserLimits) { self.limits = limits }

    /// True once any byte of the current request has been seen (for 408-versus-silent-close).
    var hasPartialRequest: Bool { phase != .head || scanned > 0 || emptyLines > 0 }
    /// True while the header section is still incomplete.
    var isReadingHead: Bool { phase == .head }

    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Step {
        switch phase {
        case .head:
            return parseHead(buffer)
        case .contentBody:
            let n = min(bodyRemaining, buffer.count)
            if n > 0 {
                body.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<n]))
                bodyRemaining -= n
            }
            if bodyRemaining == 0 {
                phase = .complete
                return .messageComplete(consumed: n)
            }
            return .needMore(consumed: n)
        case .chunkedBody:
            let (consumed, result) = chunkDecoder.decode(buffer, from: 0, into: &body, limits: limits)
            switch result {
            case .needMore: return .needMore(consumed: consumed)
            case .done:
                phase = .complete
                return .messageComplete(consumed: consumed)
            case .failure(let e): return .failure(e)
            }
        case .complete:
            return .messageComplete(consumed: 0)
        }
    }

    /// Hands over the complete request and resets the parser for the next one.
    mutating func takeRequest() -> (head: ParsedRequestHead, body: [UInt8])? {
        guard phase == .complete, let h = head else { return nil }
        let b = body
        reset()
        return (h, b)
    }

    mutating func reset() {
        phase = .head
        scanned = 0
        lineStart = 0
        requestLineEnd = -1
        fieldLines = 0
        emptyLines = 0
        bodyRemaining = 0
        chunkDecoder = ChunkedBodyDecoder()
        head = nil
        body = []
    }

    // MARK: - Head

    private mutating func parseHead(_ buffer: UnsafeBufferPointer<UInt8>) -> Step {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .needMore(consumed: 0) }
        var skipped = 0
        if scanned == 0 {
            // Empty lines before a request line are skipped (RFC 9112 section 2.2), a few at most.
            let count = buffer.count
            while skipped < count && (base[skipped] == HTTPByteClass.cr || base[skipped] == HTTPByteClass.lf) {
                if base[skipped] == HTTPByteClass.lf { return .failure(.bareLineFeed) }
                if skipped + 1 >= count { return .needMore(consumed: skipped) }
                guard base[skipped + 1] == HTTPByteClass.lf else { return .failure(.bareCarriageReturn) }
                emptyLines += 1
                if emptyLines > Self.maxLeadingEmptyLines { return .failure(.tooManyEmptyLines) }
                skipped += 2
            }
            if skipped == count { return .needMore(consumed: skipped) }
        }
        switch scanHead(UnsafeBufferPointer(rebasing: buffer[skipped...])) {
        case .needMore(let c): return .needMore(consumed: c + skipped)
        case .headComplete(let c): return .headComplete(consumed: c + skipped)
        case .messageComplete(let c): return .messageComplete(consumed: c + skipped)
        case .failure(let e): return .failure(e)
        }
    }

    /// Scans for line ends from where the last call stopped; `buffer` starts at the request line.
    private mutating func scanHead(_ buffer: UnsafeBufferPointer<UInt8>) -> Step {
        guard let base = buffer.baseAddress else { return .needMore(consumed: 0) }
        let count = buffer.count
        var i = scanned
        while i < count {
            guard let lf = HTTPByteClass.indexOfLineFeed(base, from: i, end: count) else {
                i = count
                break
            }
            if lf == lineStart || base[lf - 1] != HTTPByteClass.cr { return .failure(.bareLineFeed) }
            let contentLength = lf - 1 - lineStart
            if requestLineEnd < 0 {
                if contentLength > limits.maxRequestLineBytes { return .failure(.requestLineTooLong) }
                if contentLength == 0 { return .failure(.badRequestLine) }
                requestLineEnd = lf + 1
            } else {
                if lf + 1 - requestLineEnd > limits.maxHeaderBytes { return .failure(.headersTooLarge) }
                if contentLength == 0 {
                    let headEnd = lf + 1
                    switch Self.parseHeadSection(UnsafeBufferPointer(start: base, count: headEnd),
                                                 requestLineEnd: requestLineEnd, fieldCount: fieldLines, limits: limits) {
                    case .success(let h):
                        return startBody(h, consumed: headEnd)
                    case .failure(let e):
                        return .failure(e)
                    }
                }
                fieldLines += 1
                if fieldLines > limits.maxHeaderCount { return .failure(.tooManyHeaders) }
            }
            lineStart = lf + 1
            i = lf + 1
        }
        scanned = i
        if requestLineEnd < 0 {
            // Allow one byte for the CR that precedes the missing LF.
            if count - lineStart > limits.maxRequestLineBytes + 1 { return .failure(.requestLineTooLong) }
        } else if count - requestLineEnd > limits.maxHeaderBytes {
            return .failure(.headersTooLarge)
        }
        return .needMore(consumed: 0)
    }

    private mutating func startBody(_ h: ParsedRequestHead, consumed: Int) -> Step {
        head = h
        scanned = 0
        lineStart = 0
        requestLineEnd = -1
        if h.isChunked {
            phase = .chunkedBody
            return .headComplete(consumed: consumed)
        }
        if let n = h.contentLength, n > 0 {
            phase = .contentBody
            bodyRemaining = n
            // Grow with the bytes that really arrive: a bare large Content-Length must not reserve memory.
            body.reserveCapacity(min(n, 64 << 10))
            return .headComplete(consumed: consumed)
        }
        phase = .complete
        return .messageComplete(consumed: consumed)
    }

    /// Validates a complete head (request line, field lines, final CRLF) whose lines are already
    /// known to end in CRLF, and builds the strings the handler sees.
    static func parseHeadSection(_ buf: UnsafeBufferPointer<UInt8>, requestLineEnd: Int, fieldCount: Int,
                                 limits: HTTPParserLimits) -> Result<ParsedRequestHead, HTTPParseError> {
        guard let base = buf.baseAddress else { return .failure(.badRequestLine) }
        // Request line: method SP request-target SP HTTP-version
        let lineEnd = requestLineEnd - 2
        var p = 0
        while p < lineEnd && HTTPByteClass.isToken(base[p]) { p += 1 }
        if p == lineEnd || base[p] != HTTPByteClass.sp { return .failure(p == 0 || p == lineEnd ? .badRequestLine : .badMethod) }
        if p == 0 { return .failure(.badMethod) }
        let methodEnd = p
        p += 1
        let targetStart = p
        var queryMark = -1
        while p < lineEnd && HTTPByteClass.isTargetByte(base[p]) {
            if base[p] == UInt8(ascii: "?") && queryMark < 0 { queryMark = p }
            p += 1
        }
        if p == targetStart { return .failure(.badRequestLine) }
        if p == lineEnd || base[p] != HTTPByteClass.sp { return .failure(p == lineEnd ? .badRequestLine : .badTarget) }
        let targetEnd = p
        p += 1
        let isHTTP11: Bool
        switch parseVersion(UnsafeBufferPointer(rebasing: buf[p..<lineEnd])) {
        case .success(let v): isHTTP11 = v
        case .failure(let e): return .failure(e)
        }

        var headers: [HTTPHeaders.Field] = []
        headers.reserveCapacity(fieldCount)
        var contentLength: Int?
        var contentLengthInvalid = false
        var isChunked = false
        var sawTransferEncoding = false
        var connectionClose = false
        var connectionKeepAlive = false
        var expectsContinue = false
        var hostCount = 0

        var ls = requestLineEnd
        while true {
            guard let lf = HTTPByteClass.indexOfLineFeed(base, from: ls, end: buf.count) else {
                return .failure(.badRequestLine)  // unreachable: the scanner found the final CRLF
            }
            let le = lf - 1
            if le == ls { break }
            if HTTPByteClass.isOWS(base[ls]) { return .failure(.obsFold) }
            var q = ls
            while q < le && HTTPByteClass.isToken(base[q]) { q += 1 }
            if q == le { return .failure(.badHeaderName) }
            if base[q] != HTTPByteClass.colon {
                return .failure(HTTPByteClass.isOWS(base[q]) ? .spaceBeforeColon : .badHeaderName)
            }
            if q == ls { return .failure(.badHeaderName) }
            let nameStart = ls
            let nameEnd = q
            q += 1
            while q < le && HTTPByteClass.isOWS(base[q]) { q += 1 }
            var ve = le
            while ve > q && HTTPByteClass.isOWS(base[ve - 1]) { ve -= 1 }
            var k = q
            while k < ve {
                if !HTTPByteClass.isFieldValueByte(base[k]) { return .failure(.badHeaderValue) }
                k += 1
            }
            let name = UnsafeRawBufferPointer(start: base + nameStart, count: nameEnd - nameStart)
            let value = UnsafeRawBufferPointer(start: base + q, count: ve - q)
            switch name.count {
            case 4 where HTTPByteClass.equalsLowercase(name, "host"):
                hostCount += 1
                if hostCount > 1 { return .failure(.duplicateHost) }
            case 6 where HTTPByteClass.equalsLowercase(name, "expect"):
                if HTTPByteClass.equalsLowercase(value, "100-continue") {
                    expectsContinue = true
                } else {
                    return .failure(.unsupportedExpectation)
                }
            case 10 where HTTPByteClass.equalsLowercase(name, "connection"):
                scanConnectionTokens(value, close: &connectionClose, keepAlive: &connectionKeepAlive)
            case 14 where HTTPByteClass.equalsLowercase(name, "content-length"):
                if contentLength != nil || contentLengthInvalid { return .failure(.duplicateContentLength) }
                if let n = parseContentLength(value) { contentLength = n } else { contentLengthInvalid = true }
            case 17 where HTTPByteClass.equalsLowercase(name, "transfer-encoding"):
                if sawTransferEncoding { return .failure(.unsupportedTransferEncoding) }
                sawTransferEncoding = true
                guard HTTPByteClass.equalsLowercase(value, "chunked") else { return .failure(.unsupportedTransferEncoding) }
                isChunked = true
            default:
                break
            }
            headers.append((name: makeString(base + nameStart, nameEnd - nameStart), value: makeString(base + q, ve - q)))
            ls = lf + 1
        }

        if sawTransferEncoding {
            if !isHTTP11 { return .failure(.transferEncodingInHTTP10) }
            if contentLength != nil || contentLengthInvalid { return .failure(.contentLengthWithTransferEncoding) }
        }
        if contentLengthInvalid { return .failure(.badContentLength) }
        if let n = contentLength, n > limits.maxBodyBytes { return .failure(.bodyTooLarge) }

        let target = makeString(base + targetStart, targetEnd - targetStart)
        let path: String
        let query: String
        if queryMark < 0 {
            path = target
            query = ""
        } else {
            path = makeString(base + targetStart, queryMark - targetStart)
            query = makeString(base + queryMark + 1, targetEnd - queryMark - 1)
        }
        let method = makeMethod(base, methodEnd)
        let keepAlive = isHTTP11 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        return .success(ParsedRequestHead(
            method: method, target: target, path: path, query: query, isHTTP11: isHTTP11, headers: headers,
            contentLength: isChunked ? nil : contentLength, isChunked: isChunked, keepAlive: keepAlive,
            expectsContinue: expectsContinue && isHTTP11, isHEAD: method == "HEAD"))
    }

    /// "HTTP/1.1" → true, "HTTP/1.0" → false; HTTP/1.x (x > 1) counts as 1.1; other digits → 505.
    static func parseVersion(_ v: UnsafeBufferPointer<UInt8>) -> Result<Bool, HTTPParseError> {
        guard v.count == 8, v[0] == UInt8(ascii: "H"), v[1] == UInt8(ascii: "T"), v[2] == UInt8(ascii: "T"),
              v[3] == UInt8(ascii: "P"), v[4] == UInt8(ascii: "/"), v[6] == UInt8(ascii: "."),
              (48...57).contains(v[5]), (48...57).contains(v[7]) else { return .failure(.badVersion) }
        guard v[5] == UInt8(ascii: "1") else { return .failure(.unsupportedVersion) }
        return .success(v[7] != UInt8(ascii: "0"))
    }

    /// 1*DIGIT; values past 18 digits saturate (they are over any limit anyway).
    static func parseContentLength(_ v: UnsafeRawBufferPointer) -> Int? {
        guard !v.isEmpty else { return nil }
        var n = 0
        for b in v {
            guard b >= 48 && b <= 57 else { return nil }
            if n < 100_000_000_000_000_000 { n = n * 10 + Int(b - 48) }
        }
        return n
    }

    /// Connection = #connection-option; only "close" and "keep-alive" matter here.
    static func scanConnectionTokens(_ v: UnsafeRawBufferPointer, close: inout Bool, keepAlive: inout Bool) {
        var i = 0
        let n = v.count
        while i < n {
            while i < n && (HTTPByteClass.isOWS(v[i]) || v[i] == UInt8(ascii: ",")) { i += 1 }
            let s = i
            while i < n && v[i] != UInt8(ascii: ",") { i += 1 }
            var e = i
            while e > s && HTTPByteClass.isOWS(v[e - 1]) { e -= 1 }
            let token = UnsafeRawBufferPointer(rebasing: v[s..<e])
            if HTTPByteClass.equalsLowercase(token, "close") { close = true }
            else if HTTPByteClass.equalsLowercase(token, "keep-alive") { keepAlive = true }
        }
    }

    @inline(__always)
    static func makeString(_ p: UnsafePointer<UInt8>, _ count: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
    }

    /// The common methods come from literals (no decoding); others are decoded.
    static func makeMethod(_ p: UnsafePointer<UInt8>, _ count: Int) -> String {
        let m = UnsafeRawBufferPointer(start: p, count: count)
        switch count {
        case 3:
            if m.elementsEqual("GET".utf8) { return "GET" }
            if m.elementsEqual("PUT".utf8) { return "PUT" }
        case 4:
            if m.elementsEqual("POST".utf8) { return "POST" }
            if m.elementsEqual("HEAD".utf8) { return "HEAD" }
        case 5:
            if m.elementsEqual("PATCH".utf8) { return "PATCH" }
        case 6:
            if m.elementsEqual("DELETE".utf8) { return "DELETE" }
        case 7:
            if m.elementsEqual("OPTIONS".utf8) { return "OPTIONS" }
        default:
            break
        }
        return makeString(p, count)
    }
}
