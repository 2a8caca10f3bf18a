/// One client connection's state. Owned and touched by exactly one event loop thread.
final class Connection {
    enum Phase {
        /// Reading a request head or body (or waiting for the next request).
        case reading
        /// A request went to the handler; input is not read until its response is written.
        case awaitingResponse
        /// The response is being written (the socket buffer was full).
        case writing
        /// A final response was written and our side shut down; discarding input until EOF.
        case lingering
        case closed
    }

    enum DeadlineKind {
        case none, header, request, idle, write, linger
    }

    let fd: Int32
    let slot: Int32
    let serial: UInt32
    let remoteAddress: String

    var phase = Phase.reading
    var parser: HTTPRequestParser
    /// Received bytes not yet consumed by the parser (a partial head, or pipelined requests).
    var inbound: [UInt8] = []
    /// `inbound` holds bytes after a dispatched request that the parser has not looked at yet.
    var inboundUnseen = false
    /// Edge-triggered epoll: true until a read returns EAGAIN.
    var readable = false
    /// EPOLLRDHUP seen: the peer sent FIN, so reads end in EOF.
    var peerClosedInput = false

    var deadline: UInt64 = 0
    var deadlineKind = DeadlineKind.none
    /// When the current request started (its first byte, or the accept for the first request).
    var requestStart: UInt64 = 0

    // The request in flight.
    var awaitingToken: UInt64 = 0
    var isHEAD = false
    var keepAlive = true
    var http10KeepAlive = false
    /// False when a response is sent before the request was read completely (errors): then the
    /// close lingers so the client reads the response instead of a reset.
    var requestFullyRead = true

    // Output that did not fit into the socket buffer.
    var outHead: [UInt8] = []
    var outHeadOffset = 0
    var outBody: [UInt8] = []
    var outBodyOffset = 0
    var closeAfterWrite = false
    var lingerBudget = 0

    // IdleConnectionList links.
    unowned(unsafe) var idlePrev: Connection?
    unowned(unsafe) var idleNext: Connection?
    var isIdleListed = false
    var idleStamp: UInt64 = 0

    /// Queued on the loop's ready list.
    var isScheduled = false

    init(fd: Int32, slot: Int32, serial: UInt32, remoteAddress: String, limits: HTTPParserLimits) {
        self.fd = fd
        self.slot = slot
        self.serial = serial
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestParser(limits: limits)
    }

    var hasPendingOutput: Bool { outHeadOffset < outHead.count || outBodyOffset < outBody.count }

    /// The 64-bit epoll user data that identifies this connection (never 0 or 1).
    var epollData: UInt64 { UInt64(serial) << 32 | UInt64(UInt32(bitPattern: slot)) }
}
