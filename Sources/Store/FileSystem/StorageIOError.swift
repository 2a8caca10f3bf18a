import Glibc

/// A failed file-system call: which one, on which path, and the errno it returned.
public struct StorageIOError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var errno: Int32
    /// For `write`: how many bytes reached the file before the failure (a short write).
    public var bytesWritten: Int

    public init(operation: String, path: String, errno: Int32, bytesWritten: Int = 0) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.bytesWritten = bytesWritten
    }

    public var isNoSpace: Bool { errno == ENOSPC || errno == EDQUOT }

    public var reason: String {
        if let text = strerror(errno) { return String(cString: text) }
        return "errno \(errno)"
    }

    public var description: String { "\(operation) \(path): \(reason)" }
}
