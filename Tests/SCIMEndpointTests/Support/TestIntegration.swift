/// An integration the harness created, with the token shown once at creation (or rotation).
struct TestIntegration: Sendable {
    let id: String
    let name: String
    var token: String
}
