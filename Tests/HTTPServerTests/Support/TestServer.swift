import Dispatch
import Glibc
import HTTPServer
import XCTest

/// A real server on 127.0.0.1, an ephemeral port, with the echo handler.
final class TestServer {
    let server: HTTPServer
    let lot = ParkingLot()

    init(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws {
        var c = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&c)
        server = HTTPServer(configuration: c, handler: EchoHandler(lot: lot))
        try server.start()
    }

    var port: Int { server.boundPort }
    var client: LoopbackHTTPClient { LoopbackHTTPClient(port: port, timeout: 10) }

    func connect() throws -> HTTPTestConnection { try HTTPTestConnection(port: port, timeout: 10) }

    /// Stops the server and fails the test if the loops do not exit within `timeout` seconds.
    func stop(grace: Double = 0, timeout: Double = 15, file: StaticString = #filePath, line: UInt = #line) {
        server.shutdown(gracePeriod: grace)
        XCTAssertTrue(waitStopped(timeout: timeout), "server did not stop", file: file, line: line)
    }

    func waitStopped(timeout: Double) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let s = server
        Thread_detach { s.waitUntilStopped(); done.signal() }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// Polls `condition` every millisecond for up to `timeout` seconds (for counters that change
    /// asynchronously; the bound is generous and only fails a broken server).
    static func eventually(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = DispatchTime.now() + timeout
        while DispatchTime.now() < deadline {
            if condition() { return true }
            usleep(1000)
        }
        return condition()
    }
}

/// Runs `body` on a new detached pthread (not the Dispatch pool, which blocking test clients
/// would starve).
func Thread_detach(_ body: @escaping @Sendable () -> Void) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { raw in
        Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
        return nil
    }, context)
    precondition(rc == 0, "pthread_create failed")
    pthread_detach(thread)
}
