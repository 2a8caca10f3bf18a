import Dispatch
import Glibc
import SCIMCore
import SCIMEndpoint
import Store
import Synchronization

/// `scimd integration create|list|rename|rotate|delete` — for automation, on a stopped server's data.
enum IntegrationCommand {
    static let help = """
    Usage:
      scimd integration create NAME       print the new integration's bearer token (shown once)
      scimd integration list
      scimd integration rename X NAME     X is an integration id or name
      scimd integration rotate X          print a new token; the old one stops working at once
      scimd integration delete X          delete X and its users and groups

    Options:
    \(Settings.helpLines(allowed: ["--data"]))
    """

    static func run(_ args: [String], environment: [String: String]) throws(CLIError) -> Int32 {
        if args.contains("--help") || args.contains("-h") || args.isEmpty { print(help); return args.isEmpty ? 2 : 0 }
        let (settings, rest) = try Settings.parse(args, environment: environment, allowed: ["--data"])
        guard let verb = rest.first else { throw CLIError("integration: missing subcommand (see scimd integration --help)") }
        let operands = Array(rest.dropFirst())
        let store = try StoreOpener.open(settings.dataDirectory)
        defer { store.close() }
        let service = IntegrationService(store: store)

        func one(_ what: String) throws(CLIError) -> Integration {
            guard let i = service.find(what) else { throw CLIError("no integration with id or name \"\(what)\"", exitCode: 1) }
            return i
        }

        switch verb {
        case "create":
            guard operands.count == 1 else { throw CLIError("usage: scimd integration create NAME") }
            let (integration, token) = try wait { service.create(name: operands[0], completion: $0) }
            print("Created integration \"\(integration.name)\" (id \(integration.id)).")
            print("Bearer token (shown once — store it in your IdP now):")
            print(token)
        case "list":
            let rows = store.read { state in
                state.integrations.map { i in
                    (i, state.resourceCount(.user, integrationID: i.id), state.resourceCount(.group, integrationID: i.id))
                }
            }
            if rows.isEmpty { print("No integrations. Create one with: scimd integration create NAME") }
            for (i, users, groups) in rows {
                print("\(i.id)  \(i.name)  users=\(users) groups=\(groups)  created=\(SCIMDateTime.format(millisecondsSinceEpoch: i.createdAt))  token=\(i.tokenHint)")
            }
        case "rename":
            guard operands.count == 2 else { throw CLIError("usage: scimd integration rename X NAME") }
            let i = try one(operands[0])
            let renamed = try wait { service.rename(id: i.id, to: operands[1], completion: $0) }
            print("Renamed \"\(i.name)\" to \"\(renamed.name)\".")
        case "rotate":
            guard operands.count == 1 else { throw CLIError("usage: scimd integration rotate X") }
            let i = try one(operands[0])
            let (_, token) = try wait { service.rotate(id: i.id, completion: $0) }
            print("New bearer token for \"\(i.name)\" (shown once; the old token no longer works):")
            print(token)
        case "delete":
            guard operands.count == 1 else { throw CLIError("usage: scimd integration delete X") }
            let i = try one(operands[0])
            let (users, groups) = store.read { ($0.resourceCount(.user, integrationID: i.id), $0.resourceCount(.group, integrationID: i.id)) }
            try wait { service.delete(id: i.id, completion: $0) }
            print("Deleted integration \"\(i.name)\" with \(users) users and \(groups) groups.")
        default:
            throw CLIError("integration: unknown subcommand \"\(verb)\" (see scimd integration --help)")
        }
        return 0
    }

    /// Runs a completion-style store call and waits for it (the CLI has nothing else to do meanwhile).
    static func wait<T: Sendable>(_ start: (@escaping @Sendable (Result<T, SCIMError>) -> Void) -> Void) throws(CLIError) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = Mutex<Result<T, SCIMError>?>(nil)
        start { result in
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch box.withLock({ $0 })! {
        case .success(let v): return v
        case .failure(let e): throw CLIError(e.detail, exitCode: 1)
        }
    }
}
