import Glibc
import Store

/// Opens the data directory for a command, turning store errors into one clear line.
enum StoreOpener {
    static func open(_ directory: String, snapshotBytes: Int = 64 << 20, quiet: Bool = false) throws(CLIError) -> Store {
        var configuration = StoreConfiguration(directory: directory)
        configuration.snapshotThresholdBytes = snapshotBytes
        configuration.log = { message in
            if !quiet { Console.error("scimd: \(message)\n") }
        }
        configuration.onFatalError = { message in
            // The log can no longer be written: stop so systemd restarts us and we replay from disk.
            Console.error("scimd: fatal: \(message); exiting so the data directory is replayed on restart\n")
            exit(70)
        }
        do {
            return try Store.open(configuration)
        } catch {
            throw CLIError(error.message, exitCode: 1)
        }
    }
}
