/// What the server calls for every complete request. It runs on an event-loop thread, so it must not
/// block: work that waits (a log fsync) finishes later by calling the responder from any thread.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest, responder: HTTPResponder)
}
