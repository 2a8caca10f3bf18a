/// One line of the users table.
public struct AdminUserRow: Sendable, Equatable {
    public var id: String
    public var integrationID: String
    public var integrationName: String
    public var userName: String
    public var displayName: String?
    /// name.formatted
    public var formattedName: String?
    /// The primary e-mail, else the first one.
    public var email: String?
    public var title: String?
    /// The enterprise extension's department.
    public var department: String?
    public var externalId: String?
    public var active: Bool
    public var groupCount: Int
    /// Some or all of the user's groups (the table shows the first few by name).
    public var groups: [AdminGroupRef]

    public init(id: String, integrationID: String, integrationName: String, userName: String,
                displayName: String? = nil, formattedName: String? = nil, email: String? = nil,
                title: String? = nil, department: String? = nil, externalId: String? = nil,
                active: Bool = true, groupCount: Int = 0, groups: [AdminGroupRef] = []) {
        self.id = id
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.userName = userName
        self.displayName = displayName
        self.formattedName = formattedName
        self.email = email
        self.title = title
        self.department = department
        self.externalId = externalId
        self.active = active
        self.groupCount = groupCount
        self.groups = groups
    }

    /// What the pages call the user: displayName, else name.formatted, else userName.
    public var shownName: String {
        if let d = displayName, !d.isEmpty { return d }
        if let f = formattedName, !f.isEmpty { return f }
        return userName
    }
}
