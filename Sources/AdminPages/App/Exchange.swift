import HTTPServer

/// One request being answered: where to send the reply and how to decorate it.
struct Exchange: Sendable {
    let context: RequestContext
    let responder: HTTPResponder
    /// The clock at arrival, ms.
    let now: Int64
    let isHead: Bool

    /// Sends `reply` with the headers every admin response carries.
    func send(_ reply: PageReply) {
        var headers = reply.headers
        headers.set("Content-Security-Policy", ContentSecurityPolicy.header)
        headers.set("X-Content-Type-Options", "nosniff")
        headers.set("Referrer-Policy", "no-referrer")
        headers.set("Cache-Control", "no-store")
        headers.set("X-Frame-Options", "DENY")
        headers.set("Cross-Origin-Opener-Policy", "same-origin")
        headers.set("Cross-Origin-Resource-Policy", "same-origin")
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        if context.isHTTPS {
            headers.set("Strict-Transport-Security", "max-age=31536000")
        }
        var body: [UInt8] = []
        if let html = reply.html {
            headers.set("Content-Type", "text/html; charset=utf-8")
            body = Array(html.text.utf8)
        }
        if isHead { body = [] }
        responder.respond(HTTPResponse(status: reply.status, headers: headers, body: body))
    }
}
