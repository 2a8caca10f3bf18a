import CLinux
import Glibc

/// `scimd check`, `scimd repair` and `scimd export`: offline tools on a data directory that no
/// scimd is running on.
extension Store {
    /// Describes the directory and whether scimd would start on it, changing nothing. Takes the lock
    /// shared, so it refuses (ok = false) while a scimd runs on the directory.
    public static func check(directory: String, fileSystem: any StorageFileSystem = PosixFileSystem(),
                             maxBatchBytes: Int = 1 << 20) -> StoreCheckReport {
        var lines = ["data directory: \(directory)"]
        let lock: StorageHandle
        do throws(StoreError) { lock = try takeLock(directory, fileSystem: fileSystem, exclusive: false) } catch {
            return StoreCheckReport(ok: false, lines: lines + [error.message + "; stop it first"])
        }
        defer { fileSystem.close(lock) }
        let report: RecoveryReport
        do throws(StoreError) {
            report = try Recovery.analyze(directory: directory, fileSystem: fileSystem, maxBatchBytes: maxBatchBytes)
        } catch {
            return StoreCheckReport(ok: false, lines: lines + [error.message])
        }
        for s in report.snapshots {
            switch s.status {
            case .used(let records, let bytes):
                lines.append("\(s.name): ok, used — seq \(s.sequence), \(records) lines, \(bytes) bytes")
            case .damaged(let offset, let reason):
                lines.append("\(s.name): DAMAGED at byte \(offset): \(reason) — start-up renames it to \(s.name)\(DataFileName.brokenSuffix) and uses the previous snapshot")
            case .notNeeded:
                lines.append("\(s.name): older snapshot, kept as a fallback (not read)")
            }
        }
        if report.snapshots.isEmpty { lines.append("no snapshot: the log is replayed from the start") }
        for name in report.skippedSegments { lines.append("\(name): covered by the snapshot, kept as a fallback (not read)") }
        for s in report.segments {
            let range = s.lastSequence.map { "records \(s.firstSequence)–\($0) (\(s.records) records)" } ?? "no records"
            lines.append("\(s.name): \(range), \(s.size) bytes")
        }
        if let t = report.tornTail {
            lines.append("\(t.segment): torn tail at byte \(t.offset): \(t.bytes) bytes (\(t.records) records) of a write that was never acknowledged; start-up cuts them (kept in \(t.segment)\(DataFileName.brokenSuffix))")
        }
        if !report.temporaryFiles.isEmpty {
            lines.append("unfinished temporary files (deleted at start-up): \(report.temporaryFiles.joined(separator: ", "))")
        }
        if !report.brokenFiles.isEmpty { lines.append("cut-off bytes kept from earlier repairs: \(report.brokenFiles.joined(separator: ", "))") }
        if !report.unknownFiles.isEmpty { lines.append("unexpected files (ignored): \(report.unknownFiles.joined(separator: ", "))") }
        let s = report.state
        let summary = "seq \(s.lastSequence); \(s.integrationOrder.count) integrations, \(s.userCount) users, \(s.groupCount) groups, \(s.membershipCount) memberships"
        if let c = report.corruption {
            lines.append("DAMAGED: \(c.file) at byte \(c.offset): \(c.reason)")
            lines.append("the changes before the damage: \(summary)")
            if let plan = RepairPlan(report: report, directory: directory, fileSystem: fileSystem) {
                lines.append("result: scimd will NOT start. `scimd repair` would \(plan.summary)")
            } else {
                lines.append("result: scimd will NOT start, and `scimd repair` cannot fix this: restore the data directory from a backup")
            }
            return StoreCheckReport(ok: false, lines: lines)
        }
        lines.append("state after recovery: \(summary)")
        lines.append("result: OK — scimd will start on this directory")
        return StoreCheckReport(ok: true, lines: lines)
    }

    /// Makes a damaged directory startable by cutting the log at the first bad record: the cut
    /// bytes go to `<segment>.broken`, later segments are renamed to `.broken`, and the changes in
    /// them are lost. Run `check` first and keep a copy. Returns what was done.
    public static func repair(directory: String, fileSystem: any StorageFileSystem = PosixFileSystem(),
                              maxBatchBytes: Int = 1 << 20) throws(StoreError) -> String {
        let lock = try takeLock(directory, fileSystem: fileSystem, exclusive: true)
        defer { fileSystem.close(lock) }
        var done: [String] = []
        try removeTemporaryFiles(directory, fileSystem: fileSystem) { done.append($0) }
        let report = try Recovery.analyze(directory: directory, fileSystem: fileSystem, maxBatchBytes: maxBatchBytes)
        guard let corruption = report.corruption else {
            if report.tornTail == nil && report.damagedSnapshots.isEmpty {
                return (done + ["nothing to repair: scimd starts on \(directory) as it is"]).joined(separator: "\n")
            }
            return (done + ["nothing to repair beyond what start-up does by itself (a torn tail or a damaged newest snapshot); scimd starts on \(directory)"]).joined(separator: "\n")
        }
        guard let plan = RepairPlan(report: report, directory: directory, fileSystem: fileSystem) else {
            throw StoreError("cannot repair \(directory): \(corruption.file) at byte \(corruption.offset): \(corruption.reason); restore it from a backup")
        }
        let applied: RepairPlan.Applied
        do throws(StorageIOError) { applied = try plan.apply(directory: directory, fileSystem: fileSystem) } catch {
            throw StoreError("repair of \(directory) failed: \(error)")
        }
        done.append("repaired \(directory): \(plan.done(applied))")
        let after = try Recovery.analyze(directory: directory, fileSystem: fileSystem, maxBatchBytes: maxBatchBytes)
        if let c = after.corruption {
            done.append("more damage remains: \(c.file) at byte \(c.offset): \(c.reason); run repair again")
        } else {
            let s = after.state
            done.append("scimd will start: seq \(s.lastSequence); \(s.integrationOrder.count) integrations, \(s.userCount) users, \(s.groupCount) groups")
        }
        return done.joined(separator: "\n")
    }

    /// The users and groups of a directory no scimd is running on.
    public static func export(directory: String, format: ExportFormat, fileSystem: any StorageFileSystem = PosixFileSystem(),
                              maxBatchBytes: Int = 1 << 20, now: Int64 = clinux_wall_ms()) throws(StoreError) -> [UInt8] {
        let lock = try takeLock(directory, fileSystem: fileSystem, exclusive: false)
        defer { fileSystem.close(lock) }
        let report = try Recovery.analyze(directory: directory, fileSystem: fileSystem, maxBatchBytes: maxBatchBytes)
        if let c = report.corruption {
            throw StoreError("cannot export \(directory): \(c.file) at byte \(c.offset): \(c.reason); run `scimd check`")
        }
        return DirectoryExporter.export(report.state, format: format, now: now)
    }

    /// The users and groups of this running store (holds the read lock while it serialises).
    public func export(format: ExportFormat) -> [UInt8] {
        let now = configuration.clock()
        return read { DirectoryExporter.export($0, format: format, now: now) }
    }
}

/// What `repair` does for the damage a report found: cut the damaged segment at the bad record
/// (or set it aside whole when the damage is at its start) and set aside every later segment.
struct RepairPlan {
    var cut: (segment: String, offset: Int)?
    var setAside: [String]
    var lostRecords: Int

    init?(report: RecoveryReport, directory: String, fileSystem: any StorageFileSystem) {
        // Only damage in the log can be cut away; without a usable snapshot there is nothing to keep.
        guard let c = report.corruption, DataFileName.parseSegment(c.file) != nil else { return nil }
        let segmentNames = ((try? fileSystem.list(directory)) ?? []).filter { DataFileName.parseSegment($0) != nil }.sorted()
        let later = segmentNames.firstIndex(of: c.file).map { Array(segmentNames[($0 + 1)...]) } ?? []
        var lost = 0
        if let bytes = try? fileSystem.readFile(DataFileName.join(directory, c.file)) {
            lost += bytes.withUnsafeBufferPointer { Recovery.lineCount($0, from: min(c.offset, bytes.count)) }
        }
        for name in later {
            if let bytes = try? fileSystem.readFile(DataFileName.join(directory, name)) {
                lost += bytes.withUnsafeBufferPointer { Recovery.lineCount($0, from: 0) }
            }
        }
        if c.offset > 0 {
            cut = (c.file, c.offset)
            setAside = later
        } else {
            cut = nil
            setAside = [c.file] + later
        }
        lostRecords = lost
    }

    var summary: String {
        var parts: [String] = []
        if let cut { parts.append("cut \(cut.segment) at byte \(cut.offset) (the cut bytes kept in \(cut.segment)\(DataFileName.brokenSuffix))") }
        if !setAside.isEmpty { parts.append("set aside \(setAside.joined(separator: ", ")) as .broken") }
        return parts.joined(separator: " and ") + "; about \(lostRecords) recorded changes after the damage would be lost"
    }

    /// The names the set-aside bytes got (never an existing file's).
    struct Applied {
        var cutKeptIn: String?
        var renamed: [(from: String, to: String)] = []
    }

    func done(_ applied: Applied) -> String {
        var parts: [String] = []
        if let cut, let keptIn = applied.cutKeptIn { parts.append("cut \(cut.segment) at byte \(cut.offset) (the cut bytes are in \(keptIn))") }
        if !applied.renamed.isEmpty { parts.append("renamed \(applied.renamed.map { $0.from + " to " + $0.to }.joined(separator: ", "))") }
        return parts.joined(separator: "; ") + "; about \(lostRecords) recorded changes after the damage are lost"
    }

    func apply(directory: String, fileSystem: any StorageFileSystem) throws(StorageIOError) -> Applied {
        var applied = Applied()
        if let cut {
            let path = DataFileName.join(directory, cut.segment)
            let size: Int = try {
                () throws(StorageIOError) -> Int in
                let h = try fileSystem.openForReading(path)
                defer { fileSystem.close(h) }
                return try fileSystem.size(h)
            }()
            applied.cutKeptIn = try Store.cutTornTail(.init(segment: cut.segment, offset: cut.offset, bytes: size - cut.offset, records: 0),
                                                      directory: directory, fileSystem: fileSystem)
        }
        for name in setAside {
            let broken = DataFileName.broken(for: name, existing: try fileSystem.list(directory))
            try fileSystem.rename(DataFileName.join(directory, name), to: DataFileName.join(directory, broken))
            applied.renamed.append((name, broken))
        }
        try fileSystem.fsyncDirectory(directory)
        return applied
    }
}
