import CLinux
import Glibc

/// Creates the non-blocking listening socket every event loop accepts from.
enum ListeningSocket {
    /// Binds and listens; returns the fd and the port actually bound (useful for port 0).
    static func open(host: String, port: Int, backlog: Int) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        guard let address = SocketAddress(host: host, port: port) else {
            if !(0...65535).contains(port) {
                throw HTTPServerError(.invalidConfiguration, "invalid port \(port): use 0-65535")
            }
            throw HTTPServerError(.invalidAddress, "invalid listen address \"\(host)\": use an IPv4 or IPv6 literal such as 127.0.0.1, 0.0.0.0, ::1 or ::")
        }
        let shown = address.description
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(address.family, type, 0)
        guard fd >= 0 else { throw failure("cannot create a socket for \(shown)", clinux_errno()) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if address.family == AF_INET6 {
            // "::" also accepts IPv4 (dual stack); a specific v6 address is unaffected.
            _ = clinux_set_v6only(fd, 0)
        }
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        if bound != 0 {
            let e = clinux_errno()
            Glibc.close(fd)
            switch e {
            case EADDRINUSE:
                throw HTTPServerError(.addressInUse, "address \(shown) is already in use", errno: e)
            case EACCES, EPERM:
                throw HTTPServerError(.permissionDenied, "cannot listen on \(shown): permission denied", errno: e)
            case EADDRNOTAVAIL:
                throw HTTPServerError(.addressNotAvailable, "cannot listen on \(shown): address not available on this host", errno: e)
            default:
                throw failure("cannot listen on \(shown)", e)
            }
        }
        if listen(fd, Int32(clamping: max(16, backlog))) != 0 {
            let e = clinux_errno()
            Glibc.close(fd)
            if e == EADDRINUSE { throw HTTPServerError(.addressInUse, "address \(shown) is already in use", errno: e) }
            throw failure("cannot listen on \(shown)", e)
        }
        var actual = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutableBytes(of: &actual) { raw in
            getsockname(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        let boundPort = named == 0 ? SocketAddress(storage: actual, length: length).port : port
        return (fd, boundPort)
    }

    static func failure(_ what: String, _ e: Int32) -> HTTPServerError {
        HTTPServerError(.system, "\(what): \(String(cString: strerror(e)))", errno: e)
    }
}
