import HTTPServer

/// Integrations: list, add (token shown once), details, rename, rotate, delete.
extension AdminApp {
    func integrationsGET(_ route: AdminRoute, exchange: Exchange, session: AdminSession) {
        let p = pageContext(exchange, session)
        switch route {
        case .integrations:
            exchange.send(.page(200, IntegrationPages.list(p, integrations: directory.integrations())))
        case .newIntegration:
            exchange.send(.page(200, IntegrationPages.new(p, name: "", error: nil)))
        case .integration(let id):
            withIntegration(id, exchange) { exchange.send(.page(200, IntegrationPages.details(p, integration: $0))) }
        case .renameIntegration(let id):
            withIntegration(id, exchange) { exchange.send(.page(200, IntegrationPages.rename(p, integration: $0, name: $0.name, error: nil))) }
        case .rotateToken(let id):
            withIntegration(id, exchange) { exchange.send(.page(200, IntegrationPages.rotateConfirm(p, integration: $0))) }
        case .deleteIntegration(let id):
            withIntegration(id, exchange) { exchange.send(.page(200, IntegrationPages.deleteConfirm(p, integration: $0, error: nil))) }
        default:
            exchange.send(.page(404, ErrorPages.notFound(product: product)))
        }
    }

    func integrationsPOST(_ route: AdminRoute, exchange: Exchange, session: AdminSession, form: FormData) {
        let p = PageContext(product: product, csrf: session.csrfToken, flash: nil, now: exchange.now, scimURL: scimURL(exchange.context))
        let address = exchange.context.clientAddress
        let audit = configuration.audit
        switch route {
        case .newIntegration:
            let name = (form["name"] ?? "").trimmingWhitespace
            if let problem = IntegrationPages.nameProblem(name) {
                exchange.send(.page(422, IntegrationPages.new(p, name: name, error: problem)))
                return
            }
            directory.createIntegration(name: name) { result in
                switch result {
                case .success(let issued):
                    audit(.integrationCreated(id: issued.integration.id, name: issued.integration.name, address: address))
                    exchange.send(.page(200, IntegrationPages.token(p, integration: issued.integration, token: issued.token, rotated: false)))
                case .failure(let error):
                    let status = error == .duplicateName ? 409 : (error.isStorage ? 500 : 422)
                    exchange.send(.page(status, IntegrationPages.new(p, name: name, error: error.message)))
                }
            }

        case .tokenDone(let id):
            withIntegration(id, exchange) { integration in
                if form["copied"] == "yes" {
                    self.sessions.setFlash(key: session.key, "“\(integration.name)” is ready. Paste the SCIM API URL and the token into your identity provider.")
                    exchange.send(.redirect("/integrations"))
                } else {
                    exchange.send(.page(422, IntegrationPages.doneWithoutConfirmation(p, integration: integration)))
                }
            }

        case .renameIntegration(let id):
            withIntegration(id, exchange) { integration in
                let name = (form["name"] ?? "").trimmingWhitespace
                if let problem = IntegrationPages.nameProblem(name) {
                    exchange.send(.page(422, IntegrationPages.rename(p, integration: integration, name: name, error: problem)))
                    return
                }
                self.directory.renameIntegration(id: id, name: name) { result in
                    switch result {
                    case .success(let renamed):
                        audit(.integrationRenamed(id: id, name: renamed.name, address: address))
                        self.sessions.setFlash(key: session.key, "Renamed to “\(renamed.name)”.")
                        exchange.send(.redirect(Components.integrationPath(id)))
                    case .failure(.notFound):
                        exchange.send(.page(404, ErrorPages.notFound(product: self.product)))
                    case .failure(let error):
                        let status = error == .duplicateName ? 409 : (error.isStorage ? 500 : 422)
                        exchange.send(.page(status, IntegrationPages.rename(p, integration: integration, name: name, error: error.message)))
                    }
                }
            }

        case .rotateToken(let id):
            withIntegration(id, exchange) { _ in
                self.directory.rotateToken(id: id) { result in
                    switch result {
                    case .success(let issued):
                        audit(.tokenRotated(id: id, name: issued.integration.name, address: address))
                        exchange.send(.page(200, IntegrationPages.token(p, integration: issued.integration, token: issued.token, rotated: true)))
                    case .failure(.notFound):
                        exchange.send(.page(404, ErrorPages.notFound(product: self.product)))
                    case .failure(let error):
                        exchange.send(.page(500, ErrorPages.storageFailure(product: self.product, message: error.message)))
                    }
                }
            }

        case .deleteIntegration(let id):
            withIntegration(id, exchange) { integration in
                self.directory.deleteIntegration(id: id) { result in
                    switch result {
                    case .success, .failure(.notFound):
                        audit(.integrationDeleted(id: id, name: integration.name, address: address))
                        self.sessions.setFlash(key: session.key, "Deleted “\(integration.name)” with its users and groups.")
                        exchange.send(.redirect("/integrations"))
                    case .failure(let error):
                        exchange.send(.page(500, IntegrationPages.deleteConfirm(p, integration: integration, error: error.message)))
                    }
                }
            }

        default:
            exchange.send(.page(404, ErrorPages.notFound(product: product)))
        }
    }

    /// Runs `body` with the integration, or answers 404.
    private func withIntegration(_ id: String, _ exchange: Exchange, _ body: (AdminIntegration) -> Void) {
        guard let integration = directory.integration(id: id) else {
            exchange.send(.page(404, ErrorPages.notFound(product: product)))
            return
        }
        body(integration)
    }
}

extension AdminError {
    var isStorage: Bool { if case .storage = self { return true } else { return false } }
}
