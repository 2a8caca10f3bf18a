/// The one error type of the SCIM layer: an HTTP status, an optional RFC 7644 `scimType`, and a
/// human-readable detail. It renders as the RFC 7644 section 3.12 error body.
public struct SCIMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// RFC 7644 Table 9 `scimType` values.
    public enum ScimType: String, Sendable {
        case invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue, invalidVers, sensitive
    }

    public var status: Int
    public var scimType: ScimType?
    public var detail: String

    public init(status: Int, scimType: ScimType? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    public static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// The RFC 7644 error body: `status` is a string, as the RFC's examples and the IdPs expect.
    public var body: JSONValue {
        var o = JSONObject()
        o["schemas"] = .array([.string(Self.errorSchema)])
        o["status"] = .string(String(status))
        if let t = scimType { o["scimType"] = .string(t.rawValue) }
        o["detail"] = .string(detail)
        return .object(o)
    }

    public var description: String { "\(status)\(scimType.map { " \($0.rawValue)" } ?? ""): \(detail)" }

    // Common constructors, so call sites read as what went wrong.
    public static func invalidSyntax(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .invalidSyntax, detail: detail) }
    public static func invalidValue(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .invalidValue, detail: detail) }
    public static func invalidFilter(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .invalidFilter, detail: detail) }
    public static func invalidPath(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .invalidPath, detail: detail) }
    public static func noTarget(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .noTarget, detail: detail) }
    public static func mutability(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .mutability, detail: detail) }
    public static func uniqueness(_ detail: String) -> SCIMError { SCIMError(status: 409, scimType: .uniqueness, detail: detail) }
    public static func tooMany(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: .tooMany, detail: detail) }
    public static func notFound(_ detail: String) -> SCIMError { SCIMError(status: 404, detail: detail) }
    public static func preconditionFailed(_ detail: String) -> SCIMError { SCIMError(status: 412, detail: detail) }
    public static func unauthorized(_ detail: String = "Authorization failure: a valid bearer token is required") -> SCIMError { SCIMError(status: 401, detail: detail) }
    public static func internalError(_ detail: String) -> SCIMError { SCIMError(status: 500, detail: detail) }
}
