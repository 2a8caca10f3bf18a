/// Settings for one `HTTPServer`. All durations are in seconds (`Double`); sizes are in bytes.
///
/// The defaults follow the project's reference limits (nginx/CIS-style slow-client deadlines,
/// 1 MiB bodies, 16 KiB / 100-field header sections, 8 KiB request lines).
public struct HTTPServerConfiguration: Sendable {
    /// Listen address: an IPv4 or IPv6 literal ("127.0.0.1", "0.0.0.0", "::1", "::", "[::1]"),
    /// or "localhost" (= 127.0.0.1). "::" accepts IPv4 too (dual stack).
    public var host: String
    /// TCP port; 0 picks an ephemeral port (read it back from `HTTPServer.boundPort`).
    public var port: Int
    /// Largest request body (after de-chunking); larger → 413, enforced while reading.
    public var maxBodyBytes: Int
    /// Largest header section: the field lines after the request line, including their CRLFs
    /// and the final empty line; larger → 431. Also bounds chunked trailers.
    public var maxHeaderBytes: Int
    /// Most header fields per request; more → 431.
    public var maxHeaderCount: Int
    /// Longest request line (without its CRLF); longer → 414.
    public var maxRequestLineBytes: Int
    /// From the first byte of a request (or the accept, for a connection's first request) until
    /// its header section is complete; then the connection is closed (with 408 if bytes arrived).
    public var headerTimeout: Double
    /// From the first byte of a request (or the accept) until its body is complete → 408 + close.
    public var requestTimeout: Double
    /// How long a keep-alive connection may wait for the first byte of its next request.
    public var idleTimeout: Double
    /// How long one response may take to be written completely (a slow reader) → close.
    public var writeTimeout: Double
    /// Open-connection cap over all event loops. At the cap, a new connection makes the server
    /// close the connection idle the longest (keep-alive, or headers still incomplete); if none is
    /// idle, the new connection is closed.
    public var maxConnections: Int
    /// Event-loop threads (each with its own epoll instance).
    public var eventLoopCount: Int
    /// listen(2) backlog (the kernel caps it at net.core.somaxconn).
    public var listenBacklog: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodyBytes: Int = 1 << 20,
        maxHeaderBytes: Int = 16 << 10,
        maxHeaderCount: Int = 100,
        maxRequestLineBytes: Int = 8 << 10,
        headerTimeout: Double = 10,
        requestTimeout: Double = 30,
        idleTimeout: Double = 60,
        writeTimeout: Double = 30,
        maxConnections: Int = 1024,
        eventLoopCount: Int = 2,
        listenBacklog: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxRequestLineBytes = maxRequestLineBytes
        self.headerTimeout = headerTimeout
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.maxConnections = maxConnections
        self.eventLoopCount = eventLoopCount
        self.listenBacklog = listenBacklog
    }
}
