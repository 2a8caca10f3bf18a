/// Pages for refused requests.
enum ErrorPages {
    static func message(product: String, title: String, text: HTML, link: HTML = "<a href=\"/\">Go to the start page</a>") -> HTML {
        PageLayout.standalone(title: title, product: product, content: "<div class=\"card\"><h1>\(title)</h1><p>\(text)</p><p>\(link)</p></div>")
    }

    static func notFound(product: String) -> HTML {
        message(product: product, title: "Not found", text: "There is no page at this address.")
    }

    static func methodNotAllowed(product: String) -> HTML {
        message(product: product, title: "Method not allowed", text: "This address does not accept that kind of request. Changes are made only with the forms of the admin pages.")
    }

    static func forbidden(product: String) -> HTML {
        message(product: product, title: "Request refused",
                text: "The form was out of date or did not come from this site. Go back, reload the page and try again.")
    }

    static func tooManyAttempts(product: String, retryAfter: Int64) -> HTML {
        let minutes = (retryAfter + 59) / 60
        let wait = retryAfter < 60 ? Components.plural(Int(retryAfter), "second", "seconds") : Components.plural(Int(minutes), "minute", "minutes")
        return message(product: product, title: "Too many attempts",
                       text: "Too many failed attempts. For your security, wait \(wait) and try again.", link: "<a href=\"/login\">Back to sign in</a>")
    }

    static func busy(product: String) -> HTML {
        message(product: product, title: "Busy", text: "The server is checking other sign-in attempts. Try again in a few seconds.", link: "<a href=\"/login\">Back to sign in</a>")
    }

    static func payloadTooLarge(product: String) -> HTML {
        message(product: product, title: "Form too large", text: "The submitted form is larger than this server accepts.")
    }

    static func storageFailure(product: String, message text: String) -> HTML {
        message(product: product, title: "Not saved", text: HTML(escaping: text))
    }
}
