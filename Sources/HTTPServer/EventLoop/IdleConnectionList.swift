/// The reclaimable connections of one loop, least recently active first: an intrusive doubly
/// linked list through `Connection.idlePrev/idleNext`, so insert, remove, touch and "oldest" are O(1).
///
/// Members: connections waiting for a request's first byte (fresh or keep-alive), connections
/// whose header section is still incomplete, and lingering closes (which go to the front).
struct IdleConnectionList {
    private(set) unowned(unsafe) var first: Connection?
    private unowned(unsafe) var last: Connection?
    private(set) var count = 0

    /// Appends `c` as the most recently active member (or moves it there).
    mutating func touch(_ c: Connection, stamp: UInt64) {
        if c.isIdleListed { remove(c) }
        c.idleStamp = stamp
        c.idlePrev = last
        c.idleNext = nil
        if let l = last { l.idleNext = c } else { first = c }
        last = c
        c.isIdleListed = true
        count += 1
    }

    /// Puts `c` at the front: it is the first to be reclaimed.
    mutating func pushFront(_ c: Connection, stamp: UInt64) {
        if c.isIdleListed { remove(c) }
        c.idleStamp = stamp
        c.idlePrev = nil
        c.idleNext = first
        if let f = first { f.idlePrev = c } else { last = c }
        first = c
        c.isIdleListed = true
        count += 1
    }

    mutating func remove(_ c: Connection) {
        guard c.isIdleListed else { return }
        if let p = c.idlePrev { p.idleNext = c.idleNext } else { first = c.idleNext }
        if let n = c.idleNext { n.idlePrev = c.idlePrev } else { last = c.idlePrev }
        c.idlePrev = nil
        c.idleNext = nil
        c.isIdleListed = false
        count -= 1
    }

    /// The stamp other loops compare against (0 = nothing to reclaim here).
    var oldestStamp: UInt64 { first?.idleStamp ?? 0 }
}
