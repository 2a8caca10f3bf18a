import Glibc
import Store

/// `scimd check|repair|compact|export`: offline operations on a data directory.
enum DataCommand {
    static let help = """
    Usage:
      scimd check   [--data DIR]   verify every snapshot and log record; exit 1 on corruption
      scimd repair  [--data DIR]   cut the log at the first bad record (the cut bytes are kept in a .broken file)
      scimd compact [--data DIR]   write a snapshot now and drop older log segments
      scimd export  [--data DIR] --format json|csv   print users and groups to stdout
    """

    static func run(_ command: String, _ args: [String], environment: [String: String]) throws(CLIError) -> Int32 {
        if args.contains("--help") || args.contains("-h") { print(help); return 0 }
        var args = args
        var format = "json"
        if let i = args.firstIndex(where: { $0 == "--format" || $0.hasPrefix("--format=") }) {
            if args[i].hasPrefix("--format=") { format = String(args[i].dropFirst(9)); args.remove(at: i) }
            else {
                guard i + 1 < args.count else { throw CLIError("--format needs json or csv") }
                format = args[i + 1]
                args.removeSubrange(i...(i + 1))
            }
        }
        let (settings, rest) = try Settings.parse(args, environment: environment, allowed: ["--data"])
        guard rest.isEmpty else { throw CLIError("\(command): unexpected argument \"\(rest[0])\"") }
        let dir = settings.dataDirectory
        switch command {
        case "check":
            let report = Store.check(directory: dir)
            for line in report.lines { print(line) }
            return report.ok ? 0 : 1
        case "repair":
            do { print(try Store.repair(directory: dir)) } catch { throw CLIError(error.message, exitCode: 1) }
            return 0
        case "compact":
            let store = try StoreOpener.open(dir)
            defer { store.close() }
            do { try store.compact() } catch { throw CLIError(error.message, exitCode: 1) }
            print("Snapshot written.")
            return 0
        default:
            let f: ExportFormat
            switch format {
            case "json": f = .json
            case "csv": f = .csv
            default: throw CLIError("--format must be json or csv, got \"\(format)\"")
            }
            do {
                let bytes = try Store.export(directory: dir, format: f)
                Console.out(bytes)
            } catch { throw CLIError(error.message, exitCode: 1) }
            return 0
        }
    }
}
