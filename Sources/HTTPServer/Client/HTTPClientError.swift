/// Why a client request failed.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidAddress(String)
    case connectFailed(String)
    case timedOut
    /// The server closed (or reset) the connection before a complete response.
    case connectionClosed
    case malformedResponse(String)
    case io(String)

    public var description: String {
        switch self {
        case .invalidAddress(let a): return "invalid address \(a)"
        case .connectFailed(let why): return "cannot connect: \(why)"
        case .timedOut: return "timed out"
        case .connectionClosed: return "connection closed by the server"
        case .malformedResponse(let why): return "malformed response: \(why)"
        case .io(let why): return "I/O error: \(why)"
        }
    }
}
