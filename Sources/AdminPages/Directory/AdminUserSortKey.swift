/// The columns the users table can be sorted by. Strings sort case-insensitively; missing values last.
public enum AdminUserSortKey: String, Sendable, Equatable, CaseIterable {
    /// displayName, else name.formatted, else userName.
    case displayName
    case userName
    /// The primary (else first) e-mail address.
    case email
    case title
    case department
    case active
    /// The integration's name.
    case integration
}
