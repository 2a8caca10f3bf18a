import SCIMCore

/// A write in progress, handed `inout` to the body given to `Store.write`. Every mutation is
/// checked, applied to the in-memory state at once (so `state` shows it) and remembered as a log
/// event; when the body returns, the events become one log record (atomic on disk); when it throws,
/// every change is undone and nothing is logged. A mutation that throws changes nothing.
///
/// Do not keep `state` (or a `MemberList` from it) in a variable across a mutation: the shared
/// copy would make the mutation duplicate what it touches.
public struct Transaction {
    /// The directory including this transaction's earlier changes.
    public private(set) var state: DirectoryState
    /// Milliseconds since the epoch, fixed for the transaction.
    public let now: Int64

    private(set) var operations: [LogOperation] = []
    private var undoLog: [UndoStep] = []
    /// Resources whose version this transaction already bumped: it changes once per transaction.
    private var bumped: Set<String> = []

    init(state: consuming DirectoryState, now: Int64) {
        self.state = state
        self.now = now
    }

    /// Gives the state back, undoing everything if `rollback`.
    mutating func finish(rollback: Bool) -> DirectoryState {
        if rollback {
            state.undo(undoLog)
            operations = []
        }
        undoLog = []
        var result = DirectoryState()
        swap(&result, &state)
        return result
    }

    private mutating func perform(_ op: LogOperation) throws(SCIMError) {
        try state.apply(op, undo: &undoLog)
        operations.append(op)
    }

    private mutating func nextVersion(_ kind: ResourceKind, _ id: String, current: Int64) -> Int64 {
        bumped.insert(kind.rawValue + "/" + id).inserted ? current + 1 : current
    }

    // MARK: Integrations

    /// Creates an integration (createdAt = tokenRotatedAt = now). 409 `uniqueness` when the name
    /// (case-insensitively), the id or the token hash is taken; 400 for an empty name.
    public mutating func createIntegration(id: String, name: String, tokenHash: [UInt8], tokenHint: String) throws(SCIMError) {
        guard !id.isEmpty else { throw .invalidValue("an integration needs an id") }
        guard !Self.isBlank(name) else { throw .invalidValue("an integration needs a name") }
        guard !tokenHash.isEmpty else { throw .invalidValue("an integration needs a token") }
        try perform(.createIntegration(Integration(id: id, name: name, tokenHash: tokenHash, tokenHint: tokenHint,
                                                   createdAt: now, tokenRotatedAt: now)))
    }

    /// 404 if absent, 409 if another integration has the name.
    public mutating func renameIntegration(id: String, to name: String) throws(SCIMError) {
        guard !Self.isBlank(name) else { throw .invalidValue("an integration needs a name") }
        guard let current = state.integration(id: id) else { throw .notFound("integration \(id) not found") }
        if current.name == name { return }
        try perform(.renameIntegration(id: id, name: name))
    }

    /// Replaces the token hash (the old token stops working when this commits); tokenRotatedAt = now.
    public mutating func rotateToken(integrationID: String, tokenHash: [UInt8], tokenHint: String) throws(SCIMError) {
        guard !tokenHash.isEmpty else { throw .invalidValue("an integration needs a token") }
        guard state.integration(id: integrationID) != nil else { throw .notFound("integration \(integrationID) not found") }
        try perform(.rotateToken(id: integrationID, tokenHash: tokenHash, tokenHint: tokenHint, at: now))
    }

    /// Deletes the integration with all its users and groups. 404 if absent.
    public mutating func deleteIntegration(id: String) throws(SCIMError) {
        guard state.integration(id: id) != nil else { throw .notFound("integration \(id) not found") }
        try perform(.deleteIntegration(id: id))
    }

    /// Stores the admin password record (a PBKDF2 string from the Crypto module; opaque here).
    public mutating func setAdminPassword(record: String) {
        try? perform(.setAdminPassword(record: record))
    }

    // MARK: Users and groups

    /// Creates or replaces a user or group. The store sets `created`, `lastModified` and `version`
    /// (1 on create, +1 on replace; once per transaction) and returns what it stored.
    /// 404 if the integration does not exist; 400 `invalidValue` without a userName (User) or
    /// displayName (Group); 409 `uniqueness` when another resource of the integration has that
    /// name ignoring case (as `eq` filters compare), or the id belongs to the other kind.
    @discardableResult
    public mutating func putResource(_ resource: StoredResource) throws(SCIMError) -> StoredResource {
        guard !resource.id.isEmpty else { throw .invalidValue("a \(resource.kind.rawValue) needs an id") }
        guard state.integration(id: resource.integrationID) != nil else {
            throw .notFound("integration \(resource.integrationID) not found")
        }
        var stored = resource
        // The entry, not the resource: rebuilding its attributes would be wasted work.
        if let existing = state.entry(resource.kind, integrationID: resource.integrationID, id: resource.id) {
            stored.created = existing.created
            stored.version = nextVersion(resource.kind, resource.id, current: existing.version)
        } else {
            stored.created = now
            stored.version = 1
            bumped.insert(resource.kind.rawValue + "/" + resource.id)
        }
        stored.lastModified = now
        let record = ResourceRecord(stored)
        let kind = resource.kind
        guard !record.nameKey.isEmpty else { throw .invalidValue("a \(kind.rawValue) needs a \(kind.uniqueAttribute)") }
        let holder = kind == .user
            ? state.userID(integrationID: resource.integrationID, userName: record.nameKey)
            : state.groupID(integrationID: resource.integrationID, displayName: record.nameKey)
        if let holder, holder != resource.id {
            throw .uniqueness("a \(kind.rawValue) with \(kind.uniqueAttribute) \"\(resource.uniqueName ?? "")\" already exists")
        }
        try perform(.putResource(record))
        stored.integrationID = state.integrationStates[resource.integrationID]?.integration.id ?? stored.integrationID
        return stored
    }

    /// Deletes a user or group: 404 if absent. Its userName/displayName is free at once; it leaves
    /// every group it was a member of (those groups get a new version), and a deleted group's
    /// members no longer list it in their groups.
    public mutating func deleteResource(_ kind: ResourceKind, integrationID: String, id: String) throws(SCIMError) {
        guard state.contains(kind, integrationID: integrationID, id: id) else {
            throw .notFound("\(kind.rawValue) \(id) not found")
        }
        try perform(.deleteResource(kind: kind, integrationID: integrationID, id: id, at: now))
    }

    /// Adds members (objects with a string "value": a user or group id of the same integration) to a
    /// group, keeping their order. Returns the values actually added: already-present values,
    /// repeats, the group itself and values naming no user or group of the integration are skipped.
    /// Bumps version/lastModified only if something was added. 404 if the group does not exist;
    /// 400 `invalidValue` if a member has no string "value" (then nothing is added).
    @discardableResult
    public mutating func addMembers(integrationID: String, groupID: String, members: [JSONObject]) throws(SCIMError) -> [String] {
        let additions = try plannedAdditions(integrationID: integrationID, groupID: groupID, members: members, replacing: false)
        guard !additions.isEmpty else { return [] }
        let group = state.entry(.group, integrationID: integrationID, id: groupID)!
        try perform(.addMembers(integrationID: integrationID, groupID: groupID, members: additions, at: now,
                                version: nextVersion(.group, groupID, current: group.version)))
        return additions.compactMap(MemberList.value(of:))
    }

    /// Removes members by value; returns the values actually removed (absent ones are no-ops).
    /// Bumps version/lastModified only if something was removed. 404 if the group does not exist.
    @discardableResult
    public mutating func removeMembers(integrationID: String, groupID: String, values: [String]) throws(SCIMError) -> [String] {
        guard let group = state.entry(.group, integrationID: integrationID, id: groupID) else {
            throw .notFound("group \(groupID) not found")
        }
        let removals = presentValues(values, integrationID: integrationID, groupID: groupID)
        guard !removals.isEmpty else { return [] }
        try perform(.removeMembers(integrationID: integrationID, groupID: groupID, values: removals, at: now,
                                   version: nextVersion(.group, groupID, current: group.version)))
        return removals
    }

    /// Makes the group's members exactly `members` (for PUT): members not listed are removed, new
    /// ones appended; members kept keep their position and stored object. Skips values the way
    /// `addMembers` does. The version changes once. Returns the values added and removed.
    @discardableResult
    public mutating func replaceMembers(integrationID: String, groupID: String, members: [JSONObject]) throws(SCIMError)
        -> (added: [String], removed: [String])
    {
        let additions = try plannedAdditions(integrationID: integrationID, groupID: groupID, members: members, replacing: true)
        var wanted = Set<String>()
        for m in members { if let v = MemberList.value(of: m) { wanted.insert(v) } }
        let current = state.members(integrationID: integrationID, groupID: groupID)?.values ?? []
        let removals = current.filter { !wanted.contains($0) }
        var removed: [String] = []
        if !removals.isEmpty {
            removed = try removeMembers(integrationID: integrationID, groupID: groupID, values: removals)
        }
        var added: [String] = []
        if !additions.isEmpty {
            let group = state.entry(.group, integrationID: integrationID, id: groupID)!
            try perform(.addMembers(integrationID: integrationID, groupID: groupID, members: additions, at: now,
                                    version: nextVersion(.group, groupID, current: group.version)))
            added = additions.compactMap(MemberList.value(of:))
        }
        return (added, removed)
    }

    /// The distinct values of `values` that are members of the group (in a function of its own, so
    /// no reference to the member list outlives it and the removal that follows changes it in place).
    private func presentValues(_ values: [String], integrationID: String, groupID: String) -> [String] {
        guard let list = state.integrationStates[integrationID]?.memberLists[groupID] else { return [] }
        var seen = Set<String>()
        return values.filter { list.contains($0) && seen.insert($0).inserted }
    }

    /// The members of `members` that `addMembers` would really add, in order.
    private func plannedAdditions(integrationID: String, groupID: String, members: [JSONObject], replacing: Bool) throws(SCIMError)
        -> [JSONObject]
    {
        guard let integration = state.integrationStates[integrationID], integration.groups.entries[groupID] != nil else {
            throw .notFound("group \(groupID) not found")
        }
        let list = integration.memberLists[groupID]
        var seen = Set<String>()
        var additions: [JSONObject] = []
        for member in members {
            guard let value = MemberList.value(of: member), !value.isEmpty else {
                throw .invalidValue("a group member needs a string \"value\"")
            }
            guard seen.insert(value).inserted, value != groupID, integration.containsResource(value),
                  list?.contains(value) != true else { continue }
            additions.append(member)
        }
        return additions
    }

    private static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }
}
