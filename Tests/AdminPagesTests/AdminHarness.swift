import AdminPages
import Dispatch
import HTTPServer
import Synchronization
import XCTest

/// A clock the tests move by hand.
final class FakeClock: Sendable {
    private let ms = Atomic<Int64>(1_700_000_000_000)
    var now: Int64 { ms.load(ordering: .relaxed) }
    func advance(seconds: Int64) { ms.add(seconds * 1000, ordering: .relaxed) }
}

/// Collects audit events.
final class AuditSink: Sendable {
    let events = Mutex<[AdminAuditEvent]>([])
}

/// One captured response, with helpers to read it.
struct Reply {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    func header(_ name: String) -> String? { headers[name] }
    var location: String? { headers["Location"] }
    var setCookies: [String] { headers.values(for: "Set-Cookie") }

    /// The value the response sets for the session cookie, if it sets one.
    var sessionCookie: String? {
        for c in setCookies where c.hasPrefix("scimd_session=") {
            let v = c.dropFirst("scimd_session=".count).prefix { $0 != ";" }
            return String(v)
        }
        return nil
    }

    /// The first hidden CSRF token in the page.
    var csrf: String? { Reply.attribute(after: "name=\"csrf\" value=\"", in: body) }

    static func attribute(after marker: String, in text: String) -> String? {
        guard let r = text.range(of: marker) else { return nil }
        let rest = text[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The text of the `<textarea>` with `id` (entities decoded as a browser would for these values).
    func textAreaValue(id: String) -> String? {
        guard let r = body.range(of: "<textarea id=\"\(id)\""), let open = body[r.upperBound...].firstIndex(of: ">"),
              let close = body[open...].range(of: "</textarea>") else { return nil }
        return String(body[body.index(after: open)..<close.lowerBound])
    }

    /// The `value` of the input with `id`.
    func inputValue(id: String) -> String? {
        guard let r = body.range(of: "id=\"\(id)\"") else { return nil }
        return Reply.attribute(after: "value=\"", in: String(body[r.upperBound...]))
    }
}

/// AdminApp with a fake directory and clock, driven request by request.
final class AdminHarness {
    static let password = "correct horse battery staple"
    static let setupCode = "setup-7f3a-91bc-44d2"

    let clock = FakeClock()
    let directory: FakeDirectory
    let app: AdminApp
    let configuration: AdminConfiguration
    /// Every audit event, in order.
    let auditLog = AuditSink()
    var auditEvents: [AdminAuditEvent] { auditLog.events.withLock { $0 } }

    init(passwordSet: Bool = true, setupCode: String? = AdminHarness.setupCode, trustProxy: Bool = false,
         publicBaseURL: String? = nil, throttle: AdminLoginThrottleSettings = AdminLoginThrottleSettings(),
         executor: (@Sendable (@escaping @Sendable () -> Void) -> Void)? = nil) {
        let clock = self.clock
        let log = auditLog
        directory = FakeDirectory(now: { clock.now })
        if passwordSet { directory.setPassword(AdminHarness.password) }
        configuration = AdminConfiguration(publicBaseURL: publicBaseURL, trustProxy: trustProxy, setupCode: setupCode,
                                           clock: { clock.now }, loginThrottle: throttle, passwordIterations: 1000,
                                           backgroundExecutor: executor ?? AdminConfiguration.dispatchExecutor,
                                           audit: { event in log.events.withLock { $0.append(event) } })
        app = AdminApp(directory: directory, configuration: configuration)
    }

    /// Sends one request and waits for the response (which may come from another thread).
    @discardableResult
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "",
              remote: String = "192.0.2.10:51000", file: StaticString = #filePath, line: UInt = #line) -> Reply {
        let box = Mutex<HTTPResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        var h = HTTPHeaders([("Host", "admin.test")])
        for (n, v) in headers { h.set(n, v) }
        let request = HTTPRequest(method: method, target: target, headers: h, body: Array(body.utf8), remoteAddress: remote)
        app.handle(request, responder: HTTPResponder { response in
            box.withLock { $0 = response }
            done.signal()
        })
        if done.wait(timeout: .now() + 20) == .timedOut {
            XCTFail("no response to \(method) \(target)", file: file, line: line)
            return Reply(status: 0, headers: HTTPHeaders(), body: "")
        }
        let r = box.withLock { $0 }!
        return Reply(status: r.status, headers: r.headers, body: String(decoding: r.body, as: UTF8.self))
    }

    func browser(remote: String = "192.0.2.10:51000") -> Browser { Browser(harness: self, remote: remote) }

    /// A browser that is already signed in.
    func signedIn(file: StaticString = #filePath, line: UInt = #line) -> Browser {
        let b = browser()
        let r = b.signIn(AdminHarness.password)
        XCTAssertEqual(r.status, 303, "sign-in failed", file: file, line: line)
        return b
    }
}

/// A tiny browser: keeps the session cookie, sends our forms back with their CSRF token and the
/// headers Chromium sends for a same-origin form post (`Origin: null` because of our
/// `Referrer-Policy: no-referrer`, `Sec-Fetch-Site: same-origin`).
final class Browser {
    let harness: AdminHarness
    let remote: String
    var cookie: String?
    var lastCSRF: String?
    var extraHeaders: [(String, String)] = []

    init(harness: AdminHarness, remote: String) {
        self.harness = harness
        self.remote = remote
    }

    private func headers(_ more: [(String, String)]) -> [(String, String)] {
        var h = extraHeaders
        if let cookie { h.append(("Cookie", "scimd_session=\(cookie)")) }
        return h + more
    }

    private func absorb(_ r: Reply) -> Reply {
        if let c = r.sessionCookie { cookie = c.isEmpty ? nil : c }
        if let t = r.csrf { lastCSRF = t }
        return r
    }

    @discardableResult
    func get(_ target: String, headers more: [(String, String)] = []) -> Reply {
        absorb(harness.send("GET", target, headers: headers(more), remote: remote))
    }

    /// Posts `fields` (plus the CSRF token of the last page, unless `csrf` overrides it).
    @discardableResult
    func post(_ target: String, _ fields: [(String, String)] = [], csrf: String?? = .none,
              headers more: [(String, String)] = [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")]) -> Reply {
        var all = fields
        let token: String? = csrf ?? lastCSRF
        if let token { all.append(("csrf", token)) }
        let body = all.map { Browser.encode($0.0) + "=" + Browser.encode($0.1) }.joined(separator: "&")
        return absorb(harness.send("POST", target, headers: headers([("Content-Type", "application/x-www-form-urlencoded")] + more), body: body, remote: remote))
    }

    @discardableResult
    func signIn(_ password: String) -> Reply {
        get("/login")
        return post("/login", [("password", password)])
    }

    static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
