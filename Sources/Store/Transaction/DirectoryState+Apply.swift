import SCIMCore

/// Applying events to the state (transactions and replay share this code) and undoing them.
extension DirectoryState {
    /// Applies one event, appending the inverse of every primitive change to `undo`. Throws (with
    /// nothing changed) when the event does not fit the state: transactions check first, so this
    /// only happens when replaying a log that is inconsistent.
    mutating func apply(_ op: LogOperation, undo: inout [UndoStep]) throws(SCIMError) {
        switch op {
        case .createIntegration(let integration):
            let nameKey = integration.name.asciiLowercased
            guard integrationStates[integration.id] == nil else { throw .uniqueness("an integration with id \(integration.id) already exists") }
            guard integrationNames[nameKey] == nil else { throw .uniqueness("an integration named \"\(integration.name)\" already exists") }
            guard tokenIndex[integration.tokenHash] == nil else { throw .uniqueness("another integration has the same token") }
            integrationStates[integration.id] = IntegrationState(integration: integration)
            integrationOrder.append(integration.id)
            integrationNames[nameKey] = integration.id
            tokenIndex[integration.tokenHash] = integration.id
            undo.append(.removeCreatedIntegration(id: integration.id))

        case .renameIntegration(let id, let name):
            guard var integration = integrationStates[id]?.integration else { throw .notFound("integration \(id) not found") }
            if let other = integrationNames[name.asciiLowercased], other != id { throw .uniqueness("an integration named \"\(name)\" already exists") }
            let old = integration
            integration.name = name
            replaceIntegrationRecord(old: old, new: integration)
            undo.append(.restoreIntegration(old))

        case .rotateToken(let id, let hash, let hint, let at):
            guard var integration = integrationStates[id]?.integration else { throw .notFound("integration \(id) not found") }
            if let other = tokenIndex[hash], other != id { throw .uniqueness("another integration has the same token") }
            let old = integration
            integration.tokenHash = hash
            integration.tokenHint = hint
            integration.tokenRotatedAt = at
            replaceIntegrationRecord(old: old, new: integration)
            undo.append(.restoreIntegration(old))

        case .deleteIntegration(let id):
            guard let removed = integrationStates.removeValue(forKey: id) else { throw .notFound("integration \(id) not found") }
            let position = integrationOrder.firstIndex(of: id) ?? integrationOrder.count
            if position < integrationOrder.count { integrationOrder.remove(at: position) }
            integrationNames.removeValue(forKey: removed.integration.name.asciiLowercased)
            tokenIndex.removeValue(forKey: removed.integration.tokenHash)
            undo.append(.reinsertIntegration(removed, position: position))

        case .setAdminPassword(let record):
            undo.append(.restoreAdminPassword(adminPassword))
            adminPassword = record

        case .putResource(let resource):
            try putResource(resource, undo: &undo)

        case .deleteResource(let kind, let integrationID, let id, let at):
            try deleteResource(kind, integrationID: integrationID, id: id, at: at, undo: &undo)

        case .addMembers(let integrationID, let groupID, let members, let at, let version):
            try withGroup(integrationID, groupID) { (s) throws(SCIMError) in
                for member in members {
                    guard let value = MemberList.value(of: member) else { throw .invalidValue("a group member needs a \"value\"") }
                    if s.memberLists[groupID]?.contains(value) == true { throw .uniqueness("\(value) is already a member of group \(groupID)") }
                }
                let old = s.groups.entry(groupID)!
                undo.append(.restoreGroupMeta(integrationID: integrationID, groupID: groupID, version: old.version, lastModified: old.lastModified))
                var list = s.takeMemberList(groupID)
                for member in members {
                    if let value = MemberList.value(of: member), list.add(member, value: value) {
                        s.memberOf.modify(value) { $0 = IDList.adding(groupID, to: $0) }
                        s.membershipCount += 1
                        undo.append(.removeAddedMember(integrationID: integrationID, groupID: groupID, value: value))
                    }
                }
                s.putMemberList(list, groupID: groupID)
                s.groups.touch(groupID, version: version, lastModified: at)
            }

        case .removeMembers(let integrationID, let groupID, let values, let at, let version):
            try withGroup(integrationID, groupID) { (s) throws(SCIMError) in
                let old = s.groups.entry(groupID)!
                undo.append(.restoreGroupMeta(integrationID: integrationID, groupID: groupID, version: old.version, lastModified: old.lastModified))
                var list = s.takeMemberList(groupID)
                for value in values {
                    if let (member, ordinal) = list.remove(value) {
                        s.memberOf.modify(value) { $0 = IDList.removing(groupID, from: $0) }
                        s.membershipCount -= 1
                        undo.append(.reinsertMember(integrationID: integrationID, groupID: groupID, member: member, value: value, ordinal: ordinal))
                    }
                }
                s.putMemberList(list, groupID: groupID)
                s.groups.touch(groupID, version: version, lastModified: at)
            }
        }
    }

    private mutating func replaceIntegrationRecord(old: Integration, new: Integration) {
        integrationStates[new.id]?.integration = new
        if integrationNames[old.name.asciiLowercased] == old.id { integrationNames.removeValue(forKey: old.name.asciiLowercased) }
        integrationNames[new.name.asciiLowercased] = new.id
        if tokenIndex[old.tokenHash] == old.id { tokenIndex.removeValue(forKey: old.tokenHash) }
        tokenIndex[new.tokenHash] = new.id
    }

    /// Runs `body` on an integration's state in place (no copy).
    mutating func withIntegration<R>(_ id: String, _ body: (inout IntegrationState) throws(SCIMError) -> R) throws(SCIMError) -> R {
        guard integrationStates[id] != nil else { throw .notFound("integration \(id) not found") }
        var result: Result<R, SCIMError>!
        // Dictionary's in-place subscript yields the value without copying it.
        modifyIntegration(id) { s in
            do throws(SCIMError) { result = .success(try body(&s)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    private mutating func modifyIntegration(_ id: String, _ body: (inout IntegrationState) -> Void) {
        if integrationStates[id] != nil { body(&integrationStates[id]!) }
    }

    private mutating func withGroup(_ integrationID: String, _ groupID: String,
                                    _ body: (inout IntegrationState) throws(SCIMError) -> Void) throws(SCIMError) {
        try withIntegration(integrationID) { (s) throws(SCIMError) in
            guard s.groups.contains(groupID) else { throw .notFound("group \(groupID) not found") }
            try body(&s)
        }
    }

    private mutating func putResource(_ resource: ResourceRecord, undo: inout [UndoStep]) throws(SCIMError) {
        try withIntegration(resource.integrationID) { (s) throws(SCIMError) in
            var resource = resource
            resource.integrationID = s.integration.id  // share the one copy of the id string
            let kind = resource.kind
            guard !resource.nameKey.isEmpty else { throw .invalidValue("a \(kind.rawValue) needs a \(kind.uniqueAttribute)") }
            let otherKind: ResourceKind = kind == .user ? .group : .user
            let (otherHas, holder, existed): (Bool, String?, Bool) = kind == .user
                ? (s.groups.contains(resource.id), s.users.id(forNameKey: resource.nameKey), s.users.contains(resource.id))
                : (s.users.contains(resource.id), s.groups.id(forNameKey: resource.nameKey), s.groups.contains(resource.id))
            if otherHas { throw .uniqueness("id \(resource.id) is already used by a \(otherKind.rawValue)") }
            if let holder, holder != resource.id {
                throw .uniqueness("a \(kind.rawValue) with this \(kind.uniqueAttribute) already exists")
            }
            s.withTable(kind) { table in
                if existed {
                    if let old = table.replace(resource) {
                        undo.append(.restoreResource(ResourceRecord(id: resource.id, kind: kind, integrationID: resource.integrationID, entry: old)))
                    }
                } else {
                    table.insert(resource)
                    undo.append(.removeCreatedResource(kind: kind, integrationID: resource.integrationID, id: resource.id))
                }
            }
        }
    }

    private mutating func deleteResource(_ kind: ResourceKind, integrationID: String, id: String, at: Int64,
                                         undo: inout [UndoStep]) throws(SCIMError) {
        try withIntegration(integrationID) { (s) throws(SCIMError) in
            guard (kind == .user ? s.users.contains(id) : s.groups.contains(id)) else { throw .notFound("\(kind.rawValue) \(id) not found") }
            // Out of every group that holds it, each of which changes (new version).
            for groupID in s.memberOf[id]?.ids ?? [] {
                var list = s.takeMemberList(groupID)
                if let (member, ordinal) = list.remove(id) {
                    s.membershipCount -= 1
                    undo.append(.reinsertMember(integrationID: integrationID, groupID: groupID, member: member, value: id, ordinal: ordinal))
                }
                s.putMemberList(list, groupID: groupID)
                if let group = s.groups.entry(groupID) {
                    undo.append(.restoreGroupMeta(integrationID: integrationID, groupID: groupID, version: group.version, lastModified: group.lastModified))
                    s.groups.touch(groupID, version: group.version + 1, lastModified: at)
                }
            }
            s.memberOf.removeValue(forKey: id)
            // A group's own members no longer belong to it.
            if kind == .group, let list = s.memberLists.removeValue(forKey: id) {
                list.forEachValue { value in
                    s.memberOf.modify(value) { $0 = IDList.removing(id, from: $0) }
                    return true
                }
                s.membershipCount -= list.count
                undo.append(.restoreMemberList(integrationID: integrationID, groupID: id, list: list))
            }
            let entry: ResourceEntry? = s.withTable(kind) { $0.remove(id) }
            if let entry { undo.append(.reinsertResource(kind: kind, integrationID: integrationID, id: id, entry: entry)) }
        }
    }

    /// Reverts `steps` (as recorded, oldest first) by applying their inverses newest first.
    mutating func undo(_ steps: [UndoStep]) {
        for step in steps.reversed() { revert(step) }
    }

    private mutating func revert(_ step: UndoStep) {
        switch step {
        case .removeCreatedIntegration(let id):
            if let removed = integrationStates.removeValue(forKey: id) {
                integrationOrder.removeAll { $0 == id }
                integrationNames.removeValue(forKey: removed.integration.name.asciiLowercased)
                tokenIndex.removeValue(forKey: removed.integration.tokenHash)
            }
        case .restoreIntegration(let old):
            if let current = integrationStates[old.id]?.integration { replaceIntegrationRecord(old: current, new: old) }
        case .reinsertIntegration(let state, let position):
            integrationStates[state.integration.id] = state
            integrationOrder.insert(state.integration.id, at: min(position, integrationOrder.count))
            integrationNames[state.integration.name.asciiLowercased] = state.integration.id
            tokenIndex[state.integration.tokenHash] = state.integration.id
        case .restoreAdminPassword(let old):
            adminPassword = old
        case .removeCreatedResource(let kind, let integrationID, let id):
            modifyIntegration(integrationID) { s in s.withTable(kind) { _ = $0.remove(id) } }
        case .restoreResource(let old):
            modifyIntegration(old.integrationID) { s in s.withTable(old.kind) { _ = $0.replace(old) } }
        case .reinsertResource(let kind, let integrationID, let id, let entry):
            modifyIntegration(integrationID) { s in
                s.withTable(kind) { $0.insert(ResourceRecord(id: id, kind: kind, integrationID: integrationID, entry: entry), ordinal: entry.ordinal) }
            }
        case .reinsertMember(let integrationID, let groupID, let member, let value, let ordinal):
            modifyIntegration(integrationID) { s in
                var list = s.takeMemberList(groupID)
                list.reinsert(member, value: value, ordinal: ordinal)
                s.putMemberList(list, groupID: groupID)
                s.memberOf.modify(value) { $0 = IDList.adding(groupID, to: $0) }
                s.membershipCount += 1
            }
        case .removeAddedMember(let integrationID, let groupID, let value):
            modifyIntegration(integrationID) { s in
                var list = s.takeMemberList(groupID)
                if list.remove(value) != nil { s.membershipCount -= 1 }
                s.putMemberList(list, groupID: groupID)
                s.memberOf.modify(value) { $0 = IDList.removing(groupID, from: $0) }
            }
        case .restoreGroupMeta(let integrationID, let groupID, let version, let lastModified):
            modifyIntegration(integrationID) { s in s.groups.touch(groupID, version: version, lastModified: lastModified) }
        case .restoreMemberList(let integrationID, let groupID, let list):
            modifyIntegration(integrationID) { s in
                list.forEachValue { value in
                    s.memberOf.modify(value) { $0 = IDList.adding(groupID, to: $0) }
                    return true
                }
                s.membershipCount += list.count
                s.memberLists.updateValue(list, forKey: groupID)
            }
        }
    }
}
