import SCIMCore

extension JSONValue {
    /// Array element access for reading responses (`r.json["emails"]?[0]?["value"]`).
    subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, index >= 0, index < a.count else { return nil }
        return a[index]
    }

    /// Member lookup ignoring case, as SCIM attribute names compare.
    func member(ignoringCase key: String) -> JSONValue? { objectValue?.value(forKeyIgnoringCase: key) }

    /// Whether the object has the key (exact spelling).
    func has(_ key: String) -> Bool { objectValue?[key] != nil }

    /// The keys of an object, in order.
    var keys: [String] { objectValue?.keys ?? [] }

    var intValue: Int? { numberValue?.intValue }
}
