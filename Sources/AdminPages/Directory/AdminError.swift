/// Why a directory write failed, in words the admin pages can show.
public enum AdminError: Error, Sendable, Equatable {
    /// The integration (or other object) does not exist (any more).
    case notFound
    /// Another integration already has this name.
    case duplicateName
    /// The input was refused; the message says why.
    case invalid(String)
    /// The store could not write (disk full, I/O error); nothing was changed.
    case storage(String)

    public var message: String {
        switch self {
        case .notFound: return "That integration no longer exists."
        case .duplicateName: return "Another integration already has this name. Choose a unique name."
        case .invalid(let why): return why
        case .storage(let why): return "The change could not be saved: \(why)"
        }
    }
}
