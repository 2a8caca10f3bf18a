/// Integrations: list, add, token shown once, details, rename, rotate, delete.
enum IntegrationPages {
    static let maxNameLength = 100

    static func list(_ p: PageContext, integrations: [AdminIntegration]) -> HTML {
        let sorted = integrations.sorted { NaturalOrder.precedes($0.name, $1.name) }
        var body: HTML = """
<div class="page-head"><div><h1>Integrations</h1><p>Each integration is one identity provider connection with its own bearer token, users and groups.</p></div>
<a class="btn btn-primary" href="/integrations/new" id="add-integration">Add SCIM integration</a></div>
"""
        if sorted.isEmpty {
            body += """
<div class="card empty"><h2>No integrations yet</h2><p>Add a SCIM integration to get a bearer token and the SCIM API URL for Microsoft Entra ID, Okta, OneLogin, JumpCloud or any SCIM 2.0 client.</p>
<p><a class="btn btn-primary" href="/integrations/new">Add SCIM integration</a></p></div>
"""
            return p.console("Integrations", .integrations, body)
        }
        var rows = HTML()
        for i in sorted {
            let last: HTML
            if let r = i.lastRequest {
                last = "\(Components.statusBadge(r.status)) <span class=\"nowrap\" title=\"\(UTCTime.display(r.time))\">\(UTCTime.relative(r.time, now: p.now))</span>"
            } else {
                last = "<span class=\"muted\">No requests yet</span>"
            }
            rows += """
<tr><th scope="row"><a href="\(Components.integrationPath(i.id))">\(i.name)</a></th>
<td class="num" data-label="Users"><a href="/users\(FormData.query([("integration", i.id)]))">\(Components.number(i.userCount))</a></td>
<td class="num" data-label="Groups"><a href="/groups\(FormData.query([("integration", i.id)]))">\(Components.number(i.groupCount))</a></td>
<td data-label="Token"><code>\(i.tokenHint)</code></td><td class="nowrap" data-label="Created">\(Components.time(i.createdAt))</td><td data-label="Last request">\(last)</td>
<td class="row-menu">\(menu(i))</td></tr>
"""
        }
        body += """
<div class="card card-flush menu-host"><div class="table-wrap"><table id="integrations-table" class="stack">
<caption class="skip">SCIM integrations</caption>
<thead><tr><th scope="col">Name</th><th scope="col" class="num">Users</th><th scope="col" class="num">Groups</th><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last request</th><th scope="col"><span class="skip">Actions</span></th></tr></thead>
<tbody>\(rows)</tbody></table></div></div>
"""
        return p.console("Integrations", .integrations, body)
    }

    /// The per-integration menu of the seeds (View details, Rename, Rotate token, Delete); a
    /// `<details>` element, so it opens without JavaScript.
    static func menu(_ i: AdminIntegration) -> HTML {
        """
<details class="menu"><summary aria-label="Actions for \(i.name)">⋯</summary><ul>
<li><a href="\(Components.integrationPath(i.id))">View details</a></li>
<li><a href="\(Components.integrationPath(i.id, "/rename"))">Rename</a></li>
<li><a href="\(Components.integrationPath(i.id, "/rotate"))">Rotate token</a></li>
<li><a class="danger" href="\(Components.integrationPath(i.id, "/delete"))">Delete</a></li>
</ul></details>
"""
    }

    static func new(_ p: PageContext, name: String, error: String?) -> HTML {
        let err: HTML = error.map { Components.alert(.error, HTML(escaping: $0)) } ?? HTML()
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> /</div><h1>Add SCIM integration</h1>
<p>Name the connection, then generate its bearer token. The identity provider sends the token in the HTTP <code>Authorization</code> header.</p></div></div>
<div class="card narrow">\(err)
<form method="post" action="/integrations/new" id="new-integration-form">\(Components.csrfField(p.csrf))
<div class="field"><label for="name">Integration name</label>
<input type="text" id="name" name="name" value="\(name)" required maxlength="\(maxNameLength)" autocomplete="off" aria-describedby="name-hint">
<p class="hint" id="name-hint">A unique name, for example “Okta production” or “Entra ID”.</p></div>
<div class="actions"><button class="btn btn-primary" type="submit" id="generate-token">Generate token</button>
<a class="btn" href="/integrations">Cancel</a></div>
</form></div>
"""
        return p.console("Add SCIM integration", .integrations, body)
    }

    /// The token, shown this once (after create or rotate), with the SCIM API URL and the
    /// "I have copied the token" checkbox that Done requires.
    static func token(_ p: PageContext, integration: AdminIntegration, token: String, rotated: Bool) -> HTML {
        let heading: HTML = rotated ? "New token for \(integration.name)" : "Copy the token for \(integration.name)"
        let lead: HTML = rotated
            ? "The previous token stopped working. Paste this new token into your identity provider now."
            : "The integration is created. Paste the token and the SCIM API URL into your identity provider."
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> /</div><h1>\(heading)</h1><p>\(lead)</p></div></div>
<div class="card medium">
\(Components.alert(.warn, "<p><strong>The token will not be visible again after you click Done.</strong> Store it securely, for example in a password manager.</p>"))
\(Components.secretField(id: "token", label: "Bearer token", value: token, hint: "Your identity provider sends it as <code>Authorization: Bearer …</code>."))
\(Components.copyField(id: "scim-url", label: "SCIM API URL", value: p.scimURL))
\(SCIMURLAdvice.warning(p.scimURL, product: p.product))
\(doneForm(p, integration: integration, error: nil))
</div>
"""
        return p.console(rotated ? "New token" : "Copy token", .integrations, body)
    }

    static func doneForm(_ p: PageContext, integration: AdminIntegration, error: String?) -> HTML {
        let err: HTML = error.map { Components.alert(.error, HTML(escaping: $0)) } ?? HTML()
        return """
<form method="post" action="\(Components.integrationPath(integration.id, "/done"))" id="done-form">\(Components.csrfField(p.csrf))\(err)
<div class="field"><label class="check" for="copied"><input type="checkbox" id="copied" name="copied" value="yes" required> I have copied the token</label></div>
<div class="actions"><button class="btn btn-primary" type="submit" id="done">Done</button></div>
</form>
"""
    }

    /// Done was pressed without the checkbox: the token is gone for good, so say so and offer a rotation.
    static func doneWithoutConfirmation(_ p: PageContext, integration: AdminIntegration) -> HTML {
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> /</div><h1>Confirm that you copied the token</h1></div></div>
<div class="card narrow">
\(Components.alert(.error, "<p>Tick “I have copied the token” before clicking Done.</p>"))
<p>For security the token of <strong>\(integration.name)</strong> is not shown again: it is stored only as a hash. If you did not copy it, <a href="\(Components.integrationPath(integration.id, "/rotate"))" id="rotate-instead">rotate the token</a> to get a new one.</p>
\(Components.copyField(id: "scim-url", label: "SCIM API URL", value: p.scimURL))
\(doneForm(p, integration: integration, error: nil))
</div>
"""
        return p.console("Confirm token copied", .integrations, body)
    }

    static func details(_ p: PageContext, integration i: AdminIntegration) -> HTML {
        let last: HTML
        if let r = i.lastRequest {
            let problem: HTML = r.isFailure
                ? "<p class=\"small\">\(r.scimType.map { "<code>\($0)</code> " } ?? HTML())\(r.detail ?? "")</p>"
                : HTML()
            last = """
<dd>\(Components.statusBadge(r.status)) <code>\(r.method) \(r.path)</code><br><span class="small muted">\(Components.time(r.time)) · \(UTCTime.relative(r.time, now: p.now))</span>\(problem)</dd>
"""
        } else {
            last = "<dd class=\"muted\">None yet. Run the identity provider's test connection.</dd>"
        }
        let issued: HTML = i.tokenIssuedAt.map { " · issued \(Components.time($0))" } ?? HTML()
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> /</div><h1 id="integration-name">\(i.name)</h1><p>SCIM integration created \(Components.time(i.createdAt)).</p></div>
<div class="actions"><a class="btn" href="\(Components.integrationPath(i.id, "/rename"))" id="rename">Rename</a>
<a class="btn" href="\(Components.integrationPath(i.id, "/rotate"))" id="rotate">Rotate token</a>
<a class="btn btn-danger" href="\(Components.integrationPath(i.id, "/delete"))" id="delete">Delete</a></div></div>
<div class="grid-2">
<section class="card" aria-labelledby="conn-h"><h2 id="conn-h">Connection</h2>
\(Components.copyField(id: "scim-url", label: "SCIM API URL", value: p.scimURL, hint: "Paste it into your identity provider together with the bearer token."))
\(SCIMURLAdvice.warning(p.scimURL, product: p.product))
<dl class="attrs"><dt>Authentication</dt><dd>Bearer token in the HTTP header <code class="nowrap">Authorization: Bearer …</code></dd>
<dt>Current token</dt><dd><code id="token-hint">\(i.tokenHint)</code>\(issued)<br><span class="small muted">Shown only when it was created. Lost it? <a href="\(Components.integrationPath(i.id, "/rotate"))">Rotate the token</a>.</span></dd></dl>
</section>
<section class="card" aria-labelledby="status-h"><h2 id="status-h">Status</h2>
<dl class="stats"><div><dt>Users</dt><dd><a id="user-count" href="/users\(FormData.query([("integration", i.id)]))">\(Components.number(i.userCount))</a></dd></div>
<div><dt>Groups</dt><dd><a id="group-count" href="/groups\(FormData.query([("integration", i.id)]))">\(Components.number(i.groupCount))</a></dd></div></dl>
<dl class="attrs"><dt>Created</dt><dd>\(Components.time(i.createdAt))</dd><dt>Last request</dt>\(last)</dl>
<p><a href="/activity\(FormData.query([("integration", i.id)]))">View this integration's activity</a></p>
</section></div>
\(IdentityProviderGuides.render(scimURL: p.scimURL, integration: i))
"""
        return p.console(i.name, .integrations, body)
    }

    static func rename(_ p: PageContext, integration i: AdminIntegration, name: String, error: String?) -> HTML {
        let err: HTML = error.map { Components.alert(.error, HTML(escaping: $0)) } ?? HTML()
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> / <a href="\(Components.integrationPath(i.id))">\(i.name)</a> /</div><h1>Rename integration</h1></div></div>
<div class="card narrow">\(err)
<form method="post" action="\(Components.integrationPath(i.id, "/rename"))" id="rename-form">\(Components.csrfField(p.csrf))
<div class="field"><label for="name">Integration name</label>
<input type="text" id="name" name="name" value="\(name)" required maxlength="\(maxNameLength)" autocomplete="off"></div>
<p class="hint">Renaming changes nothing for the identity provider: the SCIM API URL and the token stay the same.</p>
<div class="actions"><button class="btn btn-primary" type="submit" id="save-name">Save</button>
<a class="btn" href="\(Components.integrationPath(i.id))">Cancel</a></div>
</form></div>
"""
        return p.console("Rename \(i.name)", .integrations, body)
    }

    static func rotateConfirm(_ p: PageContext, integration i: AdminIntegration) -> HTML {
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> / <a href="\(Components.integrationPath(i.id))">\(i.name)</a> /</div><h1>Rotate token</h1></div></div>
<div class="card narrow">
<p>Rotate the token when it may have leaked or when you reconfigure the identity provider.</p>
\(Components.alert(.warn, "<p>The current token (<code>\(i.tokenHint)</code>) <strong>stops working immediately</strong>. Until you paste the new token into the identity provider, its provisioning requests fail with 401.</p>"))
<form method="post" action="\(Components.integrationPath(i.id, "/rotate"))" id="rotate-form">\(Components.csrfField(p.csrf))
<div class="actions"><button class="btn btn-primary" type="submit" id="confirm-rotate">Rotate token</button>
<a class="btn" href="\(Components.integrationPath(i.id))">Cancel</a></div>
</form></div>
"""
        return p.console("Rotate token", .integrations, body)
    }

    static func deleteConfirm(_ p: PageContext, integration i: AdminIntegration, error: String?) -> HTML {
        let err: HTML = error.map { Components.alert(.error, HTML(escaping: $0)) } ?? HTML()
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/integrations">Integrations</a> / <a href="\(Components.integrationPath(i.id))">\(i.name)</a> /</div><h1>Delete integration</h1></div></div>
<div class="card narrow">\(err)
<p>Delete <strong>\(i.name)</strong>?</p>
\(Components.alert(.error, "<p id=\"delete-consequences\">Its token stops working, and its <strong>\(Components.plural(i.userCount, "user", "users"))</strong> and <strong>\(Components.plural(i.groupCount, "group", "groups"))</strong> are deleted with it. This cannot be undone.</p>"))
<p class="small muted">Update or remove the SCIM app in your identity provider as well, or its requests will keep failing.</p>
<form method="post" action="\(Components.integrationPath(i.id, "/delete"))" id="delete-form">\(Components.csrfField(p.csrf))
<div class="actions"><button class="btn btn-danger" type="submit" id="confirm-delete">Delete integration</button>
<a class="btn" href="\(Components.integrationPath(i.id))">Cancel</a></div>
</form></div>
"""
        return p.console("Delete \(i.name)", .integrations, body)
    }

    /// nil when acceptable; otherwise what to fix.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Enter a name for the integration." }
        if name.count > maxNameLength { return "Use at most \(maxNameLength) characters." }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "The name cannot contain control characters." }
        return nil
    }
}
