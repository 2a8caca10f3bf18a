/// The page chrome: document head (stylesheet, copy script), header with Sign out, left navigation.
enum PageLayout {
    /// A page of the signed-in console.
    static func console(title: String, product: String, section: NavSection?, csrf: String, flash: String?, content: HTML) -> HTML {
        let nav = HTML.join(NavSection.allCases.map { item -> HTML in
            item == section
                ? "<li><a href=\"\(item.path)\" aria-current=\"page\">\(item.title)</a></li>"
                : "<li><a href=\"\(item.path)\">\(item.title)</a></li>"
        })
        let flashHTML: HTML = flash.map { "<div class=\"alert alert-ok\" role=\"status\">\($0)</div>" } ?? HTML()
        let body: HTML = """
<a class="skip" href="#main">Skip to main content</a>
<header class="topbar">
<a class="brand" href="/integrations"><span class="brand-mark" aria-hidden="true">S</span>\(product)</a>
<form method="post" action="/logout">\(Components.csrfField(csrf))<button class="btn btn-small" type="submit" id="sign-out">Sign out</button></form>
</header>
<div class="shell">
<nav class="sidenav" aria-label="Main"><ul>\(nav)</ul></nav>
<main id="main">\(flashHTML)\(content)</main>
</div>
"""
        return document(title: "\(title) · \(product)", body: body)
    }

    /// A page outside the console (sign-in, setup, errors before login).
    static func standalone(title: String, product: String, content: HTML) -> HTML {
        let body: HTML = """
<main id="main" class="auth-wrap"><div class="auth-card">
<div class="brand"><span class="brand-mark" aria-hidden="true">S</span>\(product)</div>
\(content)
</div></main>
"""
        return document(title: "\(title) · \(product)", body: body)
    }

    static func document(title: String, body: HTML) -> HTML {
        """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>\(title)</title>
<link rel="icon" href="data:,">
<style>\(HTML(trusted: Stylesheet.css))</style>
</head>
<body>
\(body)
<script>\(HTML(trusted: CopyScript.js))</script>
</body>
</html>
"""
    }
}
