/// The size limits the request parser enforces while bytes arrive.
struct HTTPParserLimits: Sendable {
    var maxBodyBytes: Int
    var maxHeaderBytes: Int
    var maxHeaderCount: Int
    var maxRequestLineBytes: Int

    init(maxBodyBytes: Int = 1 << 20, maxHeaderBytes: Int = 16 << 10, maxHeaderCount: Int = 100, maxRequestLineBytes: Int = 8 << 10) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxRequestLineBytes = maxRequestLineBytes
    }

    init(_ configuration: HTTPServerConfiguration) {
        self.init(maxBodyBytes: configuration.maxBodyBytes, maxHeaderBytes: configuration.maxHeaderBytes,
                  maxHeaderCount: configuration.maxHeaderCount, maxRequestLineBytes: configuration.maxRequestLineBytes)
    }
}
