import Glibc
import SCIMCore

/// Reads a data directory the way start-up does, changing nothing:
/// 1. the newest snapshot whose trailer verifies (a damaged newer one is reported, the previous used);
/// 2. the log segments holding records after it, checking every CRC and that sequence numbers run
///    on without a gap, applying each record;
/// 3. a bad record in the last segment counts as the torn tail of an unacknowledged batch when it
///    starts within the last `maxBatchBytes` (or nothing valid follows it) and no later valid record
///    starts a batch; anything else bad is corruption, reported with file and byte offset.
enum Recovery {
    static func analyze(directory: String, fileSystem: any StorageFileSystem, maxBatchBytes: Int) throws(StoreError) -> RecoveryReport {
        var report = RecoveryReport(directory: directory)
        let names: [String]
        do throws(StorageIOError) { names = try fileSystem.list(directory) } catch {
            throw StoreError("cannot read the data directory \(directory): \(error.reason)")
        }
        var snapshotFiles: [(UInt64, String)] = []
        var segmentFiles: [(UInt64, String)] = []
        for name in names.sorted() {
            if name == DataFileName.lock { continue }
            if name.hasSuffix(DataFileName.temporarySuffix) { report.temporaryFiles.append(name); continue }
            if name.hasSuffix(DataFileName.brokenSuffix) { report.brokenFiles.append(name); continue }
            if let seq = DataFileName.parseSegment(name) { segmentFiles.append((seq, name)); continue }
            if let seq = DataFileName.parseSnapshot(name) { snapshotFiles.append((seq, name)); continue }
            report.unknownFiles.append(name)
        }
        snapshotFiles.sort { $0.0 > $1.0 }
        segmentFiles.sort { $0.0 < $1.0 }

        // 1. The newest snapshot that verifies.
        var base: SnapshotReader.Loaded?
        for (seq, name) in snapshotFiles {
            if base != nil {
                report.snapshots.append(.init(name: name, sequence: seq, status: .notNeeded))
                continue
            }
            do throws(SnapshotReader.Failure) {
                let loaded = try SnapshotReader.load(path: DataFileName.join(directory, name), fileSystem: fileSystem)
                guard loaded.sequence == seq else {
                    throw .damaged(offset: 0, reason: "its header says seq \(loaded.sequence), its name \(seq)")
                }
                base = loaded
                report.snapshots.append(.init(name: name, sequence: seq, status: .used(records: loaded.records, bytes: loaded.bytes)))
            } catch {
                switch error {
                case .io(let io): throw StoreError("cannot read \(name) in \(directory): \(io.reason)")
                case .damaged(let offset, let reason):
                    report.snapshots.append(.init(name: name, sequence: seq, status: .damaged(offset: offset, reason: reason)))
                }
            }
        }
        // Moved out, not copied: a second reference would make replay duplicate every shard it touches.
        var state = DirectoryState()
        if base != nil { swap(&state, &base!.state) }
        let snapshotSequence = base?.sequence ?? 0
        report.snapshotSequence = snapshotSequence

        if base == nil, !snapshotFiles.isEmpty, segmentFiles.first?.0 != 1 {
            let damage = report.damagedSnapshots.map { s -> String in
                if case .damaged(let offset, let reason) = s.status { return "\(s.name) at byte \(offset): \(reason)" }
                return s.name
            }.joined(separator: "; ")
            let start = segmentFiles.first.map { "the log begins at seq \($0.0)" } ?? "there is no log"
            report.corruption = .init(file: snapshotFiles[0].1, offset: 0,
                                      reason: "no snapshot is usable (\(damage)) and \(start), so the changes before it are lost")
            report.state = state
            return report
        }

        // 2. The segments after the snapshot: all but those wholly covered by it.
        var needed: [(UInt64, String)] = []
        for (i, segment) in segmentFiles.enumerated() {
            if i + 1 < segmentFiles.count, segmentFiles[i + 1].0 <= snapshotSequence + 1 {
                report.skippedSegments.append(segment.1)
                continue
            }
            needed.append(segment)
        }
        var expected = snapshotSequence + 1
        if let first = needed.first {
            if first.0 > snapshotSequence + 1 {
                report.corruption = .init(file: first.1, offset: 0, reason: base == nil && snapshotFiles.isEmpty
                    ? "the log begins at seq \(first.0) and there is no snapshot: changes 1–\(first.0 - 1) are missing"
                    : "changes \(snapshotSequence + 1)–\(first.0 - 1) are missing: the snapshot ends at seq \(snapshotSequence) and the log resumes at \(first.0)")
                report.state = state
                return report
            }
            expected = first.0
        }

        var undo: [UndoStep] = []
        for (index, (first, name)) in needed.enumerated() {
            let isLast = index == needed.count - 1
            if first != expected {
                report.corruption = .init(file: name, offset: 0, reason: first > expected
                    ? "this segment starts at seq \(first) but the log before it ends at seq \(expected - 1): changes are missing"
                    : "this segment starts at seq \(first) but the log before it already reached seq \(expected - 1)")
                break
            }
            let path = DataFileName.join(directory, name)
            let bytes: [UInt8]
            do throws(StorageIOError) { bytes = try fileSystem.readFile(path) } catch {
                throw StoreError("cannot read \(name) in \(directory): \(error.reason)")
            }
            var info = RecoveryReport.Segment(name: name, firstSequence: first, size: bytes.count)
            let scan = bytes.withUnsafeBufferPointer { p in
                replay(p, expected: &expected, snapshotSequence: snapshotSequence, state: &state, undo: &undo)
            }
            info.records = scan.records
            info.lastSequence = scan.lastSequence
            if scan.lastSequence.map({ $0 > snapshotSequence }) ?? false || isLast {
                report.logBytesAfterSnapshot += bytes.count
            }
            report.segments.append(info)
            if let problem = scan.problem {
                let torn = isLast && problem.mayBeTorn && bytes.withUnsafeBufferPointer { p in
                    tornTailQualifies(p, from: problem.offset, maxBatchBytes: maxBatchBytes)
                }
                if torn {
                    let cut = bytes.count - problem.offset
                    report.tornTail = .init(segment: name, offset: problem.offset, bytes: cut,
                                            records: bytes.withUnsafeBufferPointer { lineCount($0, from: problem.offset) })
                } else {
                    let why = problem.mayBeTorn && isLast
                        ? "\(problem.reason) (not a torn last write: a later valid write follows it)"
                        : problem.reason
                    report.corruption = .init(file: name, offset: problem.offset, reason: why)
                }
                break
            }
        }
        report.state = state
        return report
    }

    struct Scan {
        var records = 0
        var lastSequence: UInt64?
        /// The first bad line: its offset, why, and whether it could be a torn write (damaged
        /// bytes) rather than a verified record that is wrong.
        var problem: (offset: Int, reason: String, mayBeTorn: Bool)?
    }

    /// Reads records in order, applying those after the snapshot, until the end or the first bad one.
    static func replay(_ p: UnsafeBufferPointer<UInt8>, expected: inout UInt64, snapshotSequence: UInt64,
                       state: inout DirectoryState, undo: inout [UndoStep]) -> Scan {
        var scan = Scan()
        var offset = 0
        while offset < p.count {
            guard let newline = Self.newline(in: p, from: offset) else {
                scan.problem = (offset, "the last record is incomplete (no end of line)", true)
                return scan
            }
            let line = UnsafeBufferPointer(rebasing: p[offset..<newline])
            let record: LogRecord.Decoded
            do throws(LogRecord.LineError) { record = try LogRecord.decode(line) } catch {
                scan.problem = (offset, error.reason, error.damaged)
                return scan
            }
            guard record.sequence == expected else {
                scan.problem = (offset, "the record has seq \(record.sequence), expected \(expected)", false)
                return scan
            }
            if record.sequence > snapshotSequence {
                undo.removeAll(keepingCapacity: true)
                for op in record.operations {
                    do throws(SCIMError) { try state.apply(op, undo: &undo) } catch {
                        state.undo(undo)
                        scan.problem = (offset, "record seq \(record.sequence) does not fit the state: \(error.detail)", false)
                        return scan
                    }
                }
                state.lastSequence = record.sequence
            }
            scan.records += 1
            scan.lastSequence = record.sequence
            expected += 1
            offset = newline + 1
        }
        return scan
    }

    /// Whether the bad record at `offset` of the last segment is the torn tail of the last batch:
    /// no verified record after it starts a batch (so no later write(2) was acknowledged), and it is
    /// within the last `maxBatchBytes` or nothing verifiable follows it (a single oversized record).
    static func tornTailQualifies(_ p: UnsafeBufferPointer<UInt8>, from offset: Int, maxBatchBytes: Int) -> Bool {
        var validAfter = false
        guard var i = newline(in: p, from: offset).map({ $0 + 1 }) else { return true }
        while i < p.count {
            guard let end = newline(in: p, from: i) else { break }
            do throws(LogRecord.LineError) {
                let record = try LogRecord.decode(UnsafeBufferPointer(rebasing: p[i..<end]))
                validAfter = true
                if record.batchStart { return false }
            } catch {
                if !error.damaged { return false }  // a verified record that is not readable: real data
            }
            i = end + 1
        }
        return p.count - offset <= maxBatchBytes || !validAfter
    }

    /// Lines (complete or not) in p[offset...].
    static func lineCount(_ p: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var count = 0
        var i = offset
        while i < p.count {
            guard let n = newline(in: p, from: i) else { count += 1; break }
            count += 1
            i = n + 1
        }
        return count
    }

    static func newline(in p: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard offset < p.count, let base = p.baseAddress else { return nil }
        guard let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), p.count - offset) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
