import Glibc

/// A fresh directory under /tmp (mkdtemp), removed with everything in it by `remove()`.
final class TemporaryDirectory {
    let path: String

    init(prefix: String = "scimd-endpoint-tests") throws {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// The names of the regular files in the directory (not recursive: the data directory is flat).
    func fileNames() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of one file in the directory.
    func contents(of name: String) -> [UInt8] {
        let fd = open(path + "/" + name, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Total size in bytes of the files whose name has `prefix` (e.g. the log segments, "log-").
    func totalSize(ofFilesWithPrefix prefix: String) -> Int {
        var total = 0
        for name in fileNames() where name.hasPrefix(prefix) {
            var st = stat()
            if stat(path + "/" + name, &st) == 0 { total += Int(st.st_size) }
        }
        return total
    }

    func remove() {
        for name in fileNames() { unlink(path + "/" + name) }
        rmdir(path)
    }
}
