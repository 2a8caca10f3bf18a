import Glibc
import HTTPServer
import SCIMCore
import Synchronization

/// One machine-readable JSON line per request on stdout. Query strings are reduced to their parameter
/// names (values can hold personal data), and no header is ever logged: not Authorization, not Cookie.
final class AccessLog: Sendable {
    private let lock = Mutex(())

    func write(request: HTTPRequest, status: Int, bytes: Int, seconds: Double, integration: String?) {
        var o = JSONObject()
        o["time"] = .string(SCIMDateTime.format(millisecondsSinceEpoch: Int64(clinuxWallMilliseconds())))
        o["remote"] = .string(request.remoteAddress)
        o["method"] = .string(String(request.method.prefix(16)))
        o["path"] = .string(String(request.path.prefix(512)))
        if !request.query.isEmpty {
            o["query"] = .array(QueryParameters(request.query).pairs.prefix(20).map { .string(String($0.name.prefix(64))) })
        }
        o["status"] = .int(status)
        o["duration_ms"] = .number(JSONNumber(Double(Int(seconds * 1_000_000)) / 1000))
        o["bytes"] = .int(bytes)
        if let integration { o["integration"] = .string(integration) }
        var line = JSONValue.object(o).serialized()
        line.append(0x0A)
        lock.withLock { _ in
            line.withUnsafeBufferPointer { p in
                var off = 0
                while off < p.count {
                    let n = Glibc.write(1, p.baseAddress! + off, p.count - off)
                    if n <= 0 { break }
                    off += n
                }
            }
        }
    }
}

import CLinux
func clinuxWallMilliseconds() -> Int64 { clinux_wall_ms() }
