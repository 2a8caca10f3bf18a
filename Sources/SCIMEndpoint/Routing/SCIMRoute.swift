import Store

/// Where a request under the SCIM base path goes. Paths are percent-decoded once, here, before
/// routing and authentication, so `/%55sers` and `/Users` are the same route.
enum SCIMRoute: Equatable {
    case collection(ResourceKind)          // /Users, /Groups
    case resource(ResourceKind, String)    // /Users/{id}
    case search(ResourceKind?)             // /Users/.search, /.search
    case serviceProviderConfig
    case resourceTypes(String?)            // /ResourceTypes[/{id}]
    case schemas(String?)                  // /Schemas[/{urn}]
    case notImplemented(String)            // /Bulk, /Me
    case notFound

    /// `path` is what follows the base path, still percent-encoded ("" or "/Users/abc").
    static func parse(_ path: String) -> SCIMRoute {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map { QueryParametersDecoding.segment($0) }
        // Matrix parameters (`;x=y`) are not part of SCIM: refuse rather than guess.
        if segments.contains(where: { $0.contains(";") }) { return .notFound }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .notFound }
        guard let first = segments.first else { return .notFound }
        segments.removeFirst()
        let kind: ResourceKind?
        switch first.lowercased() {
        case "users": kind = .user
        case "groups": kind = .group
        case ".search": return segments.isEmpty ? .search(nil) : .notFound
        case "serviceproviderconfig", "serviceproviderconfigs": return segments.isEmpty ? .serviceProviderConfig : .notFound
        case "resourcetypes":
            if segments.isEmpty { return .resourceTypes(nil) }
            return segments.count == 1 ? .resourceTypes(segments[0]) : .notFound
        case "schemas":
            if segments.isEmpty { return .schemas(nil) }
            return segments.count == 1 ? .schemas(segments[0]) : .notFound
        case "bulk": return .notImplemented("Bulk")
        case "me": return .notImplemented("Me")
        default: kind = nil
        }
        guard let kind else { return .notFound }
        if segments.isEmpty { return .collection(kind) }
        if segments.count == 1 {
            return segments[0] == ".search" ? .search(kind) : .resource(kind, segments[0])
        }
        return .notFound
    }
}

import HTTPServer

enum QueryParametersDecoding {
    static func segment(_ s: Substring) -> String { QueryParameters.decodePathSegment(s) }
}
