/// `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (all IPv4 addresses).
struct ListenAddress {
    let host: String
    let port: Int

    static func parse(_ text: String) throws(CLIError) -> ListenAddress {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw CLIError("--listen: missing ] in \"\(text)\"") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.hasPrefix(":") else { throw CLIError("--listen: expected :PORT after ] in \"\(text)\"") }
            portText = after.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw CLIError("--listen must be HOST:PORT, got \"\(text)\"") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.isEmpty { host = "0.0.0.0" }
        }
        guard let port = Int(portText), (0...65535).contains(port) else { throw CLIError("--listen: invalid port in \"\(text)\"") }
        return ListenAddress(host: String(host), port: port)
    }
}
