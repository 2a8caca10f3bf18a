import SCIMCore

/// Attributes kept as their compact JSON text: one allocation of ~500 bytes per user instead of a
/// tree of ~20 (a parsed `JSONObject` costs about 2 KB per user), which is what lets a million
/// users fit in memory. Reads rebuild the tree (`StoredResource.attributes`).
enum CompactAttributes {
    /// Attributes nest a few levels below a request's own limit.
    static let maxDepth = 64

    static func encode(_ attributes: JSONObject) -> [UInt8] {
        var writer = JSONSerializer(reservingCapacity: 512)
        writer.write(.object(attributes))
        // An exactly sized copy: the serializer's buffer has room to spare.
        return writer.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// The tree; an empty object if the bytes are not a JSON object (they always are: the store
    /// wrote them and the log or snapshot checksum verified them).
    static func decode(_ bytes: [UInt8]) -> JSONObject {
        (try? JSONParser.parse(bytes, maxDepth: maxDepth))?.objectValue ?? JSONObject()
    }
}
