import Glibc
import Store
import Synchronization

/// An in-memory file system in the style of SQLite's crash VFS: per file it keeps the bytes written
/// and the bytes made durable by fsync; per directory the entries and the entries made durable by
/// a directory fsync. `crashImage()` gives the file system as a power loss would leave it. Faults:
/// fail the n-th call of an operation with an errno, crash (every later call fails and changes
/// nothing) after N operations, and a hook at each fdatasync to hold the committer.
final class FaultyFileSystem: StorageFileSystem, @unchecked Sendable {
    enum Operation: String, Sendable, CaseIterable {
        case makeDirectory, list, lock, open, write, read, fdatasync, fsync, truncate, size, rename, unlink, fsyncDirectory
    }

    struct Fault: Sendable {
        var operation: Operation
        /// Fails the call with this index among calls of `operation` (0-based, counted from now).
        var occurrence: Int
        var errno: Int32
        /// For writes: bytes that reach the file before the failure.
        var partialBytes = 0
    }

    /// What a crash does to data written but not synced.
    enum UnsyncedDamage: Sendable {
        /// Lost entirely (LazyFS semantics).
        case lost
        /// A prefix of the unsynced appended bytes survives, cut at a 512-byte sector boundary or at
        /// `fraction` of the way, then `fill` bytes of zeros.
        case tornPrefix(fraction: Double, zeros: Int)
    }

    private struct Node {
        var current: [UInt8] = []
        var durable: [UInt8] = []
    }

    private struct OpenFile {
        var node: Int
        var path: String
        var position = 0
        var lockPath: String?
    }

    private struct State {
        var nodes: [Int: Node] = [:]
        var names: [String: Int] = [:]
        var durableNames: [String: Int] = [:]
        var directories: Set<String> = []
        var durableDirectories: Set<String> = []
        var handles: [Int32: OpenFile] = [:]
        var nextHandle: Int32 = 100
        var nextNode = 1
        var operations = 0
        var crashAfter: Int?
        var faults: [Fault] = []
        var calls: [String: Int] = [:]
        var locks: [String: (exclusive: Bool, holders: Int)] = [:]
        var largestWrite = 0
    }

    private let state = Mutex(State())
    private let hookLock = Mutex<(@Sendable () -> Void)?>(nil)

    init() {}

    // MARK: Test controls

    /// Called at the start of every fdatasync, outside the file system's lock.
    func setSyncHook(_ hook: (@Sendable () -> Void)?) { hookLock.withLock { $0 = hook } }

    /// After `count` more operations the machine is dead: calls fail with EIO and change nothing.
    func crash(afterOperations count: Int) { state.withLock { $0.crashAfter = $0.operations + count } }

    func inject(_ fault: Fault) {
        state.withLock { s in
            var f = fault
            f.occurrence += s.calls[fault.operation.rawValue] ?? 0
            s.faults.append(f)
        }
    }

    var operationCount: Int { state.withLock { $0.operations } }
    func calls(_ op: Operation) -> Int { state.withLock { $0.calls[op.rawValue] ?? 0 } }
    var largestWrite: Int { state.withLock { $0.largestWrite } }

    /// The file system after a power loss now: durable names and bytes only (plus the damage asked for).
    func crashImage(_ damage: UnsyncedDamage = .lost) -> FaultyFileSystem {
        let image = FaultyFileSystem()
        state.withLock { s in
            image.state.withLock { t in
                t.directories = s.durableDirectories
                t.durableDirectories = s.durableDirectories
                for (path, id) in s.durableNames {
                    guard let node = s.nodes[id] else { continue }
                    var bytes = node.durable
                    if case .tornPrefix(let fraction, let zeros) = damage,
                       node.current.count > node.durable.count, node.current.starts(with: node.durable) {
                        let extra = node.current.count - node.durable.count
                        let keep = min(extra, max(0, Int(Double(extra) * fraction)))
                        bytes = Array(node.current.prefix(node.durable.count + keep)) + [UInt8](repeating: 0, count: zeros)
                    }
                    let newID = t.nextNode
                    t.nextNode += 1
                    t.nodes[newID] = Node(current: bytes, durable: bytes)
                    t.names[path] = newID
                    t.durableNames[path] = newID
                }
            }
        }
        return image
    }

    /// A copy with every byte written (as if everything had been synced): for tests that edit files.
    func copy() -> FaultyFileSystem {
        let image = FaultyFileSystem()
        state.withLock { s in
            image.state.withLock { t in
                t.directories = s.directories
                t.durableDirectories = s.directories
                for (path, id) in s.names {
                    guard let node = s.nodes[id] else { continue }
                    let newID = t.nextNode
                    t.nextNode += 1
                    t.nodes[newID] = Node(current: node.current, durable: node.current)
                    t.names[path] = newID
                    t.durableNames[path] = newID
                }
            }
        }
        return image
    }

    // Direct file access for tests (no faults, counted as nothing).
    func contents(_ path: String) -> [UInt8]? {
        state.withLock { s in s.names[path].flatMap { s.nodes[$0]?.current } }
    }

    func setContents(_ path: String, _ bytes: [UInt8]) {
        state.withLock { s in
            let parent = Self.parent(of: path)
            s.directories.insert(parent)
            s.durableDirectories.insert(parent)
            if let id = s.names[path] {
                s.nodes[id] = Node(current: bytes, durable: bytes)
            } else {
                let id = s.nextNode
                s.nextNode += 1
                s.nodes[id] = Node(current: bytes, durable: bytes)
                s.names[path] = id
            }
            s.durableNames[path] = s.names[path]
        }
    }

    func remove(_ path: String) {
        state.withLock { s in
            s.names.removeValue(forKey: path)
            s.durableNames.removeValue(forKey: path)
        }
    }

    func fileNames(in directory: String) -> [String] {
        state.withLock { s in
            s.names.keys.filter { Self.parent(of: $0) == directory }.map { String($0.dropFirst(directory.count + 1)) }.sorted()
        }
    }

    /// Every path and its bytes (to check that a refused start-up changed nothing).
    func everything() -> [String: [UInt8]] {
        state.withLock { s in
            var result: [String: [UInt8]] = [:]
            for (path, id) in s.names { result[path] = s.nodes[id]?.current ?? [] }
            return result
        }
    }

    // MARK: Plumbing

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Counts the call, applies crash and injected faults; returns the fault for a partial write.
    private func begin(_ s: inout State, _ op: Operation, _ path: String) throws(StorageIOError) -> Fault? {
        s.operations += 1
        let index = s.calls[op.rawValue] ?? 0
        s.calls[op.rawValue] = index + 1
        if let crash = s.crashAfter, s.operations > crash {
            throw StorageIOError(operation: op.rawValue, path: path, errno: EIO)
        }
        if let i = s.faults.firstIndex(where: { $0.operation == op && $0.occurrence == index }) {
            let fault = s.faults.remove(at: i)
            if op == .write && fault.partialBytes > 0 { return fault }
            throw StorageIOError(operation: op.rawValue, path: path, errno: fault.errno)
        }
        return nil
    }

    private func file(_ s: State, _ handle: StorageHandle) throws(StorageIOError) -> OpenFile {
        guard let f = s.handles[handle.rawValue] else { throw StorageIOError(operation: "handle", path: "fd \(handle.rawValue)", errno: EBADF) }
        return f
    }

    func makeDirectory(_ path: String) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            _ = try begin(&s, .makeDirectory, path)
            if !s.directories.contains(path) {
                s.directories.insert(path)
                s.durableDirectories.insert(path)  // the parent directory's fsync is not modelled
            }
        }
    }

    func list(_ directory: String) throws(StorageIOError) -> [String] {
        try state.withLock { (s) throws(StorageIOError) -> [String] in
            _ = try begin(&s, .list, directory)
            guard s.directories.contains(directory) else { throw StorageIOError(operation: "opendir", path: directory, errno: ENOENT) }
            return s.names.keys.filter { Self.parent(of: $0) == directory }.map { String($0.dropFirst(directory.count + 1)) }
        }
    }

    func lock(_ path: String, exclusive: Bool) throws(StorageIOError) -> StorageHandle {
        try state.withLock { (s) throws(StorageIOError) -> StorageHandle in
            _ = try begin(&s, .lock, path)
            if let held = s.locks[path], held.holders > 0, held.exclusive || exclusive {
                throw StorageIOError(operation: "flock", path: path, errno: EWOULDBLOCK)
            }
            let id = try openNode(&s, path, create: true, truncate: false)
            let current = s.locks[path]?.holders ?? 0
            s.locks[path] = (exclusive, current + 1)
            let h = s.nextHandle
            s.nextHandle += 1
            s.handles[h] = OpenFile(node: id, path: path, lockPath: path)
            return StorageHandle(rawValue: h)
        }
    }

    private func openNode(_ s: inout State, _ path: String, create: Bool, truncate: Bool) throws(StorageIOError) -> Int {
        if let id = s.names[path] {
            if truncate { s.nodes[id]?.current = [] }
            return id
        }
        guard create else { throw StorageIOError(operation: "open", path: path, errno: ENOENT) }
        guard s.directories.contains(Self.parent(of: path)) else { throw StorageIOError(operation: "open", path: path, errno: ENOENT) }
        let id = s.nextNode
        s.nextNode += 1
        s.nodes[id] = Node()
        s.names[path] = id
        return id
    }

    func openForAppend(_ path: String, create: Bool, truncate: Bool) throws(StorageIOError) -> StorageHandle {
        try state.withLock { (s) throws(StorageIOError) -> StorageHandle in
            _ = try begin(&s, .open, path)
            let id = try openNode(&s, path, create: create, truncate: truncate)
            let h = s.nextHandle
            s.nextHandle += 1
            s.handles[h] = OpenFile(node: id, path: path)
            return StorageHandle(rawValue: h)
        }
    }

    func openForReading(_ path: String) throws(StorageIOError) -> StorageHandle {
        try openForAppend(path, create: false, truncate: false)
    }

    func write(_ handle: StorageHandle, _ bytes: UnsafeRawBufferPointer) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            let f = try file(s, handle)
            s.largestWrite = max(s.largestWrite, bytes.count)
            if let partial = try begin(&s, .write, f.path) {
                let n = min(partial.partialBytes, bytes.count)
                s.nodes[f.node]?.current.append(contentsOf: bytes.prefix(n))
                throw StorageIOError(operation: "write", path: f.path, errno: partial.errno, bytesWritten: n)
            }
            s.nodes[f.node]?.current.append(contentsOf: bytes)
        }
    }

    func read(_ handle: StorageHandle, into buffer: UnsafeMutableRawBufferPointer) throws(StorageIOError) -> Int {
        try state.withLock { (s) throws(StorageIOError) -> Int in
            let f = try file(s, handle)
            _ = try begin(&s, .read, f.path)
            let data = s.nodes[f.node]?.current ?? []
            let n = min(buffer.count, max(0, data.count - f.position))
            if n > 0 {
                data.withUnsafeBytes { src in
                    buffer.baseAddress!.copyMemory(from: src.baseAddress! + f.position, byteCount: n)
                }
            }
            s.handles[handle.rawValue]?.position += n
            return n
        }
    }

    func fdatasync(_ handle: StorageHandle) throws(StorageIOError) {
        if let hook = hookLock.withLock({ $0 }) { hook() }
        try sync(handle, .fdatasync)
    }

    func fsync(_ handle: StorageHandle) throws(StorageIOError) { try sync(handle, .fsync) }

    private func sync(_ handle: StorageHandle, _ op: Operation) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            let f = try file(s, handle)
            _ = try begin(&s, op, f.path)
            if let node = s.nodes[f.node] { s.nodes[f.node]?.durable = node.current }
        }
    }

    func truncate(_ handle: StorageHandle, to length: Int) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            let f = try file(s, handle)
            _ = try begin(&s, .truncate, f.path)
            guard var node = s.nodes[f.node] else { return }
            if node.current.count > length { node.current.removeSubrange(length...) } else {
                node.current.append(contentsOf: [UInt8](repeating: 0, count: length - node.current.count))
            }
            s.nodes[f.node] = node
        }
    }

    func size(_ handle: StorageHandle) throws(StorageIOError) -> Int {
        try state.withLock { (s) throws(StorageIOError) -> Int in
            let f = try file(s, handle)
            _ = try begin(&s, .size, f.path)
            return s.nodes[f.node]?.current.count ?? 0
        }
    }

    func close(_ handle: StorageHandle) {
        state.withLock { s in
            guard let f = s.handles.removeValue(forKey: handle.rawValue) else { return }
            if let lockPath = f.lockPath, let held = s.locks[lockPath] {
                s.locks[lockPath] = (held.exclusive, held.holders - 1)
            }
        }
    }

    func rename(_ from: String, to: String) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            _ = try begin(&s, .rename, from)
            guard let id = s.names.removeValue(forKey: from) else { throw StorageIOError(operation: "rename", path: from, errno: ENOENT) }
            s.names[to] = id
        }
    }

    func unlink(_ path: String) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            _ = try begin(&s, .unlink, path)
            guard s.names.removeValue(forKey: path) != nil else { throw StorageIOError(operation: "unlink", path: path, errno: ENOENT) }
        }
    }

    func fsyncDirectory(_ path: String) throws(StorageIOError) {
        try state.withLock { (s) throws(StorageIOError) in
            _ = try begin(&s, .fsyncDirectory, path)
            for (name, _) in s.durableNames where Self.parent(of: name) == path && s.names[name] == nil {
                s.durableNames.removeValue(forKey: name)
            }
            for (name, id) in s.names where Self.parent(of: name) == path { s.durableNames[name] = id }
        }
    }
}
