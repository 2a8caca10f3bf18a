/// A usage or start-up problem, printed as one line on stderr before a non-zero exit.
struct CLIError: Error {
    let message: String
    let exitCode: Int32
    init(_ message: String, exitCode: Int32 = 2) { self.message = message; self.exitCode = exitCode }
}
