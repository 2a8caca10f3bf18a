import Crypto

/// The CSP of every admin response: nothing but our one inline stylesheet and our one inline
/// script, each allowed by its SHA-256 (computed once), and forms posting only to this origin.
enum ContentSecurityPolicy {
    static let styleHash = "sha256-" + Base64.encode(SHA256.hash(Array(Stylesheet.css.description.utf8)))
    static let scriptHash = "sha256-" + Base64.encode(SHA256.hash(Array(CopyScript.js.description.utf8)))

    static let header = "default-src 'none'; style-src '\(styleHash)'; script-src '\(scriptHash)'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
}
