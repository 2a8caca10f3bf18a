import SCIMCore

/// One resource and its position in creation order.
struct ResourceEntry: Sendable {
    var resource: StoredResource
    var ordinal: Int
}

/// The users (or the groups) of one integration, with their indexes: by id, by unique name
/// (case-folded userName / displayName), by externalId (exact), and creation order.
struct ResourceTable: Sendable {
    let kind: ResourceKind
    private(set) var entries = ShardedDictionary<String, ResourceEntry>()
    private(set) var order = ChunkedList<String>()
    private(set) var names = ShardedDictionary<String, String>()
    private(set) var externalIDs = ShardedDictionary<String, IDList>()
    private(set) var nextOrdinal = 0

    init(kind: ResourceKind) { self.kind = kind }

    var count: Int { entries.count }

    func resource(_ id: String) -> StoredResource? { entries[id]?.resource }
    func entry(_ id: String) -> ResourceEntry? { entries[id] }
    func id(forName name: String) -> String? { names[ValueComparison.caseInsensitiveKey(name)] }
    func ids(forExternalId externalId: String) -> [String] { externalIDs[externalId]?.ids ?? [] }

    /// Case-folded the way filters compare userName and displayName (`ValueComparison`).
    static func nameKey(_ resource: StoredResource) -> String? { resource.uniqueName.map(ValueComparison.caseInsensitiveKey) }

    /// Adds a new resource at the end of creation order (or at `ordinal`, when undoing a delete).
    mutating func insert(_ resource: StoredResource, ordinal: Int? = nil) {
        let position = ordinal ?? nextOrdinal
        nextOrdinal = max(nextOrdinal, position + 1)
        entries.updateValue(ResourceEntry(resource: resource, ordinal: position), forKey: resource.id)
        if ordinal == nil { order.append(resource.id, ordinal: position) } else { order.insert(resource.id, ordinal: position) }
        addIndexes(resource)
    }

    /// Replaces an existing resource in place (same position); returns the old one.
    @discardableResult
    mutating func replace(_ resource: StoredResource) -> StoredResource? {
        let old: StoredResource? = entries.modify(resource.id) { slot in
            guard var entry = slot else { return nil }
            let previous = entry.resource
            entry.resource = resource
            slot = entry
            return previous
        }
        guard let old else { return nil }
        removeIndexes(old)
        addIndexes(resource)
        return old
    }

    /// Changes only version and lastModified (membership changes).
    mutating func touch(_ id: String, version: Int64, lastModified: Int64) {
        entries.modify(id) { slot in
            slot?.resource.version = version
            slot?.resource.lastModified = lastModified
        }
    }

    @discardableResult
    mutating func remove(_ id: String) -> ResourceEntry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        order.remove(ordinal: entry.ordinal)
        removeIndexes(entry.resource)
        return entry
    }

    private mutating func addIndexes(_ resource: StoredResource) {
        if let key = Self.nameKey(resource) { names.updateValue(resource.id, forKey: key) }
        if let ext = resource.externalId {
            externalIDs.modify(ext) { $0 = IDList.adding(resource.id, to: $0) }
        }
    }

    private mutating func removeIndexes(_ resource: StoredResource) {
        if let key = Self.nameKey(resource), names[key] == resource.id { names.removeValue(forKey: key) }
        if let ext = resource.externalId {
            externalIDs.modify(ext) { $0 = IDList.removing(resource.id, from: $0) }
        }
    }
}
