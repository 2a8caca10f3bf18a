import HTTPServer
import SCIMCore

/// The parameters of a list or search request (RFC 7644 sections 3.4.2 and 3.4.3), from the query
/// string or a SearchRequest body. Unknown parameters are ignored (Entra adds `aadOptscim062020`).
struct ListQuery: Sendable {
    var filter: FilterExpression?
    /// 1-based, as SCIM counts.
    var startIndex: Int = 1
    var count: Int
    var sort: SortSpecification?
    var projection: Projection

    init(query: QueryParameters, configuration: SCIMEndpointConfiguration) throws(SCIMError) {
        if let f = query["filter"], !f.trimmingCharacters().isEmpty { filter = try FilterParser.parse(f) }
        startIndex = try Self.integer(query["startIndex"], name: "startIndex") ?? 1
        count = try Self.integer(query["count"], name: "count") ?? configuration.defaultPageSize
        sort = try SortSpecification.parse(sortBy: query["sortBy"], sortOrder: query["sortOrder"])
        projection = try Projection.parse(attributes: query["attributes"], excludedAttributes: query["excludedAttributes"])
        clamp(configuration)
    }

    init(searchBody body: JSONValue, configuration: SCIMEndpointConfiguration) throws(SCIMError) {
        guard let o = body.objectValue else { throw SCIMError.invalidSyntax("A SearchRequest must be a JSON object") }
        func text(_ key: String) throws(SCIMError) -> String? {
            guard let v = o.value(forKeyIgnoringCase: key), !v.isNull else { return nil }
            if let s = v.stringValue { return s }
            if let a = v.arrayValue {
                var parts: [String] = []
                for item in a {
                    guard let s = item.stringValue else { throw SCIMError.invalidValue("\(key) must be a list of attribute names") }
                    parts.append(s)
                }
                return parts.joined(separator: ",")
            }
            throw SCIMError.invalidValue("\(key) must be a string")
        }
        func number(_ key: String) throws(SCIMError) -> Int? {
            guard let v = o.value(forKeyIgnoringCase: key), !v.isNull else { return nil }
            if let n = v.numberValue?.intValue { return n }
            if let s = v.stringValue { return try Self.integer(s, name: key) }
            throw SCIMError.invalidValue("\(key) must be an integer")
        }
        if let f = try text("filter"), !f.trimmingCharacters().isEmpty { filter = try FilterParser.parse(f) }
        startIndex = try number("startIndex") ?? 1
        count = try number("count") ?? configuration.defaultPageSize
        sort = try SortSpecification.parse(sortBy: try text("sortBy"), sortOrder: try text("sortOrder"))
        projection = try Projection.parse(attributes: try text("attributes"), excludedAttributes: try text("excludedAttributes"))
        clamp(configuration)
    }

    /// RFC 7644 3.4.2.4: startIndex < 1 is 1; negative count is 0; count above the maximum is the maximum.
    private mutating func clamp(_ configuration: SCIMEndpointConfiguration) {
        if startIndex < 1 { startIndex = 1 }
        if count < 0 { count = 0 }
        if count > configuration.maxPageSize { count = configuration.maxPageSize }
    }

    static func integer(_ text: String?, name: String) throws(SCIMError) -> Int? {
        guard let t = text?.trimmingCharacters(), !t.isEmpty else { return nil }
        guard let n = Int(t) else { throw SCIMError.invalidValue("\(name) must be an integer, got \"\(t.prefix(40))\"") }
        return n
    }
}
