import HTTPServer
import SCIMCore

/// The response to a SCIM request plus what the activity page should say about it.
struct RequestOutcome: Sendable {
    var response: HTTPResponse
    var error: SCIMError?
    /// What changed ("created user alice").
    var summary: String?
    /// A remark that isn't an error ("skipped 2 unknown member ids: a, b").
    var note: String?
    /// The id of the resource created or addressed.
    var resourceID: String?
}
