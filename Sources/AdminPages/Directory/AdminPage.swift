/// One page of a longer, sorted result.
public struct AdminPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    /// How many rows match in all (for the pager).
    public var total: Int

    public init(rows: [Row], total: Int) {
        self.rows = rows
        self.total = total
    }
}
