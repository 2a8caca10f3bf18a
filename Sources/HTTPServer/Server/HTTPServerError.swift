/// Why `HTTPServer.start()` failed; `description` is a sentence fit for an operator.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        case addressInUse
        case permissionDenied
        case addressNotAvailable
        case invalidAddress
        case invalidConfiguration
        case alreadyStarted
        case system
    }

    public let kind: Kind
    public let message: String
    /// The errno behind the failure, when there is one.
    public let errno: Int32

    public init(_ kind: Kind, _ message: String, errno: Int32 = 0) {
        self.kind = kind
        self.message = message
        self.errno = errno
    }

    public var description: String { message }
}
