/// Formats of `Store.export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// `{"exported":..., "integrations":[{..., "users":[...], "groups":[...]}]}`, resources as SCIM
    /// representations (attributes + id + meta; groups with members). No token hashes.
    case json
    /// One table, one row per user and per group:
    /// `type,integration,id,userName,displayName,externalId,active,email,members`.
    case csv
}
