import CLinux
import Glibc

/// One event-loop thread: its own epoll instance, the shared listener (registered with
/// EPOLLEXCLUSIVE so one loop wakes per connection), an eventfd mailbox, and the connections it
/// accepted. Everything except `mailbox` is touched only by the loop thread.
///
/// Connections are edge-triggered (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, registered once).
/// One request per connection is in flight: after a request goes to the handler the loop stops
/// reading that socket until the response is written, then parses pipelined bytes already buffered.
/// Deadlines are checked by a sweep every `tick`.
final class EventLoop: @unchecked Sendable {
    static let listenerTag: UInt64 = 0
    static let wakeTag: UInt64 = 1
    static let tickMilliseconds: Int32 = 250
    static let readChunk = 64 << 10
    static let lingerTime: UInt64 = 2_000_000_000
    static let lingerBytes = 4 << 20
    static let acceptBatch = 64
    static let eventBatch = 256

    let index: Int
    let shared: LoopShared
    let mailbox: LoopMailbox
    private let epollFD: Int32

    // Loop-thread state.
    private var slots: [Connection?] = []
    private var freeSlots: [Int32] = []
    private var connectionCount = 0
    private var nextSerial: UInt32 = 1
    private var nextToken: UInt64 = 1
    private var idle = IdleConnectionList()
    private var ready: [Connection] = []
    private let readBuffer: UnsafeMutableBufferPointer<UInt8>
    private var headBuffer: [UInt8] = []
    private var spareMessages: [LoopMessage] = []
    private var date = HTTPDateCache()
    private var now: UInt64 = 0
    private var draining = false
    private var drainDeadline: UInt64 = 0
    private var listenerRegistered = false
    private var listenerReleased = false
    private var acceptPausedUntil: UInt64 = 0
    /// A spare descriptor, given up to accept-and-close one connection when out of fds.
    private var reserveFD: Int32 = -1

    init(index: Int, shared: LoopShared) throws(HTTPServerError) {
        self.index = index
        self.shared = shared
        self.mailbox = shared.mailboxes[index]
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else {
            throw ListeningSocket.failure("cannot create an epoll instance", clinux_errno())
        }
        epollFD = fd
        if clinux_epoll_ctl(fd, CLINUX_EPOLL_CTL_ADD, mailbox.wakeFD, CLINUX_EPOLLIN, Self.wakeTag) != 0 {
            let e = clinux_errno()
            Glibc.close(fd)
            throw ListeningSocket.failure("cannot register the wake-up eventfd", e)
        }
        readBuffer = .allocate(capacity: Self.readChunk)
        headBuffer.reserveCapacity(1024)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Releases a loop whose thread never started.
    func discard() {
        mailbox.close()
        Glibc.close(epollFD)
    }

    // MARK: - Loop

    func run() {
        mailbox.ownerThread.store(pthread_self(), ordering: .releasing)
        reserveFD = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        now = clinux_monotonic_ns()
        date.refresh(wallMilliseconds: clinux_wall_ms())
        registerListener()
        let events = UnsafeMutablePointer<clinux_epoll_event>.allocate(capacity: Self.eventBatch)
        defer { events.deallocate() }
        var nextSweep = now + UInt64(Self.tickMilliseconds) * 1_000_000
        while true {
            let timeout: Int32 = ready.isEmpty && mailbox.local.isEmpty ? Self.tickMilliseconds : 0
            let n = clinux_epoll_wait(epollFD, events, Int32(Self.eventBatch), timeout)
            now = clinux_monotonic_ns()
            date.refresh(wallMilliseconds: clinux_wall_ms())
            if n > 0 {
                for i in 0..<Int(n) { handle(events[i]) }
            }
            drainLocal()
            runReady()
            if now >= nextSweep {
                sweep()
                nextSweep = now + UInt64(Self.tickMilliseconds) * 1_000_000
            }
            if draining && (connectionCount == 0 || now >= drainDeadline) { break }
        }
        finish()
    }

    private func finish() {
        for case let c? in slots { close(c) }
        releaseListener()
        mailbox.close()
        Glibc.close(epollFD)
        if reserveFD >= 0 { Glibc.close(reserveFD) }
        shared.stopped.leave()
    }

    private func handle(_ event: clinux_epoll_event) {
        switch event.data {
        case Self.listenerTag:
            acceptConnections()
        case Self.wakeTag:
            mailbox.takeMessages(into: &spareMessages)
            for message in spareMessages { process(message) }
            spareMessages.removeAll(keepingCapacity: true)
        default:
            let slot = Int(event.data & 0xFFFF_FFFF)
            let serial = UInt32(truncatingIfNeeded: event.data >> 32)
            guard slot < slots.count, let c = slots[slot], c.serial == serial else { return }
            connectionEvent(c, event.events)
        }
    }

    private func process(_ message: LoopMessage) {
        switch message {
        case let .response(slot, token, response):
            deliver(slot: slot, token: token, response)
        case .reclaimIdle:
            if let victim = idle.first { reclaim(victim) }
        case .shutdown(let deadline):
            beginDrain(deadline: deadline)
        }
    }

    /// Messages posted from this thread (handlers that answered synchronously).
    private func drainLocal() {
        while !mailbox.local.isEmpty {
            swap(&mailbox.local, &spareMessages)
            for message in spareMessages { process(message) }
            spareMessages.removeAll(keepingCapacity: true)
        }
    }

    /// Connections whose response finished and that may have buffered or readable input. Bounded
    /// per iteration so a pipelining client cannot starve the others.
    private func runReady() {
        var budget = ready.count
        var i = 0
        while i < ready.count && budget > 0 {
            let c = ready[i]
            c.isScheduled = false
            drive(c)
            i += 1
            budget -= 1
            drainLocal()
        }
        ready.removeFirst(i)
    }

    private func schedule(_ c: Connection) {
        guard !c.isScheduled, c.phase == .reading else { return }
        c.isScheduled = true
        ready.append(c)
    }

    // MARK: - Accept

    private func registerListener() {
        guard !listenerRegistered, !listenerReleased else { return }
        if clinux_epoll_ctl(epollFD, CLINUX_EPOLL_CTL_ADD, shared.listenFD, CLINUX_EPOLLIN | CLINUX_EPOLLEXCLUSIVE, Self.listenerTag) == 0 {
            listenerRegistered = true
        }
    }

    private func unregisterListener() {
        guard listenerRegistered else { return }
        _ = clinux_epoll_ctl(epollFD, CLINUX_EPOLL_CTL_DEL, shared.listenFD, 0, 0)
        listenerRegistered = false
    }

    /// This loop is done with the listener for good; the last loop closes it (so new connections
    /// are refused as soon as every loop stopped accepting).
    private func releaseListener() {
        unregisterListener()
        guard !listenerReleased else { return }
        listenerReleased = true
        if shared.listenerUsers.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            Glibc.close(shared.listenFD)
        }
    }

    private func acceptConnections() {
        for _ in 0..<Self.acceptBatch {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutableBytes(of: &storage) { raw in
                clinux_accept_nonblocking(shared.listenFD, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
            }
            if fd < 0 {
                let e = clinux_errno()
                switch e {
                case EINTR, ECONNABORTED, EPROTO, EPERM, ENETDOWN, ENOPROTOOPT, EHOSTDOWN, ENONET, EHOSTUNREACH, EOPNOTSUPP, ENETUNREACH:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    descriptorsExhausted()
                    return
                default:  // EAGAIN, or the listener is gone
                    return
                }
            }
            admit(fd, SocketAddress(storage: storage, length: length))
        }
    }

    private func admit(_ fd: Int32, _ peer: SocketAddress) {
        let counters = shared.counters
        if draining {
            Glibc.close(fd)
            return
        }
        let open = counters.open.add(1, ordering: .relaxed).newValue
        if open > shared.maxConnections && !reclaimForNewConnection() {
            Glibc.close(fd)
            counters.open.subtract(1, ordering: .relaxed)
            counters.rejected.add(1, ordering: .relaxed)
            return
        }
        counters.accepted.add(1, ordering: .relaxed)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        let slot: Int32
        if let s = freeSlots.popLast() {
            slot = s
        } else {
            slot = Int32(slots.count)
            slots.append(nil)
        }
        let serial = nextSerial
        nextSerial = nextSerial &+ 1
        if nextSerial == 0 { nextSerial = 1 }
        let c = Connection(fd: fd, slot: slot, serial: serial, remoteAddress: peer.description, limits: shared.limits)
        if clinux_epoll_ctl(epollFD, CLINUX_EPOLL_CTL_ADD, fd, CLINUX_EPOLLIN | CLINUX_EPOLLOUT | CLINUX_EPOLLRDHUP | CLINUX_EPOLLET, c.epollData) != 0 {
            Glibc.close(fd)
            freeSlots.append(slot)
            counters.open.subtract(1, ordering: .relaxed)
            return
        }
        slots[Int(slot)] = c
        connectionCount += 1
        c.requestStart = now
        setDeadline(c, .header, now + shared.headerTimeout)
        idle.touch(c, stamp: now)
        publishIdle()
    }

    /// At the cap: close the longest-idle connection of any loop. Returns false if nothing is idle.
    private func reclaimForNewConnection() -> Bool {
        var best = -1
        var bestStamp = UInt64.max
        for m in shared.mailboxes {
            let stamp = m.oldestIdleStamp.load(ordering: .relaxed)
            if stamp != 0 && stamp < bestStamp {
                best = m.index
                bestStamp = stamp
            }
        }
        if best < 0 { return false }
        if best == index {
            guard let victim = idle.first else { return false }
            reclaim(victim)
            return true
        }
        // The other loop closes its oldest idle connection when it wakes; until then the count is
        // one over the cap.
        shared.mailboxes[best].post(.reclaimIdle)
        return true
    }

    private func reclaim(_ c: Connection) {
        shared.counters.reclaimed.add(1, ordering: .relaxed)
        close(c)
    }

    /// EMFILE/ENFILE: free an idle connection's descriptor if there is one; otherwise use the
    /// reserve descriptor to accept and close one pending connection; otherwise stop accepting
    /// until the next sweep. Never spins.
    private func descriptorsExhausted() {
        if let victim = idle.first {
            reclaim(victim)
            return
        }
        if reserveFD >= 0 {
            Glibc.close(reserveFD)
            reserveFD = -1
            let fd = clinux_accept_nonblocking(shared.listenFD, nil, nil)
            if fd >= 0 {
                Glibc.close(fd)
                shared.counters.rejected.add(1, ordering: .relaxed)
            }
            reserveFD = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
            if reserveFD >= 0 { return }
        }
        unregisterListener()
        acceptPausedUntil = now + UInt64(Self.tickMilliseconds) * 1_000_000
    }

    private func publishIdle() {
        mailbox.oldestIdleStamp.store(idle.oldestStamp, ordering: .relaxed)
    }

    // MARK: - Connection events

    private func connectionEvent(_ c: Connection, _ events: UInt32) {
        if events & CLINUX_EPOLLERR != 0 {
            close(c)
            return
        }
        if events & CLINUX_EPOLLOUT != 0 && c.hasPendingOutput {
            flush(c)
            if c.phase == .closed { return }
        }
        if events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP) != 0 {
            c.readable = true
            if events & (CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP) != 0 { c.peerClosedInput = true }
            switch c.phase {
            case .reading: drive(c)
            case .lingering: drainLinger(c)
            case .awaitingResponse, .writing:
                // Not reading now; a full hang-up means the response cannot be delivered.
                if events & CLINUX_EPOLLHUP != 0 { close(c) }
            case .closed: break
            }
        }
    }

    /// Parses pipelined input not yet seen, then reads until the socket is drained or a request
    /// is dispatched.
    private func drive(_ c: Connection) {
        if c.phase == .reading && c.inboundUnseen {
            c.inboundUnseen = false
            noteInput(c)
            let result = c.inbound.withUnsafeBufferPointer { feed(c, $0) }
            if result.consumed == c.inbound.count {
                c.inbound.removeAll(keepingCapacity: c.inbound.capacity <= 16 << 10)
            } else if result.consumed > 0 {
                c.inbound.removeFirst(result.consumed)
            }
            if result.outcome != .needMore {
                finishFeed(c, result.outcome)
                return
            }
        }
        while c.phase == .reading && c.readable {
            let n = Glibc.read(c.fd, readBuffer.baseAddress, readBuffer.count)
            if n > 0 {
                noteInput(c)
                let result: (consumed: Int, outcome: FeedOutcome)
                if c.inbound.isEmpty {
                    // The common case: parse straight from the loop's read buffer, keep only leftovers.
                    let bytes = UnsafeBufferPointer(start: readBuffer.baseAddress, count: n)
                    result = feed(c, bytes)
                    if result.consumed < n {
                        c.inbound.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[result.consumed...]))
                    }
                } else {
                    c.inbound.append(contentsOf: UnsafeBufferPointer(start: readBuffer.baseAddress, count: n))
                    result = c.inbound.withUnsafeBufferPointer { feed(c, $0) }
                    if result.consumed > 0 { c.inbound.removeFirst(result.consumed) }
                }
                if n < readBuffer.count && !c.peerClosedInput {
                    // A short read means the socket is drained: data arriving later raises a new
                    // edge. (After the peer's FIN, read on to see the EOF.)
                    c.readable = false
                }
                if result.outcome != .needMore {
                    finishFeed(c, result.outcome)
                    return
                }
            } else if n == 0 {
                close(c)  // peer closed; a partial request is abandoned
                return
            } else {
                let e = clinux_errno()
                if e == EAGAIN || e == EWOULDBLOCK {
                    c.readable = false
                } else if e != EINTR {
                    close(c)
                    return
                }
            }
        }
    }

    private enum FeedOutcome: Equatable {
        case needMore, complete, failed(HTTPParseError)
    }

    /// Runs the parser over `buffer` until it needs more, a request is complete, or it fails.
    private func feed(_ c: Connection, _ buffer: UnsafeBufferPointer<UInt8>) -> (consumed: Int, outcome: FeedOutcome) {
        var offset = 0
        while true {
            switch c.parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...])) {
            case .needMore(let k):
                return (offset + k, .needMore)
            case .headComplete(let k):
                offset += k
                headComplete(c, bodyBytesPresent: offset < buffer.count)
                if c.phase == .closed { return (offset, .needMore) }  // writing 100 Continue failed
            case .messageComplete(let k):
                return (offset + k, .complete)
            case .failure(let e):
                return (offset, .failed(e))
            }
        }
    }

    private func finishFeed(_ c: Connection, _ outcome: FeedOutcome) {
        switch outcome {
        case .needMore: break
        case .complete:
            c.inboundUnseen = !c.inbound.isEmpty
            dispatch(c)
        case .failed(let e): fail(c, e, countsAsFramingError: true)
        }
    }

    /// Input arrived for a connection in `.reading`: start the request clock on its first byte
    /// and mark the connection recently active.
    private func noteInput(_ c: Connection) {
        if c.deadlineKind == .idle {
            c.requestStart = now
            setDeadline(c, .header, now + shared.headerTimeout)
        }
        if c.isIdleListed && c.parser.isReadingHead {
            idle.touch(c, stamp: now)
            publishIdle()
        }
    }

    private func headComplete(_ c: Connection, bodyBytesPresent: Bool) {
        idle.remove(c)
        publishIdle()
        setDeadline(c, .request, c.requestStart + shared.requestTimeout)
        if let head = c.parser.head, head.expectsContinue && !bodyBytesPresent {
            sendInterim(c, "HTTP/1.1 100 Continue\r\n\r\n")
        }
    }

    private func dispatch(_ c: Connection) {
        guard let (head, body) = c.parser.takeRequest() else { return }
        if c.isIdleListed {
            idle.remove(c)
            publishIdle()
        }
        let token = nextToken
        nextToken &+= 1
        c.phase = .awaitingResponse
        c.awaitingToken = token
        c.isHEAD = head.isHEAD
        c.keepAlive = head.keepAlive
        c.http10KeepAlive = !head.isHTTP11 && head.keepAlive
        c.requestFullyRead = true
        setDeadline(c, .none, 0)
        shared.counters.requests.add(1, ordering: .relaxed)
        let request = HTTPRequest(method: head.method, target: head.target, path: head.path, query: head.query,
                                  headers: HTTPHeaders(fields: head.headers), body: body, remoteAddress: c.remoteAddress)
        let mailbox = self.mailbox
        let slot = c.slot
        let responder = HTTPResponder { response in
            mailbox.post(.response(slot: slot, token: token, response))
        }
        shared.handler.handle(request, responder: responder)
        drainLocal()
    }

    /// Refuses the current request with a SCIM-shaped error and closes the connection after it.
    private func fail(_ c: Connection, _ error: HTTPParseError, countsAsFramingError: Bool) {
        if countsAsFramingError { shared.counters.framingErrors.add(1, ordering: .relaxed) }
        idle.remove(c)
        publishIdle()
        c.parser.reset()
        c.inbound = []
        c.inboundUnseen = false
        c.isHEAD = false
        c.keepAlive = false
        c.http10KeepAlive = false
        c.requestFullyRead = false
        c.awaitingToken = 0
        write(c, HTTPErrorResponse.make(error))
    }

    // MARK: - Responses

    private func deliver(slot: Int32, token: UInt64, _ response: HTTPResponse) {
        let i = Int(slot)
        guard i >= 0, i < slots.count, let c = slots[i], c.phase == .awaitingResponse, c.awaitingToken == token else {
            return  // answered twice, or the connection is gone: drop quietly
        }
        c.awaitingToken = 0
        write(c, response)
    }

    private func write(_ c: Connection, _ response: HTTPResponse) {
        headBuffer.removeAll(keepingCapacity: true)
        let plan = HTTPResponseSerializer.writeHead(response, isHEAD: c.isHEAD, keepAlive: c.keepAlive && !draining,
                                                    http10KeepAlive: c.http10KeepAlive, date: date.bytes, into: &headBuffer)
        c.closeAfterWrite = plan.close
        c.phase = .writing
        let body = plan.sendBody ? response.body : []
        if c.hasPendingOutput {
            // An interim 100 Continue is still queued: keep the order.
            c.outHead.append(contentsOf: headBuffer)
            c.outBody = body
            c.outBodyOffset = 0
            setDeadline(c, .write, now + shared.writeTimeout)
            flush(c)
            return
        }
        var sent = 0
        let total = headBuffer.count + body.count
        while true {
            let n = headBuffer.withUnsafeBytes { h in
                body.withUnsafeBytes { b in
                    clinux_send2(c.fd, h.baseAddress, h.count, b.baseAddress, b.count)
                }
            }
            if n >= 0 {
                sent = n
                break
            }
            let e = clinux_errno()
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK { break }
            close(c)
            return
        }
        if sent == total {
            responseWritten(c)
            return
        }
        if sent < headBuffer.count {
            c.outHead = Array(headBuffer[sent...])
            c.outHeadOffset = 0
            c.outBody = body
            c.outBodyOffset = 0
        } else {
            c.outHead = []
            c.outHeadOffset = 0
            c.outBody = body
            c.outBodyOffset = sent - headBuffer.count
        }
        setDeadline(c, .write, now + shared.writeTimeout)
        flush(c)
    }

    /// Writes an interim response (100 Continue) ahead of anything else; the connection keeps reading.
    private func sendInterim(_ c: Connection, _ text: StaticString) {
        c.outHead.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        flush(c)
    }

    /// Writes pending output until done or the socket is full (EPOLLOUT resumes it).
    private func flush(_ c: Connection) {
        while c.hasPendingOutput {
            let n = c.outHead.withUnsafeBytes { h in
                c.outBody.withUnsafeBytes { b in
                    clinux_send2(c.fd, h.baseAddress.map { $0 + c.outHeadOffset }, h.count - c.outHeadOffset,
                                 b.baseAddress.map { $0 + c.outBodyOffset }, b.count - c.outBodyOffset)
                }
            }
            if n < 0 {
                let e = clinux_errno()
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK { return }
                close(c)
                return
            }
            var rest = n
            let headLeft = c.outHead.count - c.outHeadOffset
            if rest >= headLeft {
                rest -= headLeft
                c.outHeadOffset = c.outHead.count
                c.outBodyOffset += rest
            } else {
                c.outHeadOffset += rest
            }
        }
        c.outHead = []
        c.outHeadOffset = 0
        c.outBody = []
        c.outBodyOffset = 0
        if c.phase == .writing { responseWritten(c) }
    }

    private func responseWritten(_ c: Connection) {
        if c.closeAfterWrite {
            closeAfterResponse(c)
            return
        }
        c.phase = .reading
        setDeadline(c, .idle, now + shared.idleTimeout)
        idle.touch(c, stamp: now)
        publishIdle()
        if c.inboundUnseen || c.readable { schedule(c) }
    }

    /// After a final response: close at once if nothing more can arrive; otherwise shut our side
    /// down and discard input for a moment, so the client reads the response rather than a reset.
    private func closeAfterResponse(_ c: Connection) {
        if c.requestFullyRead && c.inbound.isEmpty && !c.readable {
            close(c)
            return
        }
        _ = Glibc.shutdown(c.fd, Int32(SHUT_WR))
        c.phase = .lingering
        c.inbound = []
        c.lingerBudget = Self.lingerBytes
        setDeadline(c, .linger, now + Self.lingerTime)
        idle.pushFront(c, stamp: 1)
        publishIdle()
        drainLinger(c)
    }

    private func drainLinger(_ c: Connection) {
        while c.phase == .lingering {
            let n = Glibc.read(c.fd, readBuffer.baseAddress, readBuffer.count)
            if n > 0 {
                c.lingerBudget -= n
                if c.lingerBudget <= 0 { close(c) }
            } else if n == 0 {
                close(c)
            } else {
                let e = clinux_errno()
                if e == EAGAIN || e == EWOULDBLOCK {
                    c.readable = false
                    return
                }
                if e != EINTR { close(c) }
            }
        }
    }

    private func close(_ c: Connection) {
        guard c.phase != .closed else { return }
        if c.isIdleListed {
            idle.remove(c)
            publishIdle()
        }
        c.phase = .closed
        Glibc.close(c.fd)
        slots[Int(c.slot)] = nil
        freeSlots.append(c.slot)
        connectionCount -= 1
        shared.counters.open.subtract(1, ordering: .relaxed)
        c.inbound = []
        c.outHead = []
        c.outBody = []
        c.deadline = 0
    }

    // MARK: - Deadlines and shutdown

    private func setDeadline(_ c: Connection, _ kind: Connection.DeadlineKind, _ at: UInt64) {
        c.deadlineKind = kind
        c.deadline = at
    }

    private func sweep() {
        for case let c? in slots where c.deadline != 0 && now >= c.deadline {
            expire(c)
        }
        if !listenerRegistered && !listenerReleased && !draining && now >= acceptPausedUntil {
            registerListener()
        }
    }

    private func expire(_ c: Connection) {
        switch c.deadlineKind {
        case .header:
            shared.counters.timedOut.add(1, ordering: .relaxed)
            if c.phase == .reading && (c.parser.hasPartialRequest || !c.inbound.isEmpty) {
                fail(c, .timeout, countsAsFramingError: false)
            } else {
                close(c)
            }
        case .request:
            shared.counters.timedOut.add(1, ordering: .relaxed)
            if c.phase == .reading { fail(c, .timeout, countsAsFramingError: false) } else { close(c) }
        case .idle, .write:
            shared.counters.timedOut.add(1, ordering: .relaxed)
            close(c)
        case .linger, .none:
            close(c)
        }
    }

    private func beginDrain(deadline: UInt64) {
        guard !draining else { return }
        draining = true
        drainDeadline = deadline
        releaseListener()
        // Connections with no request under way close now; requests in flight may finish.
        for case let c? in slots where c.phase == .reading && !c.parser.hasPartialRequest && !c.inboundUnseen {
            close(c)
        }
    }
}
