/// The admin password rules of OWASP ASVS 5 (6.2.1, 6.2.4, 6.2.5, 6.2.9): 8 to 128 characters,
/// no composition rules, and not one of the most common passwords (compared case-insensitively).
/// Characters are Unicode scalars, as NIST SP 800-63B counts them, not UTF-8 bytes.
public enum PasswordPolicy {
    public static let minimumLength = 8
    public static let maximumLength = 128

    public enum Violation: Equatable, Sendable, CustomStringConvertible {
        case tooShort
        case tooLong
        case tooCommon

        /// A sentence to show next to the password field.
        public var message: String {
            switch self {
            case .tooShort: return "Use at least \(PasswordPolicy.minimumLength) characters"
            case .tooLong: return "Use at most \(PasswordPolicy.maximumLength) characters"
            case .tooCommon: return "That password is too common: choose another"
            }
        }

        public var description: String { message }
    }

    /// The first rule `password` breaks, or nil when it is acceptable.
    public static func check(_ password: String) -> Violation? {
        let length = password.unicodeScalars.count
        if length < minimumLength { return .tooShort }
        if length > maximumLength { return .tooLong }
        if isCommon(password) { return .tooCommon }
        return nil
    }

    /// True when `password`, lowercased, is on the common-password list.
    public static func isCommon(_ password: String) -> Bool {
        CommonPasswords.set.contains(password.lowercased())
    }
}
