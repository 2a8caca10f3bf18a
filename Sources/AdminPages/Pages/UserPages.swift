import SCIMCore

/// The Users module: the list with search, filters, sorting and paging, and the user page.
enum UserPages {
    static func list(_ p: PageContext, state: UserListState, page: AdminPage<AdminUserRow>, integrations: [AdminIntegration]) -> HTML {
        let statusOptions: HTML = """
<option value=""\(state.status == nil ? " selected" : "")>Active and inactive</option>
<option value="active"\(state.status == "active" ? " selected" : "")>Active</option>
<option value="inactive"\(state.status == "inactive" ? " selected" : "")>Inactive</option>
"""
        let filtering = !state.search.isEmpty || state.integrationID != nil || state.status != nil
        let clear: HTML = filtering ? "<a class=\"btn\" href=\"/users\" id=\"clear-filters\">Clear</a>" : HTML()
        let header = { (title: String, key: AdminUserSortKey) -> HTML in
            Components.sortHeader(title: title, key: key.rawValue, currentKey: state.sort.rawValue, direction: state.direction.rawValue,
                                  link: { state.link(sort: $0, direction: $1) })
        }
        var rows = HTML()
        for u in page.rows {
            let groups: HTML
            if u.groupCount == 0 {
                groups = "<span class=\"muted\">—</span>"
            } else {
                let names = u.groups.prefix(3).map { HTML(escaping: $0.displayName) }
                let more = u.groupCount - names.count
                let moreHTML: HTML = more > 0 ? " <span class=\"muted\">+\(more)</span>" : HTML()
                groups = names.isEmpty ? "\(Components.number(u.groupCount))" : "\(HTML.join(names, separator: ", "))\(moreHTML)"
            }
            // The user name sits under the name: one column fewer keeps the table within a laptop screen.
            let userName: HTML = u.shownName == u.userName ? HTML() : "<span class=\"sub\">\(u.userName)</span>"
            rows += """
<tr><th scope="row"><a href="\(Components.userPath(u.id))">\(u.shownName)</a>\(userName)</th><td>\(u.email ?? "")</td>
<td>\(u.title ?? "")</td><td>\(u.department ?? "")</td><td>\(Components.activeBadge(u.active))</td><td>\(u.integrationName)</td><td>\(groups)</td></tr>
"""
        }
        let table: HTML = page.rows.isEmpty && page.total > 0
            ? "<div class=\"empty\">Nothing on this page. <a href=\"\(state.link(offset: 0))\">Go to the first page</a></div>"
            : page.rows.isEmpty
            ? "<div class=\"empty\">\(filtering ? "No users match these filters." : "No users yet. They appear here once an identity provider provisions them.")</div>"
            : """
<div class="table-wrap"><table id="users-table"><caption class="skip">Users</caption>
<thead><tr>\(header("Name", .displayName))\(header("Email", .email))\(header("Title", .title))\(header("Department", .department))\(header("Status", .active))\(header("Integration", .integration))<th scope="col">Groups</th></tr></thead>
<tbody>\(rows)</tbody></table></div>
"""
        let pager = Components.pagers(offset: state.offset, shown: page.rows.count, total: page.total, limit: UserListState.pageSize,
                                      one: "user", many: "users", link: { state.link(offset: $0) })
        let body: HTML = """
<div class="page-head"><div><h1>Users</h1><p>Users provisioned by your identity providers.</p></div></div>
<form method="get" action="/users" class="filters card" id="user-filters" role="search">
<div class="field field-search"><label for="q">Search</label><input type="search" id="q" name="q" value="\(state.search)" placeholder="Name, user name or email"></div>
<div class="field"><label for="integration">Integration</label><select id="integration" name="integration">\(Components.integrationOptions(integrations, selected: state.integrationID))</select></div>
<div class="field"><label for="status">Status</label><select id="status" name="status">\(statusOptions)</select></div>
<input type="hidden" name="sort" value="\(state.sort.rawValue)"><input type="hidden" name="dir" value="\(state.direction.rawValue)">
<div class="actions"><button class="btn btn-primary" type="submit" id="apply-filters">Apply</button>\(clear)</div>
</form>
<div class="card card-flush">\(pager.top)\(table)\(pager.bottom)</div>
"""
        return p.console("Users", .users, body)
    }

    static func detail(_ p: PageContext, user d: AdminUserDetail) -> HTML {
        let u = d.row
        let groups: HTML = d.groups.isEmpty
            ? "<p class=\"muted\">Not a member of any group.</p>"
            : "<ul class=\"plain\" id=\"user-groups\">\(HTML.join(d.groups.map { "<li><a href=\"\(Components.groupPath($0.id))\">\($0.displayName)</a></li>" }))</ul>"
        var meta: HTML = "<dt>Integration</dt><dd><a href=\"\(Components.integrationPath(u.integrationID))\">\(u.integrationName)</a></dd><dt>id</dt><dd><code>\(u.id)</code></dd>"
        if let c = d.createdAt { meta += "<dt>Created</dt><dd>\(Components.time(c))</dd>" }
        if let m = d.lastModified { meta += "<dt>Last modified</dt><dd>\(Components.time(m))</dd>" }
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/users">Users</a> /</div><h1 id="user-name">\(u.shownName)</h1>
<p><code>\(u.userName)</code> \(Components.activeBadge(u.active))</p></div></div>
<div class="grid-2">
<section class="card" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2><dl class="attrs">
<dt>Email</dt><dd>\(u.email ?? "—")</dd><dt>Title</dt><dd>\(u.title ?? "—")</dd><dt>Department</dt><dd>\(u.department ?? "—")</dd>
\(meta)</dl></section>
<section class="card" aria-labelledby="groups-h"><h2 id="groups-h">Groups (\(Components.number(d.groups.count)))</h2>\(groups)</section>
</div>
<section class="card" aria-labelledby="attrs-h"><h2 id="attrs-h">Stored attributes</h2>\(AttributeList.render(d.attributes))</section>
<section class="card" aria-labelledby="raw-h"><h2 id="raw-h">SCIM resource (JSON)</h2><pre class="json" id="raw-json">\(d.rawJSON)</pre></section>
"""
        return p.console(u.shownName, .users, body)
    }
}
