import Glibc

/// Writes to stdout/stderr with write(2): Swift 6 treats C's `stderr` global as shared mutable state.
enum Console {
    static func error(_ text: String) { write(2, text) }
    static func out(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { writeAll(1, $0) } }

    private static func write(_ fd: Int32, _ text: String) {
        var t = text
        t.withUTF8 { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ p: UnsafeBufferPointer<UInt8>) {
        var off = 0
        while off < p.count {
            let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            off += n
        }
    }
}
