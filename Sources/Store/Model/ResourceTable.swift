import SCIMCore

/// One stored resource, compactly: the attributes as JSON text and the index keys it holds (shared
/// with the index dictionaries, so they cost a reference each).
struct ResourceEntry: Sendable {
    var attributes: [UInt8]
    /// ASCII-lowercased userName / displayName.
    var nameKey: String
    var externalId: String?
    var created: Int64
    var lastModified: Int64
    var version: Int64
    var ordinal: Int
}

/// What a put writes: the resource with its final metadata and the attributes already encoded.
struct ResourceRecord: Sendable, Equatable {
    var id: String
    var kind: ResourceKind
    var integrationID: String
    var created: Int64
    var lastModified: Int64
    var version: Int64
    var attributes: [UInt8]
    var nameKey: String
    var externalId: String?

    init(_ r: StoredResource) {
        id = r.id
        kind = r.kind
        integrationID = r.integrationID
        created = r.created
        lastModified = r.lastModified
        version = r.version
        attributes = CompactAttributes.encode(r.attributes)
        nameKey = r.uniqueName.map(ValueComparison.caseInsensitiveKey) ?? ""
        externalId = r.externalId
    }

    init(id: String, kind: ResourceKind, integrationID: String, created: Int64, lastModified: Int64, version: Int64,
         attributes: [UInt8], nameKey: String, externalId: String?) {
        self.id = id
        self.kind = kind
        self.integrationID = integrationID
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.attributes = attributes
        self.nameKey = nameKey
        self.externalId = externalId
    }

    init(id: String, kind: ResourceKind, integrationID: String, entry: ResourceEntry) {
        self.id = id
        self.kind = kind
        self.integrationID = integrationID
        created = entry.created
        lastModified = entry.lastModified
        version = entry.version
        attributes = entry.attributes
        nameKey = entry.nameKey
        externalId = entry.externalId
    }
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

    func contains(_ id: String) -> Bool { entries[id] != nil }
    func contains(_ id: HashedKey<String>) -> Bool { entries[id] != nil }
    func entry(_ id: String) -> ResourceEntry? { entries[id] }
    func id(forName name: String) -> String? { names[ValueComparison.caseInsensitiveKey(name)] }
    func id(forNameKey key: String) -> String? { names[key] }
    func ids(forExternalId externalId: String) -> [String] { externalIDs[externalId]?.ids ?? [] }

    func resource(_ id: String, integrationID: String) -> StoredResource? {
        entries[id].map { Self.resource(id, $0, kind: kind, integrationID: integrationID) }
    }

    static func resource(_ id: String, _ e: ResourceEntry, kind: ResourceKind, integrationID: String) -> StoredResource {
        StoredResource(id: id, kind: kind, integrationID: integrationID, created: e.created, lastModified: e.lastModified,
                       version: e.version, attributes: CompactAttributes.decode(e.attributes))
    }

    /// Adds a new resource at the end of creation order (or at `ordinal`, when undoing a delete).
    mutating func insert(_ r: ResourceRecord, ordinal: Int? = nil) {
        insert(r, keys: ResourceKeys(id: r.id, nameKey: r.nameKey, externalId: r.externalId), ordinal: ordinal)
    }

    /// `insert`, with the record's id, nameKey and externalId already hashed.
    mutating func insert(_ r: ResourceRecord, keys: ResourceKeys, ordinal: Int? = nil) {
        let position = ordinal ?? nextOrdinal
        nextOrdinal = max(nextOrdinal, position + 1)
        let entry = ResourceEntry(attributes: r.attributes, nameKey: r.nameKey, externalId: r.externalId,
                                  created: r.created, lastModified: r.lastModified, version: r.version, ordinal: position)
        entries.updateValue(entry, forKey: keys.id)
        if ordinal == nil { order.append(r.id, ordinal: position) } else { order.insert(r.id, ordinal: position) }
        if !r.nameKey.isEmpty { names.updateValue(r.id, forKey: keys.name) }
        if let ext = keys.externalId { externalIDs.modify(ext) { $0 = IDList.adding(r.id, to: $0) } }
    }

    /// Adds a new resource at the end of creation order from its entry (snapshot loading: the
    /// entry's fields are those a record would give; its ordinal is set here).
    mutating func append(_ entry: consuming ResourceEntry, keys: consuming ResourceKeys) {
        entry.ordinal = nextOrdinal
        nextOrdinal += 1
        let id = keys.id.key
        order.append(id, ordinal: entry.ordinal)
        if !keys.name.key.isEmpty { names.updateValue(id, forKey: keys.name) }
        if let ext = keys.externalId { externalIDs.modify(ext) { $0 = IDList.adding(id, to: $0) } }
        entries.updateValue(entry, forKey: keys.id)
    }

    /// Replaces an existing resource in place (same position); returns the old entry.
    @discardableResult
    mutating func replace(_ r: ResourceRecord) -> ResourceEntry? {
        let old: ResourceEntry? = entries.modify(r.id) { slot in
            guard let previous = slot else { return nil }
            slot = ResourceEntry(attributes: r.attributes, nameKey: r.nameKey, externalId: r.externalId,
                                 created: r.created, lastModified: r.lastModified, version: r.version, ordinal: previous.ordinal)
            return previous
        }
        guard let old, let new = entries[r.id] else { return nil }
        removeIndexes(r.id, old)
        addIndexes(r.id, new)
        return old
    }

    /// Changes only version and lastModified (membership changes).
    mutating func touch(_ id: String, version: Int64, lastModified: Int64) {
        entries.modify(id) { slot in
            slot?.version = version
            slot?.lastModified = lastModified
        }
    }

    @discardableResult
    mutating func remove(_ id: String) -> ResourceEntry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        order.remove(ordinal: entry.ordinal)
        removeIndexes(id, entry)
        return entry
    }

    private mutating func addIndexes(_ id: String, _ e: ResourceEntry) {
        if !e.nameKey.isEmpty { names.updateValue(id, forKey: e.nameKey) }
        if let ext = e.externalId { externalIDs.modify(ext) { $0 = IDList.adding(id, to: $0) } }
    }

    private mutating func removeIndexes(_ id: String, _ e: ResourceEntry) {
        if !e.nameKey.isEmpty, names[e.nameKey] == id { names.removeValue(forKey: e.nameKey) }
        if let ext = e.externalId { externalIDs.modify(ext) { $0 = IDList.removing(id, from: $0) } }
    }
}
