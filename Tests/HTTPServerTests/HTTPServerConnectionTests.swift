import Dispatch
import HTTPServer
import XCTest

final class HTTPServerConnectionTests: XCTestCase {
    /// At the cap, a new client is admitted by closing the connection idle the longest.
    func testConnectionCapReclaimsLongestIdle() throws {
        let ts = try TestServer { $0.maxConnections = 8 }
        defer { ts.stop() }
        var idle: [HTTPTestConnection] = []
        for i in 0..<8 {
            let c = try ts.connect()
            XCTAssertEqual(try c.send(path: "/echo?\(i)").status, 200)  // now an idle keep-alive connection
            idle.append(c)
        }
        XCTAssertEqual(ts.server.openConnections, 8)
        let newcomer = try ts.connect()
        XCTAssertEqual(try newcomer.send(path: "/hello").bodyText, "hello world")
        XCTAssertTrue(idle[0].waitForClose(timeout: 10), "the oldest idle connection was not closed")
        XCTAssertTrue(TestServer.eventually { ts.server.metrics.reclaimedConnections == 1 })
        // The others are still usable.
        for c in idle[1...] { XCTAssertEqual(try c.send(path: "/hello").status, 200) }
        XCTAssertTrue(TestServer.eventually { ts.server.openConnections == 8 })
    }

    /// Connections whose headers are incomplete are reclaimable too (slowloris).
    func testConnectionCapReclaimsSlowHeaderClients() throws {
        let ts = try TestServer { $0.maxConnections = 4 }
        defer { ts.stop() }
        var slow: [HTTPTestConnection] = []
        for _ in 0..<4 {
            let c = try ts.connect()
            try c.sendRaw("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ")
            slow.append(c)
        }
        XCTAssertTrue(TestServer.eventually { ts.server.metrics.acceptedConnections == 4 })
        var kept: [HTTPTestConnection] = []
        for _ in 0..<3 {
            let c = try ts.connect()  // stays open (keep-alive), so each one needs a reclaim
            XCTAssertEqual(try c.send(path: "/hello").status, 200)
            kept.append(c)
        }
        XCTAssertTrue(TestServer.eventually { ts.server.metrics.reclaimedConnections == 3 })
        for i in 0..<3 { XCTAssertTrue(slow[i].waitForClose(timeout: 10), "slow client \(i) not reclaimed") }
        // The slow client that is left still completes its request.
        try slow[3].sendRaw("x\r\n\r\n")
        XCTAssertEqual(try slow[3].readResponse().status, 200)
    }

    /// At the cap with nothing idle (all requests in flight), the new connection is closed at once.
    func testConnectionCapRejectsWhenNothingIsIdle() throws {
        let ts = try TestServer { $0.maxConnections = 2 }
        defer { ts.stop() }
        var busy: [(HTTPTestConnection, ParkingLot.Parked)] = []
        for _ in 0..<2 {
            let c = try ts.connect()
            try c.writeRequest(path: "/park")
            busy.append((c, try XCTUnwrap(ts.lot.next())))
        }
        let rejected = try ts.connect()
        XCTAssertEqual(rejected.readUntilClose(timeout: 10), [])
        // The loop counts the rejection around the close; wait for it rather than race it.
        XCTAssertTrue(TestServer.eventually { ts.server.metrics.rejectedConnections == 1 })
        for (c, p) in busy {
            p.responder.respond(HTTPResponse(status: 200, body: Array("done".utf8)))
            XCTAssertEqual(try c.readResponse().bodyText, "done")
        }
    }

    func testHeaderTimeoutClosesSlowClient() throws {
        let ts = try TestServer { $0.headerTimeout = 0.3 }
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("GET /hello HTTP/1.1\r\nHost: a\r\n")
        let rest = c.readUntilClose(timeout: 10)
        XCTAssertNotNil(rest, "slow client not closed")
        XCTAssertTrue(String(decoding: rest ?? [], as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        // A connection that never sends anything is closed silently by the same deadline.
        let silent = try ts.connect()
        XCTAssertEqual(silent.readUntilClose(timeout: 10), [])
        XCTAssertGreaterThanOrEqual(ts.server.metrics.timedOutConnections, 2)
        XCTAssertEqual(try ts.client.send(path: "/hello").status, 200)
    }

    func testRequestTimeoutCoversTheBody() throws {
        let ts = try TestServer { $0.requestTimeout = 0.3 }
        defer { ts.stop() }
        let c = try ts.connect()
        try c.sendRaw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 408)
        XCTAssertTrue(r.closesConnection)
        XCTAssertTrue(c.waitForClose(timeout: 10))
    }

    func testIdleTimeoutClosesKeepAlive() throws {
        let ts = try TestServer { $0.idleTimeout = 0.3 }
        defer { ts.stop() }
        let c = try ts.connect()
        XCTAssertEqual(try c.send(path: "/hello").status, 200)
        XCTAssertEqual(c.readUntilClose(timeout: 10), [])
    }

    func testWriteTimeoutClosesSlowReader() throws {
        let ts = try TestServer { $0.writeTimeout = 0.3 }
        defer { ts.stop() }
        let c = try ts.connect()
        try c.writeRequest(path: "/big?\(64 << 20)")  // never read: the socket buffers fill up
        XCTAssertTrue(TestServer.eventually { ts.server.metrics.timedOutConnections == 1 })
        XCTAssertTrue(TestServer.eventually { ts.server.openConnections == 0 })
    }

    func testGracefulShutdownFinishesInFlightRequest() throws {
        let ts = try TestServer()
        let busy = try ts.connect()
        try busy.writeRequest(path: "/park")
        let parked = try XCTUnwrap(ts.lot.next())
        let idle = try ts.connect()
        XCTAssertEqual(try idle.send(path: "/hello").status, 200)

        ts.server.shutdown(gracePeriod: 30)
        XCTAssertEqual(idle.readUntilClose(timeout: 10), [], "idle keep-alive connection closes at once")
        XCTAssertTrue(TestServer.eventually { (try? HTTPTestConnection(port: ts.port, timeout: 1)) == nil }, "still accepting")
        XCTAssertFalse(ts.waitStopped(timeout: 0.2), "stopped before the in-flight request finished")

        parked.responder.respond(HTTPResponse(status: 201, body: Array("finished".utf8)))
        let r = try busy.readResponse()
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.bodyText, "finished")
        XCTAssertTrue(r.closesConnection)
        XCTAssertTrue(busy.waitForClose(timeout: 10))
        XCTAssertTrue(ts.waitStopped(timeout: 10))
        XCTAssertEqual(ts.server.openConnections, 0)
    }

    func testShutdownGracePeriodExpires() throws {
        let ts = try TestServer()
        let busy = try ts.connect()
        try busy.writeRequest(path: "/park")
        let parked = try XCTUnwrap(ts.lot.next())
        ts.server.shutdown(gracePeriod: 0.3)
        XCTAssertTrue(busy.waitForClose(timeout: 10))
        XCTAssertTrue(ts.waitStopped(timeout: 10))
        parked.responder.respond(HTTPResponse(status: 200))  // after the stop: dropped
        ts.server.shutdown()  // again: harmless
        ts.server.waitUntilStopped()
    }

    func testStartErrors() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let second = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: ts.port), handler: EchoHandler(lot: ParkingLot()))
        let inUse = try XCTUnwrap(startError(second))
        XCTAssertEqual(inUse.kind, .addressInUse)
        XCTAssertEqual(inUse.description, "address 127.0.0.1:\(ts.port) is already in use")
        second.waitUntilStopped()  // never started: returns at once

        let bad = HTTPServer(configuration: HTTPServerConfiguration(host: "example.com", port: 0), handler: EchoHandler(lot: ParkingLot()))
        XCTAssertEqual(startError(bad)?.kind, .invalidAddress)
        let badPort = HTTPServer(configuration: HTTPServerConfiguration(port: 70000), handler: EchoHandler(lot: ParkingLot()))
        XCTAssertEqual(startError(badPort)?.kind, .invalidConfiguration)
        let notHere = HTTPServer(configuration: HTTPServerConfiguration(host: "203.0.113.7", port: 0), handler: EchoHandler(lot: ParkingLot()))
        XCTAssertEqual(startError(notHere)?.kind, .addressNotAvailable)

        XCTAssertEqual(startError(ts.server)?.kind, .alreadyStarted)
        if getuid() != 0 {
            let privileged = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 1), handler: EchoHandler(lot: ParkingLot()))
            let denied = startError(privileged)
            XCTAssertEqual(denied?.kind, .permissionDenied)
            XCTAssertEqual(denied?.description, "cannot listen on 127.0.0.1:1: permission denied")
        }
    }

    func testMetricsCount() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        XCTAssertNotEqual(ts.port, 0)
        for _ in 0..<3 { _ = try ts.client.send(path: "/hello") }
        let c = try ts.connect()
        try c.sendRaw("GET / HTTP/1.1\r\nHost : a\r\n\r\n")
        XCTAssertEqual(try c.readResponse().status, 400)
        c.close()  // ends the server's lingering close
        XCTAssertTrue(TestServer.eventually { ts.server.openConnections == 0 })
        let m = ts.server.metrics
        XCTAssertEqual(m.acceptedConnections, 4)
        XCTAssertEqual(m.requests, 3)
        XCTAssertEqual(m.framingErrors, 1)
    }
}
