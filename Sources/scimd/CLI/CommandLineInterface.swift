import Glibc

/// `scimd <command> [options]`.
enum CommandLineInterface {
    static let version = "scimd 0.1.0"

    static let usage = """
    scimd — a SCIM 2.0 directory for Entra ID, Okta, OneLogin and JumpCloud, in one binary.

    Usage: scimd <command> [options]

    Commands:
      serve                      run the server (default data ./scimd-data, listen 127.0.0.1:8080)
      integration create NAME    add an integration and print its bearer token once
      integration list           list integrations
      integration rename X NAME  rename integration X (id or name)
      integration rotate X       issue a new token for X; the old one stops working at once
      integration delete X       delete X with its users and groups
      admin set-password         set the admin password (read from stdin)
      check                      verify the data directory offline
      repair                     cut the log at the first bad record (keeps the cut bytes aside)
      compact                    write a snapshot and drop old log segments
      export --format json|csv   print users and groups
      seed --users N             add synthetic users and groups (benchmarks, demos)

    Every command takes --data DIR (or SCIMD_DATA). Commands other than serve work on a stopped
    server's data directory and refuse while one runs.
    Run 'scimd <command> --help' for a command's options; 'scimd --version' for the version.
    """

    static func run(_ args: [String]) -> Int32 {
        guard let command = args.first else { print(usage); return 0 }
        let rest = Array(args.dropFirst())
        let env = environment()
        do {
            switch command {
            case "--help", "-h", "help":
                if let topic = rest.first { return run([topic, "--help"]) }
                print(usage)
                return 0
            case "--version", "-V", "version":
                print(version)
                return 0
            case "serve":
                if rest.contains("--help") || rest.contains("-h") { print(ServeCommand.help); return 0 }
                return try ServeCommand.run(rest, environment: env)
            case "integration":
                return try IntegrationCommand.run(rest, environment: env)
            case "admin":
                return try AdminCommand.run(rest, environment: env)
            case "bench-core":
                return try BenchCommand.run(rest)
            case "seed":
                return try SeedCommand.run(rest, environment: env)
            case "check", "repair", "compact", "export":
                return try DataCommand.run(command, rest, environment: env)
            default:
                throw CLIError("unknown command \"\(command)\" (see scimd --help)")
            }
        } catch let e as CLIError {
            Console.error("scimd: \(e.message)\n")
            return e.exitCode
        } catch {
            Console.error("scimd: \(error)\n")
            return 1
        }
    }

    static func environment() -> [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
