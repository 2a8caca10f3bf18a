/// Reads one HTTP/1.x response from a `ClientSocket`: Content-Length, chunked, or until close.
enum HTTPClientResponseReader {
    static func read(from socket: ClientSocket, isHEAD: Bool, deadline: UInt64) throws(HTTPClientError) -> HTTPClientResponse {
        let statusLine = try socket.readLine(deadline: deadline)
        let (status, reason) = try parseStatusLine(statusLine)
        var headers = HTTPHeaders()
        while true {
            let line = try socket.readLine(deadline: deadline)
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw .malformedResponse("header line without a colon")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)[...].trimmingSpaces
            headers.add(name, String(value))
            if headers.count > 1000 { throw .malformedResponse("too many header fields") }
        }
        var response = HTTPClientResponse(status: status, reason: reason, headers: headers)
        if isHEAD || (100..<200).contains(status) || status == 204 || status == 304 { return response }
        if let te = headers["Transfer-Encoding"], te.lowercased().contains("chunked") {
            response.body = try readChunked(socket, deadline: deadline)
        } else if let cl = headers["Content-Length"] {
            guard let n = Int(cl.trimmingCharacters()), n >= 0 else { throw .malformedResponse("bad Content-Length \(cl)") }
            response.body = try socket.readExactly(n, deadline: deadline)
        } else {
            response.body = try socket.readToEnd(deadline: deadline)
        }
        return response
    }

    static func parseStatusLine(_ line: [UInt8]) throws(HTTPClientError) -> (Int, String) {
        // HTTP/1.1 SP 3DIGIT SP reason
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)), line[8] == UInt8(ascii: " ") else {
            throw .malformedResponse("status line \"\(String(decoding: line.prefix(80), as: UTF8.self))\"")
        }
        var status = 0
        for b in line[9..<12] {
            guard b >= 48 && b <= 57 else { throw .malformedResponse("status code") }
            status = status * 10 + Int(b - 48)
        }
        let reason = line.count > 13 ? String(decoding: line[13...], as: UTF8.self) : ""
        return (status, reason)
    }

    static func readChunked(_ socket: ClientSocket, deadline: UInt64) throws(HTTPClientError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try socket.readLine(deadline: deadline)
            var size = 0
            var digits = 0
            for b in line {
                guard let v = HTTPByteClass.hexValue(b) else { break }
                size = size * 16 + v
                digits += 1
                if digits > 12 { throw .malformedResponse("chunk size too large") }
            }
            guard digits > 0 else { throw .malformedResponse("bad chunk size line") }
            if size == 0 {
                while try !socket.readLine(deadline: deadline).isEmpty {}  // trailers
                return body
            }
            body.append(contentsOf: try socket.readExactly(size, deadline: deadline))
            guard try socket.readLine(deadline: deadline).isEmpty else { throw .malformedResponse("chunk not followed by CRLF") }
        }
    }
}

extension String {
    func trimmingCharacters() -> String { String(self[...].trimmingSpaces) }
}
