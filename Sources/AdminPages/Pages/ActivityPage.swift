/// Recent SCIM requests, so an admin can see why an IdP's test connection failed.
enum ActivityPage {
    static let limit = 200

    static func render(_ p: PageContext, activity: [AdminActivity], integrations: [AdminIntegration], integrationID: String?, failuresOnly: Bool) -> HTML {
        let shown = failuresOnly ? activity.filter(\.isFailure) : activity
        var notes = HTML()
        for s in JumpCloudTestDetector.detect(activity) {
            notes += Components.alert(.info, """
<p id="jumpcloud-test-note"><strong>JumpCloud Test Connection</strong> — at \(Components.time(s.time)), <strong>\(s.integrationName)</strong> created a user and a group and deleted both within a minute. This is what JumpCloud's “Test Connection” does: it writes test objects and deletes them. Nothing is wrong.</p>
""")
        }
        var rows = HTML()
        for a in shown {
            let problem: HTML
            if a.isFailure || a.detail != nil {
                let type: HTML = a.scimType.map { "<code>\($0)</code> " } ?? HTML()
                problem = "\(type)\(a.detail ?? "")"
            } else {
                problem = HTML()
            }
            let cls: HTML = a.isFailure ? " class=\"row-failed\"" : HTML()
            rows += """
<tr\(cls)><td class="nowrap"><time datetime="\(UTCTime.iso(a.time))">\(UTCTime.displaySeconds(a.time))</time></td><td>\(a.integrationName)</td>
<td class="request"><span class="method">\(a.method)</span> <code title="\(a.path)">\(shortPath(a.path))</code></td><td>\(Components.statusBadge(a.status))</td><td class="num nowrap">\(durationText(a.durationMs))</td><td class="detail">\(problem)</td></tr>
"""
        }
        let table: HTML = shown.isEmpty
            ? "<div class=\"empty\">\(failuresOnly ? "No failed requests." : "No SCIM requests yet. Run your identity provider's test connection, then reload.")</div>"
            : """
<div class="table-wrap"><table id="activity-table"><caption class="skip">Recent SCIM requests</caption>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Integration</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col" class="num">Duration</th><th scope="col">Detail</th></tr></thead>
<tbody>\(rows)</tbody></table></div>
"""
        let failuresChecked: HTML = failuresOnly ? " checked" : HTML()
        let body: HTML = """
<div class="page-head"><div><h1>Activity</h1><p>The most recent \(limit) SCIM requests from your identity providers, newest first. Failed requests are highlighted with the SCIM error type and detail.</p></div></div>
<form method="get" action="/activity" class="filters card" id="activity-filters">
<div class="field"><label for="integration">Integration</label><select id="integration" name="integration">\(Components.integrationOptions(integrations, selected: integrationID))</select></div>
<div class="field"><label class="check" for="failures"><input type="checkbox" id="failures" name="failures" value="1"\(failuresChecked)> Failures only</label></div>
<div class="actions"><button class="btn btn-primary" type="submit" id="apply-filters">Apply</button></div>
</form>
\(notes)
<div class="card card-flush">\(table)</div>
"""
        return p.console("Activity", .activity, body)
    }

    /// Every request goes to the SCIM base path; the table shows what follows it ("/Users?filter=…"),
    /// the full path is in the cell's tooltip.
    static func shortPath(_ path: String) -> String {
        let base = "/api/v1/scim"
        guard path.hasPrefix(base) else { return path }
        let rest = path.dropFirst(base.count)
        if rest.isEmpty { return "/" }
        return rest.first == "/" || rest.first == "?" ? String(rest) : path
    }

    static func durationText(_ ms: Double) -> String {
        if ms < 0 || !ms.isFinite { return "" }
        if ms < 0.1 { return "<0.1 ms" }
        if ms < 10 { return String(Double(Int(ms * 10)) / 10) + " ms" }
        return String(Int(ms.rounded())) + " ms"
    }
}
