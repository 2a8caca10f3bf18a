import CLinux
import Glibc

/// A connected TCP socket with deadline-based blocking reads and writes (non-blocking fd + poll),
/// and a read buffer for line/length-framed parsing.
final class ClientSocket {
    private(set) var fd: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 << 10)
    private var start = 0
    private(set) var sawEOF = false
    let localPort: Int

    init(host: String, port: Int, timeout: Double) throws(HTTPClientError) {
        guard let address = SocketAddress(host: host, port: port) else { throw .invalidAddress("\(host):\(port)") }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let s = socket(address.family, type, 0)
        guard s >= 0 else { throw .connectFailed(Self.errnoText()) }
        let deadline = Self.deadline(after: timeout)
        let rc = address.withSockaddr { connect(s, $0, $1) }
        if rc != 0 {
            let e = clinux_errno()
            guard e == EINPROGRESS || e == EINTR else {
                Glibc.close(s)
                throw .connectFailed(String(cString: strerror(e)))
            }
            do throws(HTTPClientError) {
                try Self.wait(s, events: Int16(POLLOUT), deadline: deadline)
            } catch {
                Glibc.close(s)
                throw error == .timedOut ? .connectFailed("timed out") : error
            }
            var soError: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(s, SOL_SOCKET, SO_ERROR, &soError, &len)
            if soError != 0 {
                Glibc.close(s)
                throw .connectFailed(String(cString: strerror(soError)))
            }
        }
        var one: Int32 = 1
        _ = setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var local = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutableBytes(of: &local) { getsockname(s, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), &len) }
        localPort = SocketAddress(storage: local, length: len).port
        fd = s
    }

    deinit { close() }

    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    func shutdownWrite() {
        if fd >= 0 { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }

    static func deadline(after seconds: Double) -> UInt64 {
        clinux_monotonic_ns() + UInt64(max(0, min(seconds, 86_400)) * 1e9)
    }

    static func errnoText() -> String { String(cString: strerror(clinux_errno())) }

    /// Waits for `events` on `fd` until `deadline`.
    static func wait(_ fd: Int32, events: Int16, deadline: UInt64) throws(HTTPClientError) {
        while true {
            let now = clinux_monotonic_ns()
            if now >= deadline { throw .timedOut }
            let ms = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, ms)
            if n > 0 { return }
            if n < 0 && clinux_errno() != EINTR { throw .io(errnoText()) }
        }
    }

    func write(_ bytes: [UInt8], deadline: UInt64) throws(HTTPClientError) {
        guard fd >= 0 else { throw .connectionClosed }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, CLINUX_MSG_NOSIGNAL)
            }
            if n > 0 {
                offset += n
                continue
            }
            let e = clinux_errno()
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try Self.wait(fd, events: Int16(POLLOUT), deadline: deadline)
            case EPIPE, ECONNRESET: throw .connectionClosed
            default: throw .io(String(cString: strerror(e)))
            }
        }
    }

    /// Reads more bytes into the buffer. Returns false at end of stream (EOF or reset).
    @discardableResult
    func fill(deadline: UInt64) throws(HTTPClientError) -> Bool {
        guard fd >= 0, !sawEOF else { return false }
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 {
                sawEOF = true
                return false
            }
            let e = clinux_errno()
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try Self.wait(fd, events: Int16(POLLIN), deadline: deadline)
            case ECONNRESET, EPIPE:
                sawEOF = true
                return false
            default: throw .io(String(cString: strerror(e)))
            }
        }
    }

    var buffered: Int { buffer.count - start }

    /// One line without its CRLF (a bare LF is accepted).
    func readLine(deadline: UInt64, limit: Int = 64 << 10) throws(HTTPClientError) -> [UInt8] {
        var searched = 0  // bytes after `start` already searched (fill may move `start`)
        while true {
            if let lf = buffer[(start + searched)...].firstIndex(of: 10) {
                var end = lf
                if end > start && buffer[end - 1] == 13 { end -= 1 }
                let line = Array(buffer[start..<end])
                start = lf + 1
                return line
            }
            searched = buffer.count - start
            if buffer.count - start > limit { throw .malformedResponse("line longer than \(limit) bytes") }
            guard try fill(deadline: deadline) else { throw .connectionClosed }
        }
    }

    func readExactly(_ n: Int, deadline: UInt64) throws(HTTPClientError) -> [UInt8] {
        while buffered < n {
            guard try fill(deadline: deadline) else { throw .connectionClosed }
        }
        let out = Array(buffer[start..<(start + n)])
        start += n
        return out
    }

    func readToEnd(deadline: UInt64, limit: Int = 256 << 20) throws(HTTPClientError) -> [UInt8] {
        while try fill(deadline: deadline) {
            if buffered > limit { throw .malformedResponse("body larger than \(limit) bytes") }
        }
        let out = Array(buffer[start...])
        start = buffer.count
        return out
    }

    /// Everything until the peer closes, or nil if it is still open at `deadline`.
    func readUntilClose(deadline: UInt64) -> [UInt8]? {
        do throws(HTTPClientError) {
            while try fill(deadline: deadline) {}
        } catch {
            if error == .timedOut { return nil }
        }
        let out = Array(buffer[start...])
        start = buffer.count
        return out
    }
}
