import Dispatch
import HTTPServer

/// The test handler: echoes requests and offers a few routes that exercise the server.
struct EchoHandler: HTTPHandler {
    let lot: ParkingLot

    func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        switch request.path {
        case "/hello":
            responder.respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array("hello world".utf8)))
        case "/nocontent":
            responder.respond(HTTPResponse(status: 204, body: Array("dropped".utf8)))
        case "/notmodified":
            responder.respond(HTTPResponse(status: 304, headers: ["ETag": "\"1\""]))
        case "/async":
            DispatchQueue.global().async {
                responder.respond(HTTPResponse(status: 200, body: Array("async \(request.query)".utf8)))
            }
        case "/park":
            lot.park(request, responder)
        case "/twice":
            responder.respond(HTTPResponse(status: 200, body: Array("first".utf8)))
            responder.respond(HTTPResponse(status: 500, body: Array("second".utf8)))
        case "/close":
            responder.respond(HTTPResponse(status: 200, headers: ["Connection": "close"], body: Array("bye".utf8)))
        case "/big":
            let n = Int(request.query) ?? 0
            responder.respond(HTTPResponse(status: 200, body: [UInt8](repeating: UInt8(ascii: "x"), count: n)))
        case "/inject":
            responder.respond(HTTPResponse(status: 200, headers: ["X-Bad": "a\r\nSet-Cookie: evil=1", "Content-Length": "999"], body: Array("ok".utf8)))
        default:
            var headers: HTTPHeaders = [
                "X-Method": request.method,
                "X-Target": request.target,
                "X-Path": request.path,
                "X-Query": request.query,
                "X-Body-Length": String(request.body.count),
                "X-Remote": request.remoteAddress,
                "X-Header-Count": String(request.headers.count),
            ]
            if let v = request.headers["x-in"] { headers.add("X-Echo", v) }
            responder.respond(HTTPResponse(status: 200, headers: headers, body: request.body))
        }
    }
}
