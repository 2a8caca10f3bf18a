/// Groups: the list with member counts, and a group page with its members, paged.
enum GroupPages {
    static let memberPageSize = 100

    static func list(_ p: PageContext, state: GroupListState, page: AdminPage<AdminGroupRow>, integrations: [AdminIntegration]) -> HTML {
        let filtering = !state.search.isEmpty || state.integrationID != nil
        let clear: HTML = filtering ? "<a class=\"btn\" href=\"/groups\" id=\"clear-filters\">Clear</a>" : HTML()
        let header = { (title: String, key: AdminGroupSortKey, numeric: Bool) -> HTML in
            Components.sortHeader(title: title, key: key.rawValue, currentKey: state.sort.rawValue, direction: state.direction.rawValue,
                                  link: { state.link(sort: $0, direction: $1) }, numeric: numeric)
        }
        var rows = HTML()
        for g in page.rows {
            rows += """
<tr><th scope="row"><a href="\(Components.groupPath(g.id))">\(g.displayName)</a></th><td>\(g.externalId ?? "")</td>
<td class="num">\(Components.number(g.memberCount))</td><td>\(g.integrationName)</td></tr>
"""
        }
        let table: HTML = page.rows.isEmpty && page.total > 0
            ? "<div class=\"empty\">Nothing on this page. <a href=\"\(state.link(offset: 0))\">Go to the first page</a></div>"
            : page.rows.isEmpty
            ? "<div class=\"empty\">\(filtering ? "No groups match these filters." : "No groups yet. They appear here once an identity provider pushes them.")</div>"
            : """
<div class="table-wrap"><table id="groups-table"><caption class="skip">Groups</caption>
<thead><tr>\(header("Name", .displayName, false))<th scope="col">External ID</th>\(header("Members", .memberCount, true))\(header("Integration", .integration, false))</tr></thead>
<tbody>\(rows)</tbody></table></div>
"""
        let pager = Components.pagers(offset: state.offset, shown: page.rows.count, total: page.total, limit: GroupListState.pageSize,
                                      one: "group", many: "groups", link: { state.link(offset: $0) })
        let body: HTML = """
<div class="page-head"><div><h1>Groups</h1><p>Groups pushed by your identity providers, with their member counts.</p></div></div>
<form method="get" action="/groups" class="filters card" id="group-filters" role="search">
<div class="field field-search"><label for="q">Search</label><input type="search" id="q" name="q" value="\(state.search)" placeholder="Group name or external ID"></div>
<div class="field"><label for="integration">Integration</label><select id="integration" name="integration">\(Components.integrationOptions(integrations, selected: state.integrationID))</select></div>
<input type="hidden" name="sort" value="\(state.sort.rawValue)"><input type="hidden" name="dir" value="\(state.direction.rawValue)">
<div class="actions"><button class="btn btn-primary" type="submit" id="apply-filters">Apply</button>\(clear)</div>
</form>
<div class="card card-flush">\(pager.top)\(table)\(pager.bottom)</div>
"""
        return p.console("Groups", .groups, body)
    }

    static func detail(_ p: PageContext, group d: AdminGroupDetail, offset: Int) -> HTML {
        let g = d.row
        var rows = HTML()
        for m in d.members {
            let name: HTML
            if let resolved = m.resolvedName {
                name = m.isUser
                    ? "<a href=\"\(Components.userPath(m.id))\">\(resolved)</a>"
                    : "<a href=\"\(Components.groupPath(m.id))\">\(resolved)</a>"
            } else {
                name = "<span class=\"muted\">Unknown member</span>"
            }
            let kind: HTML = m.isUser ? "User" : "Group"
            rows += "<tr><th scope=\"row\">\(name)</th><td>\(kind)</td><td>\(m.display ?? "")</td><td><code>\(m.id)</code></td></tr>"
        }
        let members: HTML = d.members.isEmpty && g.memberCount == 0
            ? "<div class=\"empty\">This group has no members.</div>"
            : """
<div class="table-wrap"><table id="members-table"><caption class="skip">Members of the group</caption>
<thead><tr><th scope="col">Member</th><th scope="col">Type</th><th scope="col">Display (as sent)</th><th scope="col">id</th></tr></thead>
<tbody>\(rows)</tbody></table></div>
"""
        let base = Components.groupPath(g.id)
        let pager = Components.pagers(offset: offset, shown: d.members.count, total: g.memberCount, limit: memberPageSize, one: "member", many: "members",
                                     link: { $0 > 0 ? base + FormData.query([("offset", String($0))]) : base })
        var meta: HTML = "<dt>Integration</dt><dd><a href=\"\(Components.integrationPath(g.integrationID))\">\(g.integrationName)</a></dd><dt>External ID</dt><dd>\(g.externalId ?? "—")</dd><dt>id</dt><dd><code>\(g.id)</code></dd>"
        if let c = d.createdAt { meta += "<dt>Created</dt><dd>\(Components.time(c))</dd>" }
        if let m = d.lastModified { meta += "<dt>Last modified</dt><dd>\(Components.time(m))</dd>" }
        let body: HTML = """
<div class="page-head"><div><div class="crumbs"><a href="/groups">Groups</a> /</div><h1 id="group-name">\(g.displayName)</h1><p>\(Components.plural(g.memberCount, "member", "members"))</p></div></div>
<section class="card" aria-labelledby="about-h"><h2 id="about-h">About</h2><dl class="attrs">\(meta)</dl></section>
<section class="card card-flush" aria-labelledby="members-h"><h2 id="members-h" class="card-title">Members</h2>\(pager.top)\(members)\(pager.bottom)</section>
"""
        return p.console(g.displayName, .groups, body)
    }
}
