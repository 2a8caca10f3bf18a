import HTTPServer
import SCIMCore

/// One response of the server under test, read the way an IdP reads it.
struct SCIMResponse {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    init(_ r: HTTPClientResponse) {
        status = r.status
        headers = r.headers
        body = r.body
        parsed = body.isEmpty ? nil : (try? JSONParser.parse(body))
    }

    private let parsed: JSONValue?

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as JSON; `.null` when it is empty or not JSON (`isJSON` tells which).
    var json: JSONValue { parsed ?? .null }
    var isJSON: Bool { parsed != nil }

    var contentType: String? { headers["Content-Type"] }
    var etag: String? { headers["ETag"] }

    /// `id` of the returned resource.
    var id: String? { json["id"]?.stringValue }
    /// `Resources` of a ListResponse (empty when absent).
    var resources: [JSONValue] { json["Resources"]?.arrayValue ?? [] }
    var totalResults: Int? { json["totalResults"]?.numberValue?.intValue }
    /// The `value`s of a Group's `members` (empty when absent).
    var memberValues: [String] { (json["members"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue } }
    /// The `value`s of a User's `groups` (empty when absent).
    var groupValues: [String] { (json["groups"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue } }
}
