/// What other threads hand to an event loop through its mailbox.
enum LoopMessage: Sendable {
    /// A handler's response for the request `token` on connection `slot`.
    case response(slot: Int32, token: UInt64, HTTPResponse)
    /// Another loop admitted a connection at the cap: close this loop's longest-idle connection.
    case reclaimIdle
    /// Stop accepting; finish in-flight requests until `deadline` (monotonic ns), then close all.
    case shutdown(deadline: UInt64)
}
