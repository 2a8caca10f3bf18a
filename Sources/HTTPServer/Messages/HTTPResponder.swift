/// Sends the response to one request. Call `respond` exactly once, from any thread; the server
/// hands the response back to the connection's event loop. (Implemented by the server module.)
public struct HTTPResponder: Sendable {
    let send: @Sendable (HTTPResponse) -> Void

    public init(_ send: @escaping @Sendable (HTTPResponse) -> Void) { self.send = send }

    public func respond(_ response: HTTPResponse) { send(response) }
}
