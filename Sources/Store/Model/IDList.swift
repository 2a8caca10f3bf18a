/// A small set of ids kept in insertion order, with no array allocation for the common case of one
/// (externalId → ids, member → groups containing it).
enum IDList: Sendable, Equatable {
    case one(String)
    case many([String])

    var ids: [String] {
        switch self {
        case .one(let id): return [id]
        case .many(let ids): return ids
        }
    }

    func contains(_ id: String) -> Bool {
        switch self {
        case .one(let only): return only == id
        case .many(let ids): return ids.contains(id)
        }
    }

    /// Adds `id` to an optional list (nil: empty), ignoring duplicates.
    static func adding(_ id: String, to list: IDList?) -> IDList {
        switch list {
        case nil: return .one(id)
        case .one(let only)?: return only == id ? .one(only) : .many([only, id])
        case .many(var ids)?:
            if !ids.contains(id) { ids.append(id) }
            return .many(ids)
        }
    }

    /// Removes `id`; nil when nothing is left.
    static func removing(_ id: String, from list: IDList?) -> IDList? {
        switch list {
        case nil: return nil
        case .one(let only)?: return only == id ? nil : .one(only)
        case .many(var ids)?:
            ids.removeAll { $0 == id }
            if ids.isEmpty { return nil }
            if ids.count == 1 { return .one(ids[0]) }
            return .many(ids)
        }
    }
}
