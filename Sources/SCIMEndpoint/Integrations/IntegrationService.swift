import Crypto
import SCIMCore
import Store

/// Creating, renaming, rotating and deleting integrations: shared by the admin pages and the CLI.
/// A token exists in clear only in the value returned here, to be shown once; the store keeps its SHA-256.
public struct IntegrationService: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Trimmed, 1-100 characters, no control characters.
    public static func validatedName(_ raw: String) throws(SCIMError) -> String {
        let name = raw.trimmingCharacters()
        guard !name.isEmpty else { throw SCIMError.invalidValue("Give the integration a name") }
        guard name.count <= 100 else { throw SCIMError.invalidValue("Keep the name under 100 characters") }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw SCIMError.invalidValue("The name cannot contain control characters")
        }
        return name
    }

    public func create(name: String, completion: @escaping @Sendable (Result<(Integration, token: String), SCIMError>) -> Void) {
        let validName: String
        do { validName = try Self.validatedName(name) } catch { return completion(.failure(error)) }
        let token = BearerToken.generate().secret
        let hash = BearerToken.hash(token)
        let hint = BearerToken.hint(token)
        let id = SecureRandom.uuid()
        store.write({ (tx: inout Transaction) throws(SCIMError) -> Integration? in
            try tx.createIntegration(id: id, name: validName, tokenHash: hash, tokenHint: hint)
            return tx.state.integration(id: id)
        }, completion: { result in
            completion(result.flatMap { i in i.map { .success(($0, token)) } ?? .failure(.internalError("integration vanished")) })
        })
    }

    public func rename(id: String, to name: String, completion: @escaping @Sendable (Result<Integration, SCIMError>) -> Void) {
        let validName: String
        do { validName = try Self.validatedName(name) } catch { return completion(.failure(error)) }
        store.write({ (tx: inout Transaction) throws(SCIMError) -> Integration? in
            try tx.renameIntegration(id: id, to: validName)
            return tx.state.integration(id: id)
        }, completion: { result in
            completion(result.flatMap { i in i.map { .success($0) } ?? .failure(.notFound("integration not found")) })
        })
    }

    /// The old token stops working the moment the rotation is durable.
    public func rotate(id: String, completion: @escaping @Sendable (Result<(Integration, token: String), SCIMError>) -> Void) {
        let token = BearerToken.generate().secret
        let hash = BearerToken.hash(token)
        let hint = BearerToken.hint(token)
        store.write({ (tx: inout Transaction) throws(SCIMError) -> Integration? in
            try tx.rotateToken(integrationID: id, tokenHash: hash, tokenHint: hint)
            return tx.state.integration(id: id)
        }, completion: { result in
            completion(result.flatMap { i in i.map { .success(($0, token)) } ?? .failure(.notFound("integration not found")) })
        })
    }

    public func delete(id: String, completion: @escaping @Sendable (Result<Void, SCIMError>) -> Void) {
        store.write({ (tx: inout Transaction) throws(SCIMError) -> Void in
            try tx.deleteIntegration(id: id)
        }, completion: completion)
    }

    /// Finds an integration by id or (case-insensitive) name, for the CLI.
    public func find(_ idOrName: String) -> Integration? {
        store.read { state in state.integration(id: idOrName) ?? state.integration(named: idOrName) }
    }
}
