import Crypto

/// The sign-in and first-start setup pages.
enum AuthPages {
    static let passwordRules: HTML = "At least \(PasswordPolicy.minimumLength) and at most \(PasswordPolicy.maximumLength) characters; any characters, spaces included. Common passwords are refused. A long passphrase is best."

    static func login(product: String, csrf: String, next: String?, message: HTML?, error: String?, passwordSet: Bool) -> HTML {
        var content = HTML()
        if let message { content += Components.alert(.info, message) }
        if let error { content += Components.alert(.error, HTML(escaping: error)) }
        if !passwordSet {
            content += """
<div class="card"><h1>No admin password yet</h1>
<p>Open the one-time setup link that <code>\(product)</code> printed when it first started, or set a password on the server with <code class=\"nowrap\">\(product) admin set-password</code>.</p></div>
"""
            return PageLayout.standalone(title: "Sign in", product: product, content: content)
        }
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? HTML()
        content += """
<div class="card"><h1>Sign in</h1><p class="muted">Admin console of this SCIM directory.</p>
<form method="post" action="/login" id="login-form">\(Components.csrfField(csrf))\(nextField)
<div class="field"><label for="password">Admin password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required autofocus maxlength="1024"></div>
<button class="btn btn-primary" type="submit" id="sign-in">Sign in</button>
</form></div>
"""
        return PageLayout.standalone(title: "Sign in", product: product, content: content)
    }

    /// Asks for the setup code when the link was opened without it (or with a wrong one).
    static func setupCode(product: String, error: String?) -> HTML {
        var content = HTML()
        if let error { content += Components.alert(.error, HTML(escaping: error)) }
        content += """
<div class="card"><h1>Set up \(product)</h1>
<p>Enter the one-time setup code that <code>\(product)</code> printed in its log when it first started.</p>
<form method="get" action="/setup" id="setup-code-form">
<div class="field"><label for="code">Setup code</label>
<input type="text" id="code" name="code" autocomplete="off" spellcheck="false" required maxlength="256"></div>
<button class="btn btn-primary" type="submit" id="setup-continue">Continue</button>
</form></div>
"""
        return PageLayout.standalone(title: "Set up", product: product, content: content)
    }

    static func setupPassword(product: String, csrf: String, code: String, error: String?) -> HTML {
        var content = HTML()
        if let error { content += Components.alert(.error, HTML(escaping: error)) }
        content += """
<div class="card"><h1>Choose the admin password</h1>
<p class="muted">This password signs in to the admin console. The setup link stops working once it is set.</p>
<form method="post" action="/setup" id="setup-form">\(Components.csrfField(csrf))
<input type="hidden" name="code" value="\(code)">
<div class="field"><label for="password">New password</label>
<input type="password" id="password" name="password" autocomplete="new-password" required minlength="\(PasswordPolicy.minimumLength)" maxlength="\(PasswordPolicy.maximumLength)" aria-describedby="password-rules">
<p class="hint" id="password-rules">\(passwordRules)</p></div>
<div class="field"><label for="confirm">Repeat the password</label>
<input type="password" id="confirm" name="confirm" autocomplete="new-password" required maxlength="\(PasswordPolicy.maximumLength)"></div>
<button class="btn btn-primary" type="submit" id="set-password">Set password and sign in</button>
</form></div>
"""
        return PageLayout.standalone(title: "Set up", product: product, content: content)
    }

    /// Setup is over (a password exists) or was never offered (no code configured).
    static func setupUnavailable(product: String, passwordSet: Bool) -> HTML {
        let text: HTML = passwordSet
            ? "An admin password is already set, so the setup link no longer works. <a href=\"/login\">Sign in</a>, or change the password on the server with <code class=\"nowrap\">\(product) admin set-password</code>."
            : "Setup through the browser is not enabled. Set the admin password on the server with <code class=\"nowrap\">\(product) admin set-password</code>."
        return PageLayout.standalone(title: "Set up", product: product, content: "<div class=\"card\"><h1>Setup is not available</h1><p>\(text)</p></div>")
    }
}
