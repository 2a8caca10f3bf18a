import Crypto

/// Removes anything shaped like a scimd bearer token from text that is kept or shown (the activity
/// page records request targets and error details; a misconfigured client may put its token in the
/// URL, `?access_token=scimd_…`, and a token must never be logged).
public enum TokenRedaction {
    static let replacement = BearerToken.prefix + "[redacted]"

    /// `text` with every `scimd_` followed by 16 or more token characters (base64url and `_`)
    /// replaced by `scimd_[redacted]`. Linear in the text; returns it unchanged when there is nothing to hide.
    public static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let prefix = Array(BearerToken.prefix.utf8)
        guard bytes.count >= prefix.count else { return text }
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == prefix[0], i + prefix.count <= bytes.count, bytes[i..<(i + prefix.count)].elementsEqual(prefix) {
                var end = i + prefix.count
                while end < bytes.count && isTokenByte(bytes[end]) { end += 1 }
                if end - (i + prefix.count) >= 16 {
                    if !changed { out.reserveCapacity(bytes.count); out.append(contentsOf: bytes[0..<i]); changed = true }
                    out.append(contentsOf: replacement.utf8)
                    i = end
                    continue
                }
            }
            if changed { out.append(bytes[i]) }
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
