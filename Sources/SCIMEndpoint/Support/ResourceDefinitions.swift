import SCIMCore
import Store

/// The schema definition of each stored resource kind.
enum ResourceDefinitions {
    static func definition(for kind: ResourceKind) -> ResourceDefinition {
        kind == .user ? .user : .group
    }
}
