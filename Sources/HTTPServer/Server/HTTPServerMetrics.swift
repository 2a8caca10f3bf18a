/// A point-in-time copy of the server's counters (cheap to read; for `/metrics`).
public struct HTTPServerMetrics: Sendable, Equatable {
    /// Connections currently open.
    public var openConnections: Int
    /// Connections accepted since start.
    public var acceptedConnections: Int
    /// Requests handed to the handler since start.
    public var requests: Int
    /// Requests refused for bad framing or limits (400, 413, 414, 417, 431, 505).
    public var framingErrors: Int
    /// Idle connections closed to admit a new one at the connection cap (or when out of fds).
    public var reclaimedConnections: Int
    /// New connections closed at once because the cap was reached and nothing was idle.
    public var rejectedConnections: Int
    /// Connections closed by a header, request, idle, or write deadline.
    public var timedOutConnections: Int

    public init(openConnections: Int = 0, acceptedConnections: Int = 0, requests: Int = 0, framingErrors: Int = 0,
                reclaimedConnections: Int = 0, rejectedConnections: Int = 0, timedOutConnections: Int = 0) {
        self.openConnections = openConnections
        self.acceptedConnections = acceptedConnections
        self.requests = requests
        self.framingErrors = framingErrors
        self.reclaimedConnections = reclaimedConnections
        self.rejectedConnections = rejectedConnections
        self.timedOutConnections = timedOutConnections
    }
}
