/// Applies PATCH operations (RFC 7644 section 3.5.2) to the stored attribute object of a User or
/// Group: the object `ResourceInput.normalize` makes, without `id`/`meta`/`groups` and, for a Group,
/// without `members` (membership changes come back as `MembershipChange`s for the store).
///
/// All or nothing: it works on a copy and throws before returning anything when an operation fails.
///
/// Decisions beyond the RFC, for what IdPs send (idp-clients.md section 6, jumpcloud.md section 11):
/// - `add`/`replace` on `emails[type eq "work"].value` with no matching element creates
///   `{"type": "work", "value": …}` (the filter's `eq` terms, then the value), so several operations
///   under one filter build one element (Entra); `remove` with no match succeeds (Entra, JumpCloud);
/// - `remove members` with a `value` list removes those members only (Entra, JumpCloud);
/// - an operation on an attribute the schemas don't define, or don't store (`password`), is skipped
///   and the rest applies (Entra sends many attributes in one PATCH);
/// - in a path-less value object, `id` equal to the resource's, `meta` and `schemas` are ignored
///   (Okta); other read-only attributes there are ignored too. An explicit path to a read-only
///   attribute (`id`, `meta`, `groups`, `manager.displayName`) is `400 mutability`, as is any edit of a
///   member's sub-attributes (they are immutable);
/// - values go through `AttributeValueCoercion` like POST/PUT bodies (string booleans, bare-string
///   manager, single object for a list); setting `primary: true` on one element turns the others'
///   `true` into `false`;
/// - removing a required attribute (`userName`) is `400 mutability`; leaving it empty or null by
///   `replace` is `400 invalidValue`.
public struct PatchApplier: Sendable {
    public let definition: ResourceDefinition
    private let evaluator: FilterEvaluator

    public init(definition: ResourceDefinition) {
        self.definition = definition
        self.evaluator = FilterEvaluator(resolver: definition)
    }

    /// - Parameters:
    ///   - attributes: the stored attribute object (for a Group, without `members`).
    ///   - resourceID: the resource's `id`, so an equal `id` in a value object is ignored and a
    ///     different one is refused; nil ignores any.
    public func apply(_ operations: [PatchOperation], to attributes: JSONObject, resourceID: String? = nil) throws(SCIMError) -> PatchResult {
        var run = Run(attributes: attributes, resourceID: resourceID)
        for (index, operation) in operations.enumerated() {
            run.label = "Operation \(index + 1)"
            try apply(operation, &run)
        }
        try ResourceInput.checkRequired(run.attributes, definition: definition)
        let changed = !run.changes.isEmpty || run.attributes != attributes
        setSchemas(&run.attributes)
        return PatchResult(attributes: run.attributes, membershipChanges: run.changes, changed: changed)
    }

    // MARK: - State

    /// The working copy and what has been collected so far.
    private struct Run {
        var attributes: JSONObject
        var resourceID: String?
        var changes: [MembershipChange] = []
        var label = ""
    }

    /// Where an attribute lives: at the top level, or in an extension object.
    private struct Slot {
        var attribute: SchemaAttribute
        var extensionURN: String?
        var name: String { extensionURN.map { "\($0):\(attribute.name)" } ?? attribute.name }
    }

    private enum Target {
        case slot(Slot)
        case extensionObject(ResourceDefinition.Extension)
        case members(SchemaAttribute)
        case resource
        /// Not defined or not stored: the operation is skipped.
        case skipped
    }

    /// Whether a path came from the operation's `path` (strict about read-only attributes) or from a
    /// key of a path-less value object (lenient: clients echo read-only attributes back).
    private enum Origin { case path, valueKey }

    // MARK: - Operations

    private func apply(_ operation: PatchOperation, _ run: inout Run) throws(SCIMError) {
        guard let path = operation.path else {
            guard case .object(let object)? = operation.value else {
                throw SCIMError.invalidValue("\(run.label): '\(operation.op.rawValue)' without a 'path' needs a 'value' object")
            }
            try applyValueObject(operation.op, object, &run)
            return
        }
        try apply(operation.op, path, operation.value, origin: .path, &run)
    }

    /// A path-less `add`/`replace`: each key of the value object is an attribute path (plain, dotted,
    /// URN-qualified), an extension URN holding an object, or the core URN holding an object.
    private func applyValueObject(_ op: PatchOperation.Op, _ object: JSONObject, _ run: inout Run) throws(SCIMError) {
        for member in object {
            let key = member.key
            if asciiCaseInsensitiveEquals(key, "schemas") || asciiCaseInsensitiveEquals(key, "meta") { continue }
            if asciiCaseInsensitiveEquals(key, "id") {
                if let id = run.resourceID, case .string(let sent) = member.value, sent != id {
                    throw SCIMError.mutability("\(run.label): 'id' is read-only (the value object names id \"\(AttributeValueCoercion.excerpt(sent))\", not this resource's)")
                }
                continue
            }
            if definition.isCoreSchema(key) {
                if case .object(let inner) = member.value { try applyValueObject(op, inner, &run) }
                continue
            }
            // A key that is not a path names no attribute we know: skipped like any unknown attribute.
            guard let path = try? PatchPath.parse(key) else { continue }
            try apply(op, path, member.value, origin: .valueKey, &run)
        }
    }

    private func apply(_ op: PatchOperation.Op, _ path: PatchPath, _ value: JSONValue?, origin: Origin, _ run: inout Run) throws(SCIMError) {
        switch try resolve(path.attribute, origin: origin, run) {
        case .skipped:
            return
        case .resource:
            guard op != .remove else { throw SCIMError.noTarget("\(run.label): 'remove' can't remove the whole resource") }
            guard case .object(let object)? = value else {
                throw SCIMError.invalidValue("\(run.label): a path naming the core schema needs a 'value' object")
            }
            try applyValueObject(op, object, &run)
        case .extensionObject(let ext):
            try applyExtensionObject(op, ext, value, &run)
        case .members(let attribute):
            try applyMembers(op, path, value, attribute, &run)
        case .slot(let slot):
            if let filter = path.valueFilter {
                try applyFiltered(op, slot, filter, path.filteredSubAttribute, value, origin: origin, &run)
            } else if let sub = path.attribute.subAttribute {
                try applySubAttribute(op, slot, sub, value, origin: origin, &run)
            } else {
                try applyWhole(op, slot, value, &run)
            }
        }
    }

    private func resolve(_ path: AttributePath, origin: Origin, _ run: Run) throws(SCIMError) -> Target {
        if path.isSchemaURN {
            if let ext = definition.extension(forURN: path.attribute) { return .extensionObject(ext) }
            return definition.isCoreSchema(path.attribute) ? .resource : .skipped
        }
        var attribute: SchemaAttribute?
        var extensionURN: String?
        if let urn = path.schemaURN {
            if definition.isCoreSchema(urn) {
                attribute = definition.coreAttribute(named: path.attribute)
            } else if let ext = definition.extension(forURN: urn) {
                attribute = ext.schema.attribute(named: path.attribute)
                extensionURN = ext.schema.id
            }
        } else {
            attribute = definition.coreAttribute(named: path.attribute)
            if attribute == nil {
                // An extension attribute named without its URN (`"path": "manager"`, Entra's older form):
                // the schemas share no attribute names, so this is unambiguous.
                for ext in definition.extensions {
                    if let a = ext.schema.attribute(named: path.attribute) { attribute = a; extensionURN = ext.schema.id; break }
                }
            }
        }
        guard let attribute else { return .skipped }
        switch attribute.mutability {
        case .readOnly:
            if origin == .valueKey { return .skipped }
            throw SCIMError.mutability("\(run.label): '\(path)' is read-only")
        case .writeOnly:
            return .skipped  // accepted, never stored (password)
        case .readWrite, .immutable:
            break
        }
        if extensionURN == nil, let members = definition.memberAttributeName, asciiCaseInsensitiveEquals(members, attribute.name) {
            return .members(attribute)
        }
        if path.subAttribute != nil && attribute.type != .complex {
            throw SCIMError.invalidPath("\(run.label): '\(attribute.name)' has no sub-attributes, so '\(path)' names nothing")
        }
        return .slot(Slot(attribute: attribute, extensionURN: extensionURN))
    }

    // MARK: Whole attribute

    private func applyWhole(_ op: PatchOperation.Op, _ slot: Slot, _ value: JSONValue?, _ run: inout Run) throws(SCIMError) {
        let attribute = slot.attribute
        switch op {
        case .remove:
            if attribute.required {
                throw SCIMError.mutability("\(run.label): '\(slot.name)' is required and can't be removed")
            }
            if attribute.multiValued, let value, !value.isNull, case .array(let current)? = read(slot, run.attributes) {
                // `remove emails` with a value list removes those values, as Entra means it for members.
                let remaining = try removing(value, from: current, slot, run)
                write(slot, remaining.isEmpty ? nil : .array(remaining), &run.attributes)
            } else {
                write(slot, nil, &run.attributes)
            }
        case .add:
            guard let value, let new = try coerce(value, slot) else { return }
            if attribute.multiValued {
                guard case .array(let added) = new else { return }
                var elements = read(slot, run.attributes)?.arrayValue ?? []
                var existing = Set(elements)
                var firstNewPrimary: Int? = nil
                for e in added where existing.insert(e).inserted {
                    if firstNewPrimary == nil && AttributeValueCoercion.isPrimary(e) { firstNewPrimary = elements.count }
                    elements.append(e)
                }
                if let p = firstNewPrimary { AttributeValueCoercion.enforceSinglePrimary(&elements, preferring: p) }
                write(slot, .array(elements), &run.attributes)
            } else if attribute.type == .complex {
                write(slot, .object(merged(read(slot, run.attributes)?.objectValue, new.objectValue)), &run.attributes)
            } else {
                write(slot, new, &run.attributes)
            }
        case .replace:
            guard let value, let new = try coerce(value, slot) else {
                write(slot, nil, &run.attributes)
                return
            }
            if attribute.type == .complex && !attribute.multiValued {
                // RFC 7644 3.5.2.3: sub-attributes not in the value are left unchanged.
                write(slot, .object(merged(read(slot, run.attributes)?.objectValue, new.objectValue)), &run.attributes)
            } else {
                write(slot, new, &run.attributes)
            }
        }
    }

    /// The elements of `current` left after removing those the value list names: by `value` when
    /// the list gives one, else by equality.
    private func removing(_ list: JSONValue, from current: [JSONValue], _ slot: Slot, _ run: Run) throws(SCIMError) -> [JSONValue] {
        guard case .array(let given)? = try coerce(list, slot) else { return current }
        // Values compare as the `value` sub-attribute says (e-mail addresses ignore case).
        let caseExact = slot.attribute.subAttribute(named: "value")?.caseExact ?? false
        func key(_ s: String) -> String { caseExact ? s : s.lowercased() }
        var values = Set<String>()
        var whole = Set<JSONValue>()
        for g in given {
            if let v = g.objectValue?["value"]?.stringValue { values.insert(key(v)) } else { whole.insert(g) }
        }
        return current.filter { e in
            if whole.contains(e) { return false }
            guard let v = e.objectValue?["value"]?.stringValue else { return true }
            return !values.contains(key(v))
        }
    }

    // MARK: Sub-attribute without a filter

    private func applySubAttribute(_ op: PatchOperation.Op, _ slot: Slot, _ subName: String, _ value: JSONValue?,
                                   origin: Origin, _ run: inout Run) throws(SCIMError) {
        guard let sub = try subAttribute(subName, of: slot, origin: origin, run) else { return }
        let newValue: JSONValue? = op == .remove ? nil : try value.flatMap { v throws(SCIMError) in
            try AttributeValueCoercion.simple(v, type: sub.type, path: "\(slot.name).\(sub.name)")
        }
        if op == .add && newValue == nil { return }
        if !slot.attribute.multiValued {
            var object = read(slot, run.attributes)?.objectValue ?? JSONObject()
            if let newValue { object.setValue(newValue, forKeyIgnoringCase: sub.name) } else { object.removeValue(forKeyIgnoringCase: sub.name) }
            write(slot, object.isEmpty ? nil : .object(object), &run.attributes)
            return
        }
        // `emails.type` without a filter: every element.
        var elements = read(slot, run.attributes)?.arrayValue ?? []
        if elements.isEmpty {
            guard let newValue else { return }
            elements = [.object(JSONObject([(sub.name, newValue)]))]
        } else {
            elements = elements.compactMap { e in
                guard case .object(var o) = e else { return e }
                if let newValue { o.setValue(newValue, forKeyIgnoringCase: sub.name) } else { o.removeValue(forKeyIgnoringCase: sub.name) }
                return o.isEmpty ? nil : .object(o)
            }
        }
        AttributeValueCoercion.enforceSinglePrimary(&elements)
        write(slot, elements.isEmpty ? nil : .array(elements), &run.attributes)
    }

    /// The sub-attribute `name` of the slot's complex attribute: nil (skip) when unknown or not stored;
    /// `400 mutability` when read-only and named by an operation's path.
    private func subAttribute(_ name: String, of slot: Slot, origin: Origin, _ run: Run) throws(SCIMError) -> SchemaAttribute? {
        guard slot.attribute.type == .complex else {
            throw SCIMError.invalidPath("\(run.label): '\(slot.name)' has no sub-attributes, so '\(slot.name).\(name)' names nothing")
        }
        guard let sub = slot.attribute.subAttribute(named: name) else { return nil }
        switch sub.mutability {
        case .readOnly:
            if origin == .valueKey { return nil }
            throw SCIMError.mutability("\(run.label): '\(slot.name).\(sub.name)' is read-only")
        case .writeOnly:
            return nil
        case .readWrite, .immutable:
            return sub
        }
    }

    // MARK: Value filter

    private func applyFiltered(_ op: PatchOperation.Op, _ slot: Slot, _ filter: FilterExpression, _ subName: String?,
                               _ value: JSONValue?, origin: Origin, _ run: inout Run) throws(SCIMError) {
        let attribute = slot.attribute
        guard attribute.multiValued || attribute.type == .complex else {
            throw SCIMError.invalidPath("\(run.label): '\(slot.name)' is a single value; a filter ('[…]') needs a multi-valued attribute")
        }
        let sub: SchemaAttribute?
        if let subName {
            guard let s = try subAttribute(subName, of: slot, origin: origin, run) else { return }
            sub = s
        } else {
            sub = nil
        }

        if !attribute.multiValued {
            // A single complex value with a filter (`manager[value eq "x"]`): the value is the one candidate.
            guard case .object(let object)? = read(slot, run.attributes), evaluator.matches(filter, element: .object(object), of: attribute) else {
                if op == .remove { return }
                throw SCIMError.noTarget("\(run.label): '\(slot.name)' does not match the filter")
            }
            if let sub {
                try applySubAttribute(op, slot, sub.name, value, origin: origin, &run)
            } else {
                try applyWhole(op == .remove ? .remove : op, slot, value, &run)
            }
            return
        }

        var elements = read(slot, run.attributes)?.arrayValue ?? []
        var matched: [Int] = []
        for i in elements.indices where evaluator.matches(filter, element: elements[i], of: attribute) { matched.append(i) }

        if op == .remove {
            if matched.isEmpty { return }  // nothing to remove is success (Entra, JumpCloud)
            let hit = Set(matched)
            if let sub {
                elements = elements.indices.compactMap { i in
                    guard hit.contains(i), case .object(var o) = elements[i] else { return elements[i] }
                    o.removeValue(forKeyIgnoringCase: sub.name)
                    return o.isEmpty ? nil : .object(o)
                }
            } else {
                elements = elements.indices.filter { !hit.contains($0) }.map { elements[$0] }
            }
            write(slot, elements.isEmpty ? nil : .array(elements), &run.attributes)
            return
        }

        var preferredPrimary: Int? = nil
        if let sub {
            let newValue = try value.flatMap { v throws(SCIMError) in
                try AttributeValueCoercion.simple(v, type: sub.type, path: "\(slot.name).\(sub.name)")
            }
            guard let newValue else {
                // `replace` with null clears the sub-attribute of the matching values; `add` of nothing does nothing.
                if op == .replace && !matched.isEmpty {
                    try applyFiltered(.remove, slot, filter, subName, nil, origin: origin, &run)
                }
                return
            }
            if matched.isEmpty {
                var element = try newElement(from: filter, slot, run)
                element.setValue(newValue, forKeyIgnoringCase: sub.name)
                matched = [elements.count]
                elements.append(.object(element))
            } else {
                for i in matched {
                    guard case .object(var o) = elements[i] else { continue }
                    o.setValue(newValue, forKeyIgnoringCase: sub.name)
                    elements[i] = .object(o)
                }
            }
            if asciiCaseInsensitiveEquals(sub.name, "primary") && newValue == .bool(true) { preferredPrimary = matched.first }
        } else {
            guard let value, let given = try AttributeValueCoercion.element(value, for: attribute, path: slot.name)?.objectValue else {
                if op == .replace && !matched.isEmpty { try applyFiltered(.remove, slot, filter, nil, nil, origin: origin, &run) }
                return
            }
            if matched.isEmpty {
                let element = merged((try? newElement(from: filter, slot, run)) ?? JSONObject(), given)
                matched = [elements.count]
                elements.append(.object(element))
            } else {
                for i in matched {
                    // replace: the matching values become the given one; add: it is merged into them.
                    elements[i] = .object(op == .replace ? given : merged(elements[i].objectValue, given))
                }
            }
            if AttributeValueCoercion.isPrimary(.object(given)) { preferredPrimary = matched.first }
        }
        if let p = preferredPrimary { AttributeValueCoercion.enforceSinglePrimary(&elements, preferring: p) }
        write(slot, .array(elements), &run.attributes)
    }

    /// The element a filter describes, for `add`/`replace` on a value path that matches nothing:
    /// its `eq` terms joined by `and` (`type eq "work"` → `{"type": "work"}`). Any other filter
    /// can't say what the new element is: `400 noTarget`.
    private func newElement(from filter: FilterExpression, _ slot: Slot, _ run: Run) throws(SCIMError) -> JSONObject {
        var element = JSONObject()
        var pending = [filter]
        while let f = pending.popLast() {
            switch f {
            case .and(let l, let r):
                pending.append(r)
                pending.append(l)
            case .comparison(let path, .eq, let v) where path.schemaURN == nil && path.subAttribute == nil:
                guard let sub = slot.attribute.subAttribute(named: path.attribute), AttributeValueCoercion.isStored(sub),
                      let coerced = try? AttributeValueCoercion.simple(v, type: sub.type, path: slot.name) else { fallthrough }
                element.setValue(coerced, forKeyIgnoringCase: sub.name)
            default:
                throw SCIMError.noTarget("\(run.label): no value of '\(slot.name)' matches the filter, and the filter doesn't describe a new one (only 'eq' terms joined by 'and' do)")
            }
        }
        return element
    }

    // MARK: Members

    private func applyMembers(_ op: PatchOperation.Op, _ path: PatchPath, _ value: JSONValue?, _ attribute: SchemaAttribute,
                              _ run: inout Run) throws(SCIMError) {
        let immutable = "\(run.label): a member's sub-attributes are immutable; add or remove members instead"
        if let filter = path.valueFilter {
            guard op == .remove, path.filteredSubAttribute == nil else { throw SCIMError.mutability(immutable) }
            if let values = memberValues(in: filter) {
                run.changes.append(.remove(values: values))
            } else {
                run.changes.append(.removeMatching(filter))
            }
            return
        }
        guard path.attribute.subAttribute == nil else { throw SCIMError.mutability(immutable) }
        switch op {
        case .add:
            let members = try memberObjects(value, attribute)
            if !members.isEmpty { run.changes.append(.add(members)) }
        case .replace:
            if value == nil || value == .null {
                run.changes.append(.removeAll)
            } else {
                run.changes.append(.replaceAll(try memberObjects(value, attribute)))
            }
        case .remove:
            guard let value, !value.isNull else {
                run.changes.append(.removeAll)
                return
            }
            // Entra and JumpCloud: `remove members` with a value list removes exactly those.
            let ids = try memberObjects(value, attribute).compactMap { $0["value"]?.stringValue }
            if !ids.isEmpty { run.changes.append(.remove(values: ids)) }
        }
    }

    private func memberObjects(_ value: JSONValue?, _ attribute: SchemaAttribute) throws(SCIMError) -> [JSONObject] {
        guard let value, case .array(let items)? = try AttributeValueCoercion.value(value, for: attribute, path: attribute.name) else { return [] }
        return ResourceInput.dedupeMembers(items).compactMap(\.objectValue)
    }

    /// The ids of a filter that is exactly `value eq "…"`, or several of those joined by `or`.
    private func memberValues(in filter: FilterExpression) -> [String]? {
        var values: [String] = []
        var pending = [filter]
        while let f = pending.popLast() {
            switch f {
            case .or(let l, let r):
                pending.append(r)
                pending.append(l)
            case .comparison(let path, .eq, .string(let v))
                where path.schemaURN == nil && path.subAttribute == nil && asciiCaseInsensitiveEquals(path.attribute, "value"):
                values.append(v)
            default:
                return nil
            }
        }
        return values
    }

    // MARK: Extension object

    private func applyExtensionObject(_ op: PatchOperation.Op, _ ext: ResourceDefinition.Extension, _ value: JSONValue?,
                                      _ run: inout Run) throws(SCIMError) {
        if op == .remove || (op == .replace && (value == nil || value == .null)) {
            run.attributes.removeValue(forKeyIgnoringCase: ext.schema.id)
            return
        }
        guard case .object(let object)? = value else {
            throw SCIMError.invalidValue("\(run.label): the value for '\(ext.schema.id)' must be an object of its attributes")
        }
        for member in object {
            guard let attribute = ext.schema.attribute(named: member.key), AttributeValueCoercion.isStored(attribute) else { continue }
            try applyWhole(op, Slot(attribute: attribute, extensionURN: ext.schema.id), member.value, &run)
        }
    }

    // MARK: - Reading and writing slots

    private func coerce(_ value: JSONValue, _ slot: Slot) throws(SCIMError) -> JSONValue? {
        try AttributeValueCoercion.value(value, for: slot.attribute, path: slot.name)
    }

    private func read(_ slot: Slot, _ attributes: JSONObject) -> JSONValue? {
        if let urn = slot.extensionURN {
            return attributes.value(forKeyIgnoringCase: urn)?.objectValue?.value(forKeyIgnoringCase: slot.attribute.name)
        }
        return attributes.value(forKeyIgnoringCase: slot.attribute.name)
    }

    /// Sets (or with nil removes) the slot's value; an extension object left empty is removed.
    private func write(_ slot: Slot, _ value: JSONValue?, _ attributes: inout JSONObject) {
        guard let urn = slot.extensionURN else {
            if let value { attributes.setValue(value, forKeyIgnoringCase: slot.attribute.name) } else { attributes.removeValue(forKeyIgnoringCase: slot.attribute.name) }
            return
        }
        var object = attributes.value(forKeyIgnoringCase: urn)?.objectValue ?? JSONObject()
        if let value { object.setValue(value, forKeyIgnoringCase: slot.attribute.name) } else { object.removeValue(forKeyIgnoringCase: slot.attribute.name) }
        if object.isEmpty { attributes.removeValue(forKeyIgnoringCase: urn) } else { attributes.setValue(.object(object), forKeyIgnoringCase: urn) }
    }

    /// `base` with each member of `update` set (sub-attributes not in `update` are left unchanged).
    private func merged(_ base: JSONObject?, _ update: JSONObject?) -> JSONObject {
        var out = base ?? JSONObject()
        for m in update ?? JSONObject() { out.setValue(m.value, forKeyIgnoringCase: m.key) }
        return out
    }

    /// `schemas` recomputed after the operations, in place when present, else first.
    private func setSchemas(_ attributes: inout JSONObject) {
        let urns = JSONValue.array(definition.schemaURNs(for: attributes).map(JSONValue.string))
        if attributes.index(forKeyIgnoringCase: "schemas") != nil {
            attributes.setValue(urns, forKeyIgnoringCase: "schemas")
        } else {
            attributes = JSONObject([("schemas", urns)] + attributes.members.map { ($0.key, $0.value) })
        }
    }
}
