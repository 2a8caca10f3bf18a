/// The small SCIM-shaped error the server itself sends for framing errors, limits and timeouts
/// (IdPs parse the SCIM error schema even for these).
enum HTTPErrorResponse {
    static func make(status: Int, detail: String) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(120 + detail.utf8.count)
        body.append(contentsOf: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":""#.utf8)
        HTTPResponseSerializer.appendDecimal(status, to: &body)
        body.append(contentsOf: #"","detail":""#.utf8)
        for b in detail.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                body.append(UInt8(ascii: "\\"))
                body.append(b)
            case 0..<0x20:
                body.append(UInt8(ascii: " "))
            default:
                body.append(b)
            }
        }
        body.append(contentsOf: #""}"#.utf8)
        return HTTPResponse(status: status, headers: ["Content-Type": "application/scim+json"], body: body)
    }

    static func make(_ error: HTTPParseError) -> HTTPResponse {
        make(status: error.status, detail: error.detail.description)
    }
}
