public enum AdminSortDirection: String, Sendable, Equatable {
    case ascending = "asc"
    case descending = "desc"

    public var reversed: AdminSortDirection { self == .ascending ? .descending : .ascending }
}
