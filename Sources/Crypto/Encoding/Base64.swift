/// Standard Base64 (RFC 4648 section 4), with `=` padding.
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { Base64Codec.standard.encode($0) }
    }

    /// The bytes, or nil for anything but canonical padded Base64 (no whitespace, no line breaks).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        withUTF8Bytes(text) { Base64Codec.standard.decode($0) }
    }
}
