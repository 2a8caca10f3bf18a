import CLinux
import Dispatch
import Glibc
import Synchronization

/// scimd's HTTP/1.1 server: `eventLoopCount` epoll threads sharing one non-blocking listening
/// socket. The handler runs on a loop thread and may answer later from any thread.
///
///     let server = HTTPServer(configuration: .init(port: 0), handler: MyHandler())
///     try server.start()              // bound and listening when this returns
///     print(server.boundPort)
///     ...
///     server.shutdown(gracePeriod: 10) // from any thread, e.g. a signal-handling thread
///     server.waitUntilStopped()
///
/// Behaviour worth knowing:
/// - Strict RFC 9112 framing; every refusal is a small SCIM error body with `Connection: close`,
///   then the connection closes (see `HTTPRequestParser` for the exact rules). HTTP/1.1 without
///   Host is tolerated; a duplicate Host is 400; an unknown `Expect` is 417.
/// - One request per connection is in flight; pipelined requests are answered in order.
/// - The server owns framing: it writes Content-Length, Date (cached per second) and Connection,
///   replacing any the handler set. A handler's `Connection: close` closes after the response.
///   204/304 get no body and no Content-Length; HEAD gets the headers only.
/// - Deadlines (header, whole request, keep-alive idle, write) are checked every 250 ms.
/// - At `maxConnections`, a new connection closes the least recently active reclaimable one on
///   any loop (waiting for a request, or headers incomplete); if none, the new one is closed.
///   Running out of descriptors (EMFILE) is handled the same way, never by spinning.
/// - After an error response the close "lingers" (our side shut, input discarded for up to 2 s)
///   so the client reads the response instead of a connection reset.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case running(LoopShared)
        case stopping
    }

    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let lifecycle = Mutex(Lifecycle.idle)
    private let counters = ServerCounters()
    private let port = Atomic<Int>(0)
    private let stopped = DispatchGroup()

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The port the listener is bound to (the ephemeral one for port 0); 0 before `start()`.
    public var boundPort: Int { port.load(ordering: .acquiring) }

    /// Connections open right now.
    public var openConnections: Int { counters.open.load(ordering: .relaxed) }

    /// A snapshot of all counters.
    public var metrics: HTTPServerMetrics { counters.snapshot() }

    /// Binds, listens and starts the event-loop threads; returns once the server accepts
    /// connections. Also raises the open-files soft limit to the hard limit and ignores SIGPIPE.
    public func start() throws(HTTPServerError) {
        try lifecycle.withLock { (state: inout Lifecycle) throws(HTTPServerError) -> Void in
            guard case .idle = state else {
                throw HTTPServerError(.alreadyStarted, "the HTTP server was already started")
            }
            let c = configuration
            guard (1...64).contains(c.eventLoopCount) else {
                throw HTTPServerError(.invalidConfiguration, "eventLoopCount must be 1-64, not \(c.eventLoopCount)")
            }
            guard c.maxBodyBytes >= 0, c.maxHeaderBytes > 0, c.maxHeaderCount > 0, c.maxRequestLineBytes > 0, c.maxConnections > 0 else {
                throw HTTPServerError(.invalidConfiguration, "HTTP limits must be positive")
            }
            _ = clinux_raise_nofile_limit()
            clinux_ignore_sigpipe()

            let listener = try ListeningSocket.open(host: c.host, port: c.port, backlog: c.listenBacklog)
            var loops: [EventLoop] = []
            let shared: LoopShared
            do throws(HTTPServerError) {
                var mailboxes: [LoopMailbox] = []
                for i in 0..<c.eventLoopCount { mailboxes.append(try LoopMailbox(index: i)) }
                shared = LoopShared(listenFD: listener.fd, handler: handler, counters: counters, configuration: c,
                                    mailboxes: mailboxes, stopped: stopped)
                for i in 0..<c.eventLoopCount { loops.append(try EventLoop(index: i, shared: shared)) }
            } catch {
                for loop in loops { loop.discard() }
                Glibc.close(listener.fd)
                throw error
            }
            for (i, loop) in loops.enumerated() {
                stopped.enter()
                let rc = LoopThread.start(name: "scimd-http-\(i)") { loop.run() }
                if rc != 0 {
                    stopped.leave()
                    // Loops already running stop the normal way; the others never ran.
                    for m in shared.mailboxes[..<i] { m.post(.shutdown(deadline: 0)) }
                    for unstarted in loops[i...] {
                        unstarted.discard()
                        if shared.listenerUsers.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                            Glibc.close(listener.fd)
                        }
                    }
                    if i > 0 { state = .stopping }
                    throw HTTPServerError(.system, "cannot start an HTTP event-loop thread: \(String(cString: strerror(rc)))", errno: rc)
                }
            }
            port.store(listener.port, ordering: .releasing)
            state = .running(shared)
        }
    }

    /// Stops accepting at once, lets requests already under way finish for up to `gracePeriod`
    /// seconds (their responses carry `Connection: close`), then closes every connection and ends
    /// the loop threads. Idle keep-alive connections close immediately. Returns without waiting
    /// (use `waitUntilStopped()`); calling it again, or before `start()`, does nothing.
    /// Safe from any thread, including a signal-handling thread (not from an async signal handler).
    public func shutdown(gracePeriod: Double = 10) {
        let shared: LoopShared? = lifecycle.withLock { state in
            guard case .running(let s) = state else { return nil }
            state = .stopping
            return s
        }
        guard let shared else { return }
        let grace = gracePeriod.isFinite && gracePeriod > 0 ? UInt64(min(gracePeriod, 86_400) * 1e9) : 0
        let deadline = clinux_monotonic_ns() + grace
        for m in shared.mailboxes { m.post(.shutdown(deadline: deadline)) }
    }

    /// Blocks until every loop thread has exited (immediately if the server never started).
    public func waitUntilStopped() {
        stopped.wait()
    }
}
