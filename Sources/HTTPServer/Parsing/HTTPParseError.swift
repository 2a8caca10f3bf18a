/// Why a request was refused before reaching the handler. Every one closes the connection.
struct HTTPParseError: Error, Equatable, Sendable {
    let status: Int
    let detail: StaticString

    static func == (a: HTTPParseError, b: HTTPParseError) -> Bool {
        a.status == b.status && a.detail.description == b.detail.description
    }

    static let badRequestLine = HTTPParseError(status: 400, detail: "Malformed request line")
    static let badMethod = HTTPParseError(status: 400, detail: "Invalid method token")
    static let badTarget = HTTPParseError(status: 400, detail: "Invalid request target")
    static let badVersion = HTTPParseError(status: 400, detail: "Invalid HTTP version")
    static let unsupportedVersion = HTTPParseError(status: 505, detail: "HTTP version not supported")
    static let bareLineFeed = HTTPParseError(status: 400, detail: "Lines must end with CRLF")
    static let bareCarriageReturn = HTTPParseError(status: 400, detail: "Bare CR in request")
    static let tooManyEmptyLines = HTTPParseError(status: 400, detail: "Too many empty lines before the request line")
    static let obsFold = HTTPParseError(status: 400, detail: "Obsolete line folding is not allowed")
    static let spaceBeforeColon = HTTPParseError(status: 400, detail: "Whitespace between header name and colon")
    static let badHeaderName = HTTPParseError(status: 400, detail: "Invalid header field name")
    static let badHeaderValue = HTTPParseError(status: 400, detail: "Invalid character in header field value")
    static let contentLengthWithTransferEncoding = HTTPParseError(status: 400, detail: "Both Content-Length and Transfer-Encoding present")
    static let unsupportedTransferEncoding = HTTPParseError(status: 400, detail: "Transfer-Encoding other than chunked")
    static let transferEncodingInHTTP10 = HTTPParseError(status: 400, detail: "Transfer-Encoding in an HTTP/1.0 request")
    static let badContentLength = HTTPParseError(status: 400, detail: "Invalid Content-Length")
    static let duplicateContentLength = HTTPParseError(status: 400, detail: "Duplicate Content-Length")
    static let duplicateHost = HTTPParseError(status: 400, detail: "Duplicate Host header")
    static let badChunk = HTTPParseError(status: 400, detail: "Malformed chunked body")
    static let unsupportedExpectation = HTTPParseError(status: 417, detail: "Unsupported Expect value")
    static let bodyTooLarge = HTTPParseError(status: 413, detail: "Request body too large")
    static let requestLineTooLong = HTTPParseError(status: 414, detail: "Request line too long")
    static let headersTooLarge = HTTPParseError(status: 431, detail: "Request header section too large")
    static let tooManyHeaders = HTTPParseError(status: 431, detail: "Too many header fields")
    static let trailersTooLarge = HTTPParseError(status: 431, detail: "Chunked trailer section too large")
    static let timeout = HTTPParseError(status: 408, detail: "Request timed out")
}
