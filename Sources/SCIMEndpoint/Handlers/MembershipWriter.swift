import SCIMCore
import Store

/// Applies membership deltas to one group inside a store transaction, in O(change).
///
/// A member id that names no user or group of the same integration is skipped, not stored, and
/// reported: IdPs retry a rejected batch forever, so one stale id must not block the rest.
struct MembershipWriter {
    let integrationID: String
    let groupID: String
    private(set) var skipped: [String] = []
    private(set) var added = 0
    private(set) var removed = 0

    init(integrationID: String, groupID: String) {
        self.integrationID = integrationID
        self.groupID = groupID
    }

    mutating func apply(_ change: MembershipChange, in tx: inout Transaction, evaluator: FilterEvaluator) throws(SCIMError) {
        switch change {
        case .add(let members):
            try add(members, in: &tx)
        case .remove(let values):
            removed += try tx.removeMembers(integrationID: integrationID, groupID: groupID, values: values).count
        case .removeAll:
            let values = tx.state.members(integrationID: integrationID, groupID: groupID)?.values ?? []
            removed += try tx.removeMembers(integrationID: integrationID, groupID: groupID, values: values).count
        case .removeMatching(let filter):
            let list = tx.state.members(integrationID: integrationID, groupID: groupID)
            let values = (list?.all ?? []).filter { evaluator.matches(filter, element: .object($0), of: ResourceDefinition.group.memberAttribute) }.compactMap { $0["value"]?.stringValue }
            removed += try tx.removeMembers(integrationID: integrationID, groupID: groupID, values: values).count
        case .replaceAll(let members):
            try replaceAll(with: members, in: &tx)
        }
    }

    /// Makes the member list equal `members` by removing what is no longer wanted and adding what is new.
    mutating func replaceAll(with members: [JSONObject], in tx: inout Transaction) throws(SCIMError) {
        var wanted = Set<String>()
        wanted.reserveCapacity(members.count)
        for m in members { if let v = m["value"]?.stringValue { wanted.insert(v) } }
        let current = tx.state.members(integrationID: integrationID, groupID: groupID)
        let toRemove = (current?.values ?? []).filter { !wanted.contains($0) }
        if !toRemove.isEmpty {
            removed += try tx.removeMembers(integrationID: integrationID, groupID: groupID, values: toRemove).count
        }
        let fresh = members.filter { m in
            guard let v = m["value"]?.stringValue else { return false }
            return !(current?.contains(v) ?? false)
        }
        try add(fresh, in: &tx)
    }

    mutating func add(_ members: [JSONObject], in tx: inout Transaction) throws(SCIMError) {
        var accepted: [JSONObject] = []
        accepted.reserveCapacity(members.count)
        var seen = Set<String>()
        for m in members {
            guard let value = m["value"]?.stringValue else { continue }
            guard seen.insert(value).inserted else { continue }
            let isUser = tx.state.contains(.user, integrationID: integrationID, id: value)
            let isGroup = !isUser && value != groupID && tx.state.contains(.group, integrationID: integrationID, id: value)
            if isUser || isGroup { accepted.append(m) } else { skipped.append(value) }
        }
        if !accepted.isEmpty {
            added += try tx.addMembers(integrationID: integrationID, groupID: groupID, members: accepted).count
        }
    }

    /// "skipped 2 unknown member ids: a, b" or nil.
    var note: String? {
        guard !skipped.isEmpty else { return nil }
        let shown = skipped.prefix(10).joined(separator: ", ")
        let more = skipped.count > 10 ? " and \(skipped.count - 10) more" : ""
        return "skipped \(skipped.count) member id\(skipped.count == 1 ? "" : "s") that name no user or group of this integration: \(shown)\(more)"
    }
}
