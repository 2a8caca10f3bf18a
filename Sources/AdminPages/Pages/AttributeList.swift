import SCIMCore

/// A stored SCIM resource as nested definition lists: readable labels for the attributes the
/// schemas define, the attribute name beside it, and every value escaped.
enum AttributeList {
    static let enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    /// Deeper values are shown as JSON (stored documents are at most 32 levels deep anyway).
    static let maxDepth = 6

    static let labels: [String: String] = [
        "schemas": "Schemas", "id": "ID", "externalId": "External ID", "userName": "User name",
        "name": "Name", "formatted": "Formatted", "familyName": "Family name", "givenName": "Given name",
        "middleName": "Middle name", "honorificPrefix": "Prefix", "honorificSuffix": "Suffix",
        "displayName": "Display name", "nickName": "Nickname", "profileUrl": "Profile URL", "title": "Title",
        "userType": "User type", "preferredLanguage": "Preferred language", "locale": "Locale",
        "timezone": "Time zone", "active": "Active", "emails": "Emails", "phoneNumbers": "Phone numbers",
        "ims": "Instant messaging", "photos": "Photos", "addresses": "Addresses", "groups": "Groups",
        "entitlements": "Entitlements", "roles": "Roles", "x509Certificates": "Certificates",
        "value": "Value", "type": "Type", "primary": "Primary", "display": "Display", "$ref": "Reference",
        "streetAddress": "Street", "locality": "City", "region": "Region", "postalCode": "Postal code",
        "country": "Country", "employeeNumber": "Employee number", "costCenter": "Cost center",
        "organization": "Organization", "division": "Division", "department": "Department",
        "manager": "Manager", "meta": "Meta", "resourceType": "Resource type", "created": "Created",
        "lastModified": "Last modified", "location": "Location", "version": "Version",
        enterpriseURN: "Enterprise user",
    ]

    static func render(_ object: JSONObject) -> HTML {
        object.isEmpty ? "<p class=\"muted\">No attributes.</p>" : list(object, depth: 0)
    }

    static func list(_ object: JSONObject, depth: Int) -> HTML {
        var out: HTML = "<dl class=\"attrs\">"
        for m in object.members {
            let label = labels[m.key]
            let dt: HTML = label.map { "<dt>\($0)<span class=\"attr-key mono\">\(m.key)</span></dt>" } ?? "<dt><span class=\"mono\">\(m.key)</span></dt>"
            out += "\(dt)<dd>\(value(m.value, depth: depth + 1))</dd>"
        }
        out += "</dl>"
        return out
    }

    static func value(_ v: JSONValue, depth: Int) -> HTML {
        switch v {
        case .null: return "<span class=\"muted\">null</span>"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return "\(n.text)"
        case .string(let s): return s.isEmpty ? "<span class=\"muted\">(empty)</span>" : "\(s)"
        case .object(let o):
            if depth > maxDepth { return "<code>\(v.serializedString())</code>" }
            return o.isEmpty ? "<span class=\"muted\">{}</span>" : list(o, depth: depth)
        case .array(let a):
            if a.isEmpty { return "<span class=\"muted\">(none)</span>" }
            if depth > maxDepth { return "<code>\(v.serializedString())</code>" }
            if a.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) {
                return HTML.join(a.map { value($0, depth: depth) }, separator: "<br>")
            }
            return "<ol class=\"plain\">\(HTML.join(a.map { "<li>\(value($0, depth: depth + 1))</li>" }))</ol>"
        }
    }
}
