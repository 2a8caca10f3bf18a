import Glibc

/// Character classes of RFC 9110 / 9112, as bitmask tests (no tables, no allocation).
enum HTTPByteClass {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let sp: UInt8 = 32
    static let htab: UInt8 = 9
    static let colon: UInt8 = 58

    /// tchar: "!#$%&'*+-.^_`|~", DIGIT, ALPHA. Low mask covers 0-63, high mask 64-127.
    private static let tokenLow: UInt64 = 0x03FF_6CFA_0000_0000  // ! # $ % & ' * + - . 0-9
    private static let tokenHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE  // A-Z ^ _ ` a-z | ~

    @inline(__always)
    static func isToken(_ b: UInt8) -> Bool {
        if b < 64 { return (tokenLow >> UInt64(b)) & 1 == 1 }
        if b < 128 { return (tokenHigh >> UInt64(b - 64)) & 1 == 1 }
        return false
    }

    /// field-vchar / SP / HTAB, with obs-text (0x80-0xFF) allowed; rejects CTLs and DEL.
    @inline(__always)
    static func isFieldValueByte(_ b: UInt8) -> Bool {
        b >= 0x20 ? b != 0x7F : b == htab
    }

    /// Bytes allowed in a request-target: visible ASCII only.
    @inline(__always)
    static func isTargetByte(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    @inline(__always)
    static func isOWS(_ b: UInt8) -> Bool { b == sp || b == htab }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 48...57: return Int(b - 48)
        case 65...70: return Int(b - 55)
        case 97...102: return Int(b - 87)
        default: return nil
        }
    }

    /// Case-insensitive compare of `bytes` with a lowercase ASCII literal made of letters and '-'.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        for i in 0..<bytes.count where bytes[i] | 0x20 != lit[i] { return false }
        return true
    }

    /// The index of the first LF in `base[from..<end]` (memchr), or nil.
    @inline(__always)
    static func indexOfLineFeed(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        guard from < end, let found = memchr(base + from, Int32(lf), end - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
