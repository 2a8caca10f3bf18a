/// scimd's integration bearer token: `scimd_<43 base64url chars>_<6 base62 chars>`.
///
/// The middle part is 32 bytes (256 bits) from the kernel CSPRNG. The tail is the CRC-32C of the
/// middle part's ASCII, in base62, zero-padded to six characters (62^6 > 2^32). As with GitHub's
/// token format, the prefix makes a leaked token easy to recognise and scan for, and the checksum
/// rejects typos and random strings without any lookup. Only `hash(_:)` of a token is ever stored.
public struct BearerToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let prefix = "scimd_"
    public static let randomByteCount = 32
    /// 43: base64url of 32 bytes without padding.
    static let randomPartLength = 43
    static let checksumLength = 6
    /// 56 characters in all.
    public static let length = 6 + 43 + 1 + 6

    /// The token itself: show it to the admin once, then keep only `hash`.
    public let secret: String

    init(secret: String) {
        self.secret = secret
    }

    public static func generate() -> BearerToken {
        let randomPart = Base64URL.encode(SecureRandom.bytes(randomByteCount))
        return BearerToken(secret: prefix + randomPart + "_" + checksumText(of: randomPart))
    }

    /// What to store and look tokens up by: SHA-256 of the UTF-8 of the secret (32 bytes).
    /// A plain hash is enough for a 256-bit random secret (ASVS 6.5.2).
    public var hash: [UInt8] { BearerToken.hash(secret) }

    /// A display form that reveals nothing usable, e.g. `scimd_…Xy3Q`.
    public var hint: String { BearerToken.hint(secret) }

    /// The hint, never the secret, so a token printed by accident does not leak.
    public var description: String { hint }
    public var debugDescription: String { "BearerToken(\(hint))" }

    public static func hash(_ secret: String) -> [UInt8] {
        SHA256.hash(utf8: secret)
    }

    /// True when `secret` has the prefix, the length, only base64url characters in the random part,
    /// base62 in the checksum, and a matching checksum. Says nothing about whether it was issued.
    public static func looksValid(_ secret: String) -> Bool {
        withUTF8Bytes(secret) { bytes -> Bool in
            guard bytes.count == length else { return false }
            let prefixBytes = Array(prefix.utf8)
            for index in 0..<prefixBytes.count where bytes[index] != prefixBytes[index] {
                return false
            }
            let randomStart = prefixBytes.count
            let separator = randomStart + randomPartLength
            guard bytes[separator] == UInt8(ascii: "_") else { return false }
            let random = UnsafeBufferPointer(rebasing: bytes[randomStart..<separator])
            // Also rejects a non-canonical last character (its unused low bits must be zero).
            guard let decoded = Base64Codec.url.decode(random), decoded.count == randomByteCount else { return false }
            let expected = checksumDigits(CRC32C.checksum(UnsafeRawBufferPointer(random)))
            var difference: UInt8 = 0
            for index in 0..<checksumLength {
                difference |= bytes[separator + 1 + index] ^ expected[index]
            }
            return difference == 0
        }
    }

    /// `scimd_…` plus the last four characters of `secret`; just `scimd_…` for a string too short
    /// to be a token, so a hint never shows a meaningful share of what was typed.
    public static func hint(_ secret: String) -> String {
        let characters = Array(secret.unicodeScalars)
        guard characters.count >= 16 else { return prefix + "…" }
        var tail = String.UnicodeScalarView()
        tail.append(contentsOf: characters[(characters.count - 4)...])
        return prefix + "…" + String(tail)
    }

    static func checksumText(of randomPart: String) -> String {
        String(decoding: checksumDigits(CRC32C.checksum(utf8: randomPart)), as: UTF8.self)
    }

    /// Six base62 digits (0-9, A-Z, a-z), most significant first.
    static func checksumDigits(_ value: UInt32) -> [UInt8] {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: checksumLength)
        var rest = value
        var index = checksumLength - 1
        while rest > 0 && index >= 0 {
            digits[index] = base62Alphabet[Int(rest % 62)]
            rest /= 62
            index -= 1
        }
        return digits
    }

    static let base62Alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
}
