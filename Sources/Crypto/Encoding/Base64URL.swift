/// URL- and filename-safe Base64 (RFC 4648 section 5) without padding.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { Base64Codec.url.encode($0) }
    }

    /// The bytes, or nil for anything but canonical unpadded base64url (`=` is rejected).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        withUTF8Bytes(text) { Base64Codec.url.decode($0) }
    }
}
