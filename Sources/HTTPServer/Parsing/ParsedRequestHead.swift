/// A validated request line and header section, with the framing decisions already made.
struct ParsedRequestHead: Sendable {
    var method: String
    var target: String
    var path: String
    var query: String
    var isHTTP11: Bool
    var headers: [HTTPHeaders.Field]
    /// The Content-Length value, or nil when absent (or when the body is chunked).
    var contentLength: Int?
    var isChunked: Bool
    /// Whether the connection may stay open after the response (version default + Connection tokens).
    var keepAlive: Bool
    var expectsContinue: Bool
    var isHEAD: Bool

    var hasBody: Bool { isChunked || (contentLength ?? 0) > 0 }
}
