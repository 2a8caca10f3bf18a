import Glibc

/// The real file system, through POSIX calls; EINTR is retried everywhere.
public struct PosixFileSystem: StorageFileSystem {
    public init() {}

    private func failure(_ operation: String, _ path: String, bytesWritten: Int = 0) -> StorageIOError {
        StorageIOError(operation: operation, path: path, errno: Glibc.errno, bytesWritten: bytesWritten)
    }

    private func describe(_ handle: StorageHandle) -> String { "fd \(handle.rawValue)" }

    public func makeDirectory(_ path: String) throws(StorageIOError) {
        if Glibc.mkdir(path, 0o700) == 0 { return }
        let code = Glibc.errno
        if code == EEXIST, let dir = opendir(path) {
            closedir(dir)
            return
        }
        throw StorageIOError(operation: "mkdir", path: path, errno: code == EEXIST ? ENOTDIR : code)
    }

    public func list(_ directory: String) throws(StorageIOError) -> [String] {
        guard let dir = opendir(directory) else { throw failure("opendir", directory) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func openRetrying(_ path: String, _ flags: Int32, _ mode: mode_t = 0o600) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 || Glibc.errno != EINTR { return fd }
        }
    }

    public func lock(_ path: String, exclusive: Bool) throws(StorageIOError) -> StorageHandle {
        let fd = openRetrying(path, O_RDWR | O_CREAT)
        guard fd >= 0 else { throw failure("open", path) }
        while flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            if Glibc.errno == EINTR { continue }
            let error = failure("flock", path)
            Glibc.close(fd)
            throw error
        }
        return StorageHandle(rawValue: fd)
    }

    public func openForAppend(_ path: String, create: Bool, truncate: Bool) throws(StorageIOError) -> StorageHandle {
        var flags = O_WRONLY | O_APPEND
        if create { flags |= O_CREAT }
        if truncate { flags |= O_TRUNC }
        let fd = openRetrying(path, flags)
        guard fd >= 0 else { throw failure("open", path) }
        return StorageHandle(rawValue: fd)
    }

    public func openForReading(_ path: String) throws(StorageIOError) -> StorageHandle {
        let fd = openRetrying(path, O_RDONLY)
        guard fd >= 0 else { throw failure("open", path) }
        return StorageHandle(rawValue: fd)
    }

    public func write(_ handle: StorageHandle, _ bytes: UnsafeRawBufferPointer) throws(StorageIOError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(handle.rawValue, base + done, bytes.count - done)
            if n > 0 { done += n; continue }
            if n < 0 && Glibc.errno == EINTR { continue }
            if n == 0 { throw StorageIOError(operation: "write", path: describe(handle), errno: EIO, bytesWritten: done) }
            throw failure("write", describe(handle), bytesWritten: done)
        }
    }

    public func read(_ handle: StorageHandle, into buffer: UnsafeMutableRawBufferPointer) throws(StorageIOError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(handle.rawValue, base, buffer.count)
            if n >= 0 { return n }
            if Glibc.errno != EINTR { throw failure("read", describe(handle)) }
        }
    }

    public func fdatasync(_ handle: StorageHandle) throws(StorageIOError) {
        while Glibc.fdatasync(handle.rawValue) != 0 {
            if Glibc.errno != EINTR { throw failure("fdatasync", describe(handle)) }
        }
    }

    public func fsync(_ handle: StorageHandle) throws(StorageIOError) {
        while Glibc.fsync(handle.rawValue) != 0 {
            if Glibc.errno != EINTR { throw failure("fsync", describe(handle)) }
        }
    }

    public func truncate(_ handle: StorageHandle, to length: Int) throws(StorageIOError) {
        while Glibc.ftruncate(handle.rawValue, off_t(length)) != 0 {
            if Glibc.errno != EINTR { throw failure("ftruncate", describe(handle)) }
        }
    }

    public func size(_ handle: StorageHandle) throws(StorageIOError) -> Int {
        var info = stat()
        guard fstat(handle.rawValue, &info) == 0 else { throw failure("fstat", describe(handle)) }
        return Int(info.st_size)
    }

    public func close(_ handle: StorageHandle) { _ = Glibc.close(handle.rawValue) }

    public func rename(_ from: String, to: String) throws(StorageIOError) {
        guard Glibc.rename(from, to) == 0 else { throw failure("rename", "\(from) -> \(to)") }
    }

    public func unlink(_ path: String) throws(StorageIOError) {
        guard Glibc.unlink(path) == 0 else { throw failure("unlink", path) }
    }

    public func fsyncDirectory(_ path: String) throws(StorageIOError) {
        let fd = openRetrying(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw failure("open", path) }
        defer { Glibc.close(fd) }
        while Glibc.fsync(fd) != 0 {
            if Glibc.errno != EINTR { throw failure("fsync", path) }
        }
    }
}
