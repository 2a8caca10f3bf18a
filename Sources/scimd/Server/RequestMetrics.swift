import Synchronization

/// Request counters and a latency histogram, rendered in the Prometheus text format.
final class RequestMetrics: Sendable {
    static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable { let route: String; let method: String; let status: Int }

    struct State {
        var requests: [Key: Int] = [:]
        var buckets = [Int](repeating: 0, count: RequestMetrics.bucketBounds.count + 1)
        var sumSeconds = 0.0
        var count = 0
    }

    private let state = Mutex(State())

    func observe(route: String, method: String, status: Int, seconds: Double) {
        let m = Self.normalizedMethod(method)
        state.withLock { s in
            s.requests[Key(route: route, method: m, status: status), default: 0] += 1
            var i = 0
            while i < Self.bucketBounds.count && seconds > Self.bucketBounds[i] { i += 1 }
            s.buckets[i] += 1
            s.sumSeconds += seconds
            s.count += 1
        }
    }

    /// Unknown methods collapse to one label so a scanner can't blow up the series count.
    static func normalizedMethod(_ m: String) -> String {
        switch m {
        case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS": return m
        default: return "OTHER"
        }
    }

    /// `extra` holds further gauges (open connections, store figures) as (name, help, value).
    func render(extra: [(String, String, Double)]) -> String {
        let s = state.withLock { $0 }
        var out = "# HELP scimd_http_requests_total HTTP requests by route, method and status.\n# TYPE scimd_http_requests_total counter\n"
        for (k, v) in s.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "scimd_http_requests_total{route=\"\(k.route)\",method=\"\(k.method)\",status=\"\(k.status)\"} \(v)\n"
        }
        out += "# HELP scimd_http_request_duration_seconds Time from a complete request to its response.\n# TYPE scimd_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (i, bound) in Self.bucketBounds.enumerated() {
            cumulative += s.buckets[i]
            out += "scimd_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        cumulative += s.buckets[Self.bucketBounds.count]
        out += "scimd_http_request_duration_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
        out += "scimd_http_request_duration_seconds_sum \(s.sumSeconds)\n"
        out += "scimd_http_request_duration_seconds_count \(s.count)\n"
        for (name, help, value) in extra {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
        }
        return out
    }
}
