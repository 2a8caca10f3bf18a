import CLinux

/// Milliseconds since the Unix epoch, UTC.
public func defaultWallClockMilliseconds() -> Int64 { clinux_wall_ms() }

/// A monotonic clock reading in microseconds, for durations.
public func monotonicMicros() -> Int64 { Int64(clinux_monotonic_ns() / 1000) }
