/// The index keys of one resource, each hashed once: its id, its name key and its externalId
/// (snapshot loading hashes them on the reading thread, the tables take them as they are).
struct ResourceKeys: Sendable {
    var id: HashedKey<String>
    var name: HashedKey<String>
    var externalId: HashedKey<String>?

    init(id: String, nameKey: String, externalId: String?) {
        self.id = HashedKey(id)
        name = HashedKey(nameKey)
        self.externalId = externalId.map { HashedKey($0) }
    }
}
