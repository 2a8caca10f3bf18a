import HTTPServer

/// A response before the security headers are added.
struct PageReply: Sendable {
    var status: Int
    var html: HTML?
    var headers = HTTPHeaders()

    static func page(_ status: Int, _ html: HTML) -> PageReply { PageReply(status: status, html: html) }

    /// 303 See Other: after a POST the browser follows with a GET.
    static func redirect(_ location: String) -> PageReply {
        var r = PageReply(status: 303, html: nil)
        r.headers.set("Location", location)
        return r
    }

    func with(_ name: String, _ value: String) -> PageReply {
        var r = self
        r.headers.add(name, value)
        return r
    }
}
