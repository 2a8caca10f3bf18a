/// Decodes a chunked request body (RFC 9112 section 7.1) incrementally. Chunk extensions are
/// tolerated and ignored, trailer fields are checked for bare CR/LF and control bytes and then
/// discarded. The size limit is checked as soon as a chunk size is known, so excess bytes are
/// never buffered.
struct ChunkedBodyDecoder {
    enum Result: Equatable {
        case needMore
        case done
        case failure(HTTPParseError)
    }

    private enum State {
        case size, extensions, sizeLF, data, dataCR, dataLF, trailerStart, trailerLine, trailerLF, endLF
    }

    /// Longest chunk-size line (digits plus extensions) accepted.
    static let maxChunkLineBytes = 4096

    private var state = State.size
    private var chunkSize = 0
    private var sizeDigits = 0
    private var lineBytes = 0
    private var trailerBytes = 0

    /// Consumes bytes of `buffer` starting at `start`, appending chunk data to `body`.
    /// Returns how many bytes were consumed and whether the body is complete.
    mutating func decode(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, into body: inout [UInt8],
                         limits: HTTPParserLimits) -> (consumed: Int, result: Result) {
        var i = start
        let end = buffer.count
        while i < end {
            let b = buffer[i]
            switch state {
            case .size:
                if let v = HTTPByteClass.hexValue(b) {
                    sizeDigits += 1
                    chunkSize = chunkSize &* 16 &+ v
                    // Checked per digit: a huge size fails before it can overflow.
                    if sizeDigits > 16 || chunkSize > limits.maxBodyBytes - body.count {
                        return (i - start, .failure(.bodyTooLarge))
                    }
                    lineBytes += 1
                } else if sizeDigits > 0 && (b == UInt8(ascii: ";") || HTTPByteClass.isOWS(b)) {
                    state = .extensions
                    lineBytes += 1
                } else if sizeDigits > 0 && b == HTTPByteClass.cr {
                    state = .sizeLF
                } else {
                    return (i - start, .failure(b == HTTPByteClass.lf ? .bareLineFeed : .badChunk))
                }
                i += 1
            case .extensions:
                if b == HTTPByteClass.cr {
                    state = .sizeLF
                } else if b == HTTPByteClass.lf {
                    return (i - start, .failure(.bareLineFeed))
                } else if !HTTPByteClass.isFieldValueByte(b) {
                    return (i - start, .failure(.badChunk))
                } else {
                    lineBytes += 1
                    if lineBytes > Self.maxChunkLineBytes { return (i - start, .failure(.badChunk)) }
                }
                i += 1
            case .sizeLF:
                guard b == HTTPByteClass.lf else { return (i - start, .failure(.bareCarriageReturn)) }
                i += 1
                if chunkSize == 0 {
                    state = .trailerStart
                } else {
                    state = .data
                }
            case .data:
                let n = min(chunkSize, end - i)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<(i + n)]))
                chunkSize -= n
                i += n
                if chunkSize == 0 { state = .dataCR }
            case .dataCR:
                guard b == HTTPByteClass.cr else { return (i - start, .failure(.badChunk)) }
                state = .dataLF
                i += 1
            case .dataLF:
                guard b == HTTPByteClass.lf else { return (i - start, .failure(.bareCarriageReturn)) }
                state = .size
                sizeDigits = 0
                lineBytes = 0
                i += 1
            case .trailerStart:
                if b == HTTPByteClass.cr {
                    state = .endLF
                } else if b == HTTPByteClass.lf {
                    return (i - start, .failure(.bareLineFeed))
                } else if HTTPByteClass.isOWS(b) {
                    return (i - start, .failure(.obsFold))
                } else {
                    state = .trailerLine
                    trailerBytes += 1
                }
                i += 1
            case .trailerLine:
                if b == HTTPByteClass.cr {
                    state = .trailerLF
                } else if b == HTTPByteClass.lf {
                    return (i - start, .failure(.bareLineFeed))
                } else if !HTTPByteClass.isFieldValueByte(b) {
                    return (i - start, .failure(.badHeaderValue))
                }
                trailerBytes += 1
                if trailerBytes > limits.maxHeaderBytes { return (i - start, .failure(.trailersTooLarge)) }
                i += 1
            case .trailerLF:
                guard b == HTTPByteClass.lf else { return (i - start, .failure(.bareCarriageReturn)) }
                trailerBytes += 1
                state = .trailerStart
                i += 1
            case .endLF:
                guard b == HTTPByteClass.lf else { return (i - start, .failure(.bareCarriageReturn)) }
                i += 1
                return (i - start, .done)
            }
        }
        return (i - start, .needMore)
    }
}
