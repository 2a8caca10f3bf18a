/// Admin password storage: PBKDF2-HMAC-SHA-256 with a 16-byte random salt and a 32-byte key
/// (OWASP: at least 600,000 iterations). The record keeps its parameters so they can be raised:
///
///     pbkdf2-sha256$600000$<base64 salt>$<base64 key>
///
/// The whole password is used (HMAC hashes keys longer than a block): no 72-byte truncation.
public enum PasswordHasher {
    public static let algorithm = "pbkdf2-sha256"
    public static let defaultIterations = 600_000
    /// Records claiming more are refused: verifying one would take minutes (a denial of service).
    public static let maximumIterations = 10_000_000
    public static let saltByteCount = 16
    public static let keyByteCount = 32

    /// A new record for `password`. `iterations` must be in `1...maximumIterations`.
    public static func hash(password: String, iterations: Int = defaultIterations) -> String {
        precondition(iterations >= 1 && iterations <= maximumIterations, "iteration count out of range")
        let salt = SecureRandom.bytes(saltByteCount)
        let key = PBKDF2.deriveKey(password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: keyByteCount)
        return "\(algorithm)$\(iterations)$\(Base64.encode(salt))$\(Base64.encode(key))"
    }

    /// True when `record` is well formed and was made from `password`. Malformed records,
    /// unknown algorithms and absurd parameters give false, never a crash.
    public static func verify(password: String, record: String) -> Bool {
        guard let parsed = Record(record) else { return false }
        let key = PBKDF2.deriveKey(password: Array(password.utf8), salt: parsed.salt, iterations: parsed.iterations, keyLength: parsed.key.count)
        return ConstantTime.equals(key, parsed.key)
    }

    /// True when `record` should be replaced on the next successful login: unreadable, or made
    /// with fewer iterations than `iterations`.
    public static func needsRehash(record: String, iterations: Int = defaultIterations) -> Bool {
        guard let parsed = Record(record) else { return true }
        return parsed.iterations < iterations
    }

    /// A parsed, bounds-checked record.
    struct Record {
        let iterations: Int
        let salt: [UInt8]
        let key: [UInt8]

        init?(_ text: String) {
            guard text.utf8.count <= 512 else { return nil }
            let fields = text.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0] == PasswordHasher.algorithm else { return nil }
            let count = fields[1].utf8
            // Plain decimal: no sign, no leading zero, at most 8 digits before the range check.
            guard !count.isEmpty, count.count <= 8, count.first != UInt8(ascii: "0"),
                  count.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let iterations = Int(fields[1]), iterations >= 1, iterations <= PasswordHasher.maximumIterations
            else { return nil }
            guard let salt = Base64.decode(fields[2]), (8...64).contains(salt.count),
                  let key = Base64.decode(fields[3]), (16...64).contains(key.count)
            else { return nil }
            self.iterations = iterations
            self.salt = salt
            self.key = key
        }
    }
}
