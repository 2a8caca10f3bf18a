/// What every console page needs to render, besides its own data.
struct PageContext: Sendable {
    let product: String
    let csrf: String
    let flash: String?
    let now: Int64
    /// The SCIM API URL to paste into an IdP, e.g. "https://scim.example.com/api/v1/scim".
    let scimURL: String

    func console(_ title: String, _ section: NavSection?, _ content: HTML) -> HTML {
        PageLayout.console(title: title, product: product, section: section, csrf: csrf, flash: flash, content: content)
    }
}
