import Crypto
import Glibc
import Store

/// `scimd admin set-password`: the shell way to set the admin password (read from stdin, never an argument).
enum AdminCommand {
    static let help = """
    Usage: scimd admin set-password [--data DIR]
      Reads the new password from stdin (one line). 8-128 characters; common passwords are refused.
    """

    static func run(_ args: [String], environment: [String: String]) throws(CLIError) -> Int32 {
        if args.contains("--help") || args.contains("-h") || args.isEmpty { print(help); return args.isEmpty ? 2 : 0 }
        let (settings, rest) = try Settings.parse(args, environment: environment, allowed: ["--data"])
        guard rest == ["set-password"] else { throw CLIError("usage: scimd admin set-password [--data DIR]") }
        if isatty(0) != 0 { Console.error("New admin password: ") }
        guard let line = readLine(strippingNewline: true) else { throw CLIError("no password on stdin") }
        if let violation = PasswordPolicy.check(line) { throw CLIError(violation.message, exitCode: 1) }
        let record = PasswordHasher.hash(password: line)
        let store = try StoreOpener.open(settings.dataDirectory)
        defer { store.close() }
        do {
            try store.writeAndWait { (tx: inout Transaction) in tx.setAdminPassword(record: record) }
        } catch {
            throw CLIError(error.detail, exitCode: 1)
        }
        print("Admin password set.")
        return 0
    }
}
