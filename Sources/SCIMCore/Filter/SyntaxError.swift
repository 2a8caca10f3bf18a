/// A parse failure inside the filter/path/projection parsers, before it is mapped to the
/// `SCIMError` kind the caller answers with (invalidFilter, invalidPath, invalidValue).
/// The message already names the byte offset.
struct SyntaxError: Error, Sendable, Equatable {
    var message: String

    init(_ problem: String, at offset: Int) {
        message = "\(problem) at offset \(offset)"
    }
}
