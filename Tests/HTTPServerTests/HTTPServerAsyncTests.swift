import Dispatch
import Synchronization
import HTTPServer
import XCTest

final class HTTPServerAsyncTests: XCTestCase {
    func testResponderFromAnotherThread() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        for i in 0..<20 {
            let r = try c.send(path: "/async?\(i)")
            XCTAssertEqual(r.bodyText, "async \(i)")
        }
    }

    func testPipelinedRequestsAnsweredInOrder() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        var raw = ""
        for i in 0..<3 { raw += "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nr\(i)" }
        try c.sendRaw(raw)  // one write
        for i in 0..<3 { XCTAssertEqual(try c.readResponse().bodyText, "r\(i)") }
        // Mixed sync and async handlers, HEAD in the middle.
        try c.sendRaw("GET /async?a HTTP/1.1\r\nHost: a\r\n\r\nHEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /async?b HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try c.readResponse().bodyText, "async a")
        XCTAssertEqual(try c.readResponse(isHEAD: true).body, [])
        XCTAssertEqual(try c.readResponse().bodyText, "async b")
        XCTAssertEqual(try c.readResponse().bodyText, "hello world")
    }

    /// The handler parks each pipelined request; the test answers each from a different thread,
    /// the later ones first where possible. Responses still come back in request order.
    func testPipelinedParkedRequestsAnsweredFromOtherThreads() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let a = try ts.connect()
        let b = try ts.connect()
        try a.sendRaw((0..<3).map { "GET /park?a\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined())
        try b.sendRaw((0..<3).map { "GET /park?b\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined())
        // Only one request per connection is in flight: exactly a0 and b0 arrive first.
        var firsts: [String: ParkingLot.Parked] = [:]
        for _ in 0..<2 {
            let p = try XCTUnwrap(ts.lot.next())
            firsts[p.request.query] = p
        }
        XCTAssertEqual(Set(firsts.keys), ["a0", "b0"])
        // Answer b0 before a0, from two different threads, then keep going as requests arrive.
        let answered = DispatchGroup()
        for key in ["b0", "a0"] {
            let p = try XCTUnwrap(firsts[key])
            answered.enter()
            Thread_detach {
                p.responder.respond(HTTPResponse(status: 200, body: Array(p.request.query.utf8)))
                answered.leave()
            }
            answered.wait()
        }
        for _ in 0..<4 {
            let p = try XCTUnwrap(ts.lot.next())
            Thread_detach { p.responder.respond(HTTPResponse(status: 200, body: Array(p.request.query.utf8))) }
        }
        for i in 0..<3 {
            XCTAssertEqual(try a.readResponse().bodyText, "a\(i)")
            XCTAssertEqual(try b.readResponse().bodyText, "b\(i)")
        }
    }

    /// A request parked in the handler must not hold up another connection on any loop.
    func testSlowHandlerDoesNotBlockOthers() throws {
        let ts = try TestServer { $0.eventLoopCount = 1 }
        defer { ts.stop() }
        let slow = try ts.connect()
        try slow.writeRequest(path: "/park")
        let parked = try XCTUnwrap(ts.lot.next())
        for _ in 0..<10 { XCTAssertEqual(try ts.client.send(path: "/hello").status, 200) }
        parked.responder.respond(HTTPResponse(status: 202, body: Array("late".utf8)))
        let r = try slow.readResponse()
        XCTAssertEqual(r.status, 202)
        XCTAssertEqual(r.bodyText, "late")
    }

    func testRespondingTwiceIsHarmless() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        let r = try c.send(path: "/twice")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.bodyText, "first")
        XCTAssertEqual(try c.send(path: "/hello").bodyText, "hello world")
        // Twice from other threads, racing.
        try c.writeRequest(path: "/park")
        let p = try XCTUnwrap(ts.lot.next())
        let go = DispatchGroup()
        for i in 0..<4 {
            go.enter()
            Thread_detach {
                p.responder.respond(HTTPResponse(status: 200, body: Array("r\(i)".utf8)))
                go.leave()
            }
        }
        go.wait()
        XCTAssertTrue(try c.readResponse().bodyText.hasPrefix("r"))
        XCTAssertEqual(try c.send(path: "/hello").bodyText, "hello world")
    }

    func testResponseAfterClientLeftIsDropped() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let c = try ts.connect()
        try c.writeRequest(path: "/park")
        let p = try XCTUnwrap(ts.lot.next())
        c.close()
        // Until the response comes, the connection is not read; a full close shows up as a hang-up
        // or as a failed write. Either way the late response is dropped and nothing breaks.
        p.responder.respond(HTTPResponse(status: 200, body: Array("nobody".utf8)))
        XCTAssertTrue(TestServer.eventually { ts.server.openConnections == 0 })
        XCTAssertEqual(try ts.client.send(path: "/hello").status, 200)
    }

    func testManyConcurrentClients() throws {
        let ts = try TestServer()
        defer { ts.stop() }
        let port = ts.port
        let failures = DispatchGroup()
        let errors = ErrorBox()
        for t in 0..<8 {
            failures.enter()
            Thread_detach {
                defer { failures.leave() }
                do {
                    let c = try HTTPTestConnection(port: port)
                    for i in 0..<50 {
                        let body = "t\(t)-\(i)"
                        let path = i % 2 == 0 ? "/echo" : "/async?\(body)"
                        let r = try c.send(method: "POST", path: path, body: body)
                        let expected = i % 2 == 0 ? body : "async \(body)"
                        if r.bodyText != expected { errors.add("\(r.bodyText) != \(expected)") }
                    }
                } catch {
                    errors.add("\(error)")
                }
            }
        }
        failures.wait()
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(ts.server.metrics.requests, 400)
    }
}

final class ErrorBox: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ s: String) { items.withLock { $0.append(s) } }
    var all: [String] { items.withLock { $0 } }
}
