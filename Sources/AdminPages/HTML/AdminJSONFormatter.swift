import SCIMCore

/// Pretty-printed JSON (two-space indent, keys in stored order) for the raw view on the user page.
/// Public so the directory implementation can fill `AdminUserDetail.rawJSON` with it.
public enum AdminJSONFormatter {
    public static func prettyPrinted(_ value: JSONValue) -> String {
        var w = JSONSerializer(reservingCapacity: 1024)
        write(value, indent: 0, into: &w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    public static func prettyPrinted(_ object: JSONObject) -> String { prettyPrinted(.object(object)) }

    private static func write(_ value: JSONValue, indent: Int, into w: inout JSONSerializer) {
        switch value {
        case .object(let o):
            if o.isEmpty { w.writeRaw("{}"); return }
            w.writeRaw("{\n")
            for (i, m) in o.members.enumerated() {
                w.writeRaw(String(repeating: "  ", count: indent + 1))
                w.writeString(m.key)
                w.writeRaw(": ")
                write(m.value, indent: indent + 1, into: &w)
                w.writeRaw(i + 1 < o.count ? ",\n" : "\n")
            }
            w.writeRaw(String(repeating: "  ", count: indent) + "}")
        case .array(let a):
            if a.isEmpty { w.writeRaw("[]"); return }
            w.writeRaw("[\n")
            for (i, v) in a.enumerated() {
                w.writeRaw(String(repeating: "  ", count: indent + 1))
                write(v, indent: indent + 1, into: &w)
                w.writeRaw(i + 1 < a.count ? ",\n" : "\n")
            }
            w.writeRaw(String(repeating: "  ", count: indent) + "]")
        default:
            w.write(value)
        }
    }
}
