@testable import AdminPages
import Synchronization
import XCTest

final class ThrottleTests: XCTestCase {
    func testFiveFailuresPerAddressThen429WithRetryAfter() {
        let h = AdminHarness()
        let b = h.browser()
        for _ in 0..<5 { XCTAssertEqual(b.signIn("wrong password!").status, 200) }
        let blocked = b.signIn(AdminHarness.password)
        XCTAssertEqual(blocked.status, 429, "even the right password waits")
        let retry = Int(blocked.header("Retry-After") ?? "")
        XCTAssertNotNil(retry)
        XCTAssertTrue((1...900).contains(retry ?? 0))
        XCTAssertTrue(blocked.body.contains("Too many failed attempts"))

        // Another address is not affected.
        XCTAssertEqual(h.browser(remote: "198.51.100.7:4000").signIn(AdminHarness.password).status, 303)

        // After the window, the first address can sign in again.
        h.clock.advance(seconds: 15 * 60)
        XCTAssertEqual(b.signIn(AdminHarness.password).status, 303)
    }

    func testGlobalCapAcrossAddresses() {
        let settings = AdminLoginThrottleSettings(maxFailuresPerAddress: 5, maxFailuresGlobal: 8)
        let h = AdminHarness(throttle: settings)
        for n in 0..<8 { XCTAssertEqual(h.browser(remote: "10.0.0.\(n):1").signIn("wrong password!").status, 200) }
        let r = h.browser(remote: "10.0.1.1:1").signIn(AdminHarness.password)
        XCTAssertEqual(r.status, 429)
        XCTAssertNotNil(r.header("Retry-After"))
        h.clock.advance(seconds: 3600)
        XCTAssertEqual(h.browser(remote: "10.0.1.1:1").signIn(AdminHarness.password).status, 303)
    }

    func testForwardedForIsTheKeyOnlyBehindATrustedProxy() {
        let h = AdminHarness(trustProxy: true)
        for n in 0..<5 {
            let b = h.browser(remote: "127.0.0.1:\(1000 + n)")
            b.extraHeaders = [("X-Forwarded-For", "203.0.113.50")]
            XCTAssertEqual(b.signIn("wrong password!").status, 200)
        }
        let same = h.browser(remote: "127.0.0.1:2000")
        same.extraHeaders = [("X-Forwarded-For", "198.51.100.1, 203.0.113.50")]   // spoofed left part is ignored
        XCTAssertEqual(same.signIn(AdminHarness.password).status, 429)
        let other = h.browser(remote: "127.0.0.1:2001")
        other.extraHeaders = [("X-Forwarded-For", "203.0.113.51")]
        XCTAssertEqual(other.signIn(AdminHarness.password).status, 303)
    }

    func testSuccessClearsTheAddressesFailures() {
        let h = AdminHarness()
        let b = h.browser()
        for _ in 0..<4 { b.signIn("wrong password!") }
        XCTAssertEqual(b.signIn(AdminHarness.password).status, 303)
        let c = h.browser()
        for _ in 0..<4 { XCTAssertEqual(c.signIn("wrong password!").status, 200) }
        XCTAssertEqual(c.signIn(AdminHarness.password).status, 303)
    }

    func testAttemptsInFlightCountAgainstTheLimit() {
        let t = LoginThrottle(settings: AdminLoginThrottleSettings(maxFailuresPerAddress: 2))
        XCTAssertNoThrow(try t.begin(address: "a", now: 0).get())
        XCTAssertNoThrow(try t.begin(address: "a", now: 0).get())
        XCTAssertThrowsError(try t.begin(address: "a", now: 0).get())
        t.end(address: "a", succeeded: false, now: 1)
        t.cancel(address: "a")
        XCTAssertNoThrow(try t.begin(address: "a", now: 2).get())
    }

    func testAtMostTwoVerificationsRunAtOnce() {
        let pending = Mutex<[@Sendable () -> Void]>([])
        let gate = VerificationGate(maxConcurrent: 2, maxQueued: 1) { job in pending.withLock { $0.append(job) } }
        let ran = Atomic<Int>(0)
        XCTAssertTrue(gate.submit { ran.add(1, ordering: .relaxed) })
        XCTAssertTrue(gate.submit { ran.add(1, ordering: .relaxed) })
        XCTAssertTrue(gate.submit { ran.add(1, ordering: .relaxed) })
        XCTAssertFalse(gate.submit { ran.add(1, ordering: .relaxed) }, "queue full: refused")
        XCTAssertEqual(gate.load.running, 2)
        XCTAssertEqual(gate.load.queued, 1)
        XCTAssertEqual(pending.withLock { $0.count }, 2, "only two handed to the executor")
        // Finish one: the queued job starts.
        let first = pending.withLock { $0.removeFirst() }
        first()
        XCTAssertEqual(pending.withLock { $0.count }, 2)
        XCTAssertEqual(gate.load.running, 2)
        XCTAssertEqual(gate.load.queued, 0)
        while let job = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { job() }
        XCTAssertEqual(gate.load.running, 0)
        XCTAssertEqual(ran.load(ordering: .relaxed), 3)
    }

    func testBusyVerifierAnswers503WithoutCountingAFailure() {
        let pending = Mutex<[@Sendable () -> Void]>([])
        let settings = AdminLoginThrottleSettings(maxConcurrentVerifications: 1, maxQueuedVerifications: 0)
        let h = AdminHarness(throttle: settings, executor: { job in pending.withLock { $0.append(job) } })
        // First login occupies the only slot (its job is parked, so no reply yet: send it raw).
        let first = h.browser()
        first.get("/login")
        let csrf = first.lastCSRF!
        h.app.handle(HTTPRequestFactory.post("/login", body: "password=x&csrf=\(csrf)", cookie: first.cookie!), responder: .init { _ in })
        let second = h.browser(remote: "192.0.2.99:1")
        let r = second.signIn(AdminHarness.password)
        XCTAssertEqual(r.status, 503)
        XCTAssertNotNil(r.header("Retry-After"))
        while let job = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { job() }
    }
}

import HTTPServer

enum HTTPRequestFactory {
    static func post(_ path: String, body: String, cookie: String) -> HTTPRequest {
        HTTPRequest(method: "POST", target: path,
                    headers: HTTPHeaders([("Host", "admin.test"), ("Cookie", "scimd_session=\(cookie)"), ("Sec-Fetch-Site", "same-origin")]),
                    body: Array(body.utf8), remoteAddress: "192.0.2.10:1")
    }
}
