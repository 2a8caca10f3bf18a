/// Every file operation the store makes, so tests can swap in a file system that fails, forgets
/// unsynced data or crashes after N operations (SQLite's crash-VFS idea). Paths are absolute or
/// relative to the working directory; the store only ever touches its data directory.
///
/// Semantics the store relies on (POSIX): `write` appends at the end of a file opened with
/// `openForAppend`; data is durable only after `fdatasync`/`fsync`; a created, renamed or removed
/// directory entry is durable only after `fsyncDirectory` of its directory.
public protocol StorageFileSystem: Sendable {
    /// mkdir; succeeds if the directory already exists.
    func makeDirectory(_ path: String) throws(StorageIOError)
    /// Names (not paths) of the entries of a directory, without "." and "..".
    func list(_ directory: String) throws(StorageIOError) -> [String]
    /// Opens (creating if needed) and flocks a lock file without blocking. Throws with
    /// errno EWOULDBLOCK when another process holds it. Closing the handle releases the lock.
    func lock(_ path: String, exclusive: Bool) throws(StorageIOError) -> StorageHandle
    /// Opens for appending, creating the file if `create` (mode 0600); `truncate` empties it first.
    func openForAppend(_ path: String, create: Bool, truncate: Bool) throws(StorageIOError) -> StorageHandle
    func openForReading(_ path: String) throws(StorageIOError) -> StorageHandle
    /// Writes all of `bytes` (retrying short writes), or throws with `bytesWritten` set.
    func write(_ handle: StorageHandle, _ bytes: UnsafeRawBufferPointer) throws(StorageIOError)
    /// Reads up to `buffer.count` bytes from the current position; 0 at end of file.
    func read(_ handle: StorageHandle, into buffer: UnsafeMutableRawBufferPointer) throws(StorageIOError) -> Int
    func fdatasync(_ handle: StorageHandle) throws(StorageIOError)
    func fsync(_ handle: StorageHandle) throws(StorageIOError)
    func truncate(_ handle: StorageHandle, to length: Int) throws(StorageIOError)
    func size(_ handle: StorageHandle) throws(StorageIOError) -> Int
    func close(_ handle: StorageHandle)
    func rename(_ from: String, to: String) throws(StorageIOError)
    func unlink(_ path: String) throws(StorageIOError)
    func fsyncDirectory(_ path: String) throws(StorageIOError)
}

extension StorageFileSystem {
    /// The whole content of a file.
    public func readFile(_ path: String) throws(StorageIOError) -> [UInt8] {
        let handle = try openForReading(path)
        defer { close(handle) }
        let expected = try size(handle)
        var result = [UInt8](repeating: 0, count: max(expected, 0))
        var filled = 0
        while true {
            if filled == result.count { result.append(contentsOf: repeatElement(0, count: max(4096, result.count / 2))) }
            let outcome = result.withUnsafeMutableBytes { raw -> Result<Int, StorageIOError> in
                do throws(StorageIOError) {
                    return .success(try read(handle, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])))
                } catch {
                    return .failure(error)
                }
            }
            let n = try outcome.get()
            if n == 0 { break }
            filled += n
        }
        result.removeSubrange(filled...)
        return result
    }

    public func write(_ handle: StorageHandle, _ bytes: [UInt8]) throws(StorageIOError) {
        let outcome = bytes.withUnsafeBytes { raw -> Result<Void, StorageIOError> in
            do throws(StorageIOError) { return .success(try write(handle, raw)) } catch { return .failure(error) }
        }
        try outcome.get()
    }

    /// Writes a whole new file durably: tmp, fsync, rename, fsync the directory.
    public func writeFileAtomically(_ path: String, directory: String, contents: [UInt8]) throws(StorageIOError) {
        let tmp = path + ".tmp"
        let handle = try openForAppend(tmp, create: true, truncate: true)
        do throws(StorageIOError) {
            try write(handle, contents)
            try fsync(handle)
        } catch {
            close(handle)
            try? unlink(tmp)
            throw error
        }
        close(handle)
        try rename(tmp, to: path)
        try fsyncDirectory(directory)
    }
}
