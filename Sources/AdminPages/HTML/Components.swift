/// Small reusable pieces of markup.
enum Components {
    static func csrfField(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
    }

    static func activeBadge(_ active: Bool) -> HTML {
        active ? "<span class=\"badge badge-ok\">Active</span>" : "<span class=\"badge badge-muted\">Inactive</span>"
    }

    static func statusBadge(_ status: Int) -> HTML {
        let cls: HTML
        switch status {
        case 200..<300: cls = "badge-ok"
        case 300..<400: cls = "badge-info"
        case 400..<500: cls = "badge-warn"
        default: cls = "badge-bad"
        }
        return "<span class=\"badge \(cls)\">\(status)</span>"
    }

    /// A read-only field with a copy button (the button is shown by the script, hidden without it).
    static func copyField(id: String, label: String, value: String, hint: HTML? = nil) -> HTML {
        let hintHTML: HTML = hint.map { "<p class=\"hint\">\($0)</p>" } ?? HTML()
        return """
<div class="field"><label for="\(id)">\(label)</label>
<div class="copy-row"><input type="text" id="\(id)" name="\(id)" value="\(value)" readonly spellcheck="false" autocomplete="off">
<button type="button" class="btn" id="copy-\(id)" data-copy="\(id)" hidden>Copy</button></div>\(hintHTML)</div>
"""
    }

    /// Like `copyField`, for a secret shown once: a read-only text area that wraps, so the whole
    /// value stays visible on any screen width (an input would cut it off).
    static func secretField(id: String, label: String, value: String, hint: HTML? = nil) -> HTML {
        let hintHTML: HTML = hint.map { "<p class=\"hint\">\($0)</p>" } ?? HTML()
        return """
<div class="field"><label for="\(id)">\(label)</label>
<div class="copy-row"><textarea id="\(id)" name="\(id)" rows="2" readonly spellcheck="false" autocomplete="off" autocapitalize="off" class="secret">\(value)</textarea>
<button type="button" class="btn" id="copy-\(id)" data-copy="\(id)" hidden>Copy</button></div>\(hintHTML)</div>
"""
    }

    /// An inline value with a small copy button, for values inside guide steps.
    static func inlineCopy(id: String, value: String) -> HTML {
        "<code id=\"\(id)\">\(value)</code> <button type=\"button\" class=\"btn btn-small\" data-copy=\"\(id)\" hidden aria-label=\"Copy \(value)\">Copy</button>"
    }

    static func time(_ ms: Int64) -> HTML {
        "<time datetime=\"\(UTCTime.iso(ms))\">\(UTCTime.display(ms))</time>"
    }

    /// "1,234"
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    static func plural(_ n: Int, _ one: String, _ many: String) -> String {
        "\(number(n)) \(n == 1 ? one : many)"
    }

    static func alert(_ kind: AlertKind, _ message: HTML) -> HTML {
        let role: HTML = kind == .error ? "alert" : "status"
        return "<div class=\"alert alert-\(kind.cssName)\" role=\"\(role)\">\(message)</div>"
    }

    enum AlertKind {
        case error, warn, ok, info
        var cssName: HTML {
            switch self {
            case .error: return "error"
            case .warn: return "warn"
            case .ok: return "ok"
            case .info: return "info"
            }
        }
    }

    /// "Showing 51–100 of 1,234 users" with Previous/Next links; `link` builds the URL for an offset.
    /// `bottom` goes under the table; `top` repeats it above the table when there is more than one page.
    static func pagers(offset: Int, shown: Int, total: Int, limit: Int, one: String, many: String, link: (Int) -> String) -> (top: HTML, bottom: HTML) {
        let noun = total == 1 ? one : many
        let summary: String
        if total == 0 {
            summary = "No \(many)"
        } else if shown == 0 {
            summary = "Nothing on this page (\(plural(total, one, many)) in all)"
        } else {
            summary = "Showing \(number(offset + 1))–\(number(offset + shown)) of \(number(total)) \(noun)"
        }
        let hasPrevious = offset > 0, hasNext = offset + shown < total
        func links(ids: Bool) -> HTML {
            var out = HTML()
            if hasPrevious {
                let id: HTML = ids ? " id=\"page-prev\"" : HTML()
                out += "<a class=\"btn btn-small\" rel=\"prev\"\(id) href=\"\(link(max(0, offset - limit)))\">← Previous</a>"
            }
            if hasNext {
                let id: HTML = ids ? " id=\"page-next\"" : HTML()
                out += "<a class=\"btn btn-small\" rel=\"next\"\(id) href=\"\(link(offset + limit))\">Next →</a>"
            }
            return out
        }
        let bottom: HTML = "<nav class=\"pager\" aria-label=\"Pages\"><span>\(summary)</span><span class=\"links\">\(links(ids: true))</span></nav>"
        let top: HTML = shown > 0 && (hasPrevious || hasNext)
            ? "<nav class=\"pager pager-top\" aria-label=\"Pages (top)\"><span>\(summary)</span><span class=\"links\">\(links(ids: false))</span></nav>"
            : HTML()
        return (top, bottom)
    }

    /// A column header that sorts by `key` when clicked (toggling direction on the current column).
    static func sortHeader(title: String, key: String, currentKey: String, direction: String, link: (String, String) -> String, numeric: Bool = false) -> HTML {
        let isCurrent = key == currentKey
        let nextDirection = isCurrent && direction == "asc" ? "desc" : "asc"
        let ariaSort: HTML = isCurrent ? (direction == "asc" ? " aria-sort=\"ascending\"" : " aria-sort=\"descending\"") : HTML()
        let arrow: HTML = isCurrent ? (direction == "asc" ? " <span aria-hidden=\"true\">▲</span>" : " <span aria-hidden=\"true\">▼</span>") : HTML()
        let cls: HTML = numeric ? " class=\"num\"" : HTML()
        return "<th scope=\"col\"\(cls)\(ariaSort)><a href=\"\(link(key, nextDirection))\">\(title)\(arrow)</a></th>"
    }

    /// `<option>`s for the integration filter.
    static func integrationOptions(_ integrations: [AdminIntegration], selected: String?) -> HTML {
        var out: HTML = selected == nil ? "<option value=\"\" selected>All integrations</option>" : "<option value=\"\">All integrations</option>"
        for i in integrations {
            out += i.id == selected
                ? "<option value=\"\(i.id)\" selected>\(i.name)</option>"
                : "<option value=\"\(i.id)\">\(i.name)</option>"
        }
        return out
    }

    static func userPath(_ id: String) -> String { "/users/" + PercentEncoding.encode(id) }
    static func groupPath(_ id: String) -> String { "/groups/" + PercentEncoding.encode(id) }
    static func integrationPath(_ id: String, _ suffix: String = "") -> String { "/integrations/" + PercentEncoding.encode(id) + suffix }
}
