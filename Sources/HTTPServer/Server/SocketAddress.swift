import CLinux
import Glibc

/// An IPv4 or IPv6 socket address built from a literal (no DNS), and the `ip:port` text of peers.
struct SocketAddress {
    var storage = sockaddr_storage()
    var length: socklen_t = 0
    var family: Int32 = 0

    /// Parses "127.0.0.1", "0.0.0.0", "::1", "::", "[::1]" or "localhost".
    init?(host: String, port: Int) {
        guard (0...65535).contains(port) else { return nil }
        var h = host
        if h == "localhost" { h = "127.0.0.1" }
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, h, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            withUnsafeMutableBytes(of: &storage) { dst in
                withUnsafeBytes(of: &v4) { dst.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, h, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            withUnsafeMutableBytes(of: &storage) { dst in
                withUnsafeBytes(of: &v6) { dst.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
            return
        }
        return nil
    }

    init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
        self.family = Int32(storage.ss_family)
    }

    var port: Int {
        var s = storage
        return withUnsafeBytes(of: &s) { raw in
            if family == AF_INET {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            } else if family == AF_INET6 {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            }
            return 0
        }
    }

    /// The address without the port ("127.0.0.1", "::1").
    var ipText: String {
        var s = storage
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok: Bool = withUnsafeMutableBytes(of: &s) { raw in
            if family == AF_INET {
                let p = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                return inet_ntop(AF_INET, &p.pointee.sin_addr, &buf, socklen_t(buf.count)) != nil
            } else if family == AF_INET6 {
                let p = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                return inet_ntop(AF_INET6, &p.pointee.sin6_addr, &buf, socklen_t(buf.count)) != nil
            }
            return false
        }
        guard ok else { return "?" }
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// "127.0.0.1:8080" or "[::1]:8080"; an IPv4-mapped IPv6 peer (dual-stack listener) is shown
    /// as plain IPv4, so logs and per-address limits see one form.
    var description: String {
        if family == AF_INET6, let v4 = mappedIPv4Text { return "\(v4):\(port)" }
        return family == AF_INET6 ? "[\(ipText)]:\(port)" : "\(ipText):\(port)"
    }

    /// "a.b.c.d" when this is ::ffff:a.b.c.d.
    private var mappedIPv4Text: String? {
        var s = storage
        return withUnsafeBytes(of: &s) { raw -> String? in
            let a = raw.load(as: sockaddr_in6.self).sin6_addr
            return withUnsafeBytes(of: a) { b -> String? in
                guard b.count == 16, b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xFF, b[11] == 0xFF else { return nil }
                return "\(b[12]).\(b[13]).\(b[14]).\(b[15])"
            }
        }
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var s = storage
        return withUnsafeBytes(of: &s) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}
