#!/usr/bin/env python3
"""Idle/slow-connection flood against a running scimd (or any HTTP/1.1 server) on loopback.

Opens N idle TCP connections (default 2,000) and M slowloris clients (default 50) that each
send one header byte per second, keeps both populations topped up while the server reclaims
or times them out, and meanwhile measures how long a brand-new client takes to get a
`/healthz` response (connect + request + complete response). SPEC section 7: with the default
settings the probe must stay under 500 ms.

    python3 Tests/bench/http_idle_flood.py 127.0.0.1:8080
    python3 Tests/bench/http_idle_flood.py [::1]:8080 --idle 2000 --slow 50 --duration 20

Starts nothing itself. Loopback only; bounded in time (--duration, at most 55 s) and in
connections (--idle + --slow, at most 5,000). Python 3 standard library only.
Exit status: 0 if every probe succeeded within --limit-ms, 1 otherwise, 2 on bad arguments.
"""

import argparse
import ipaddress
import resource
import selectors
import socket
import statistics
import sys
import time

MAX_DURATION = 55.0
MAX_CONNECTIONS = 5000
PROBE_TIMEOUT = 5.0


def parse_target(text):
    if text.startswith("["):
        host, _, port = text[1:].partition("]:")
    else:
        host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError("target must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")
    if host == "localhost":
        host = "127.0.0.1"
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError("refusing a non-loopback target %s" % host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return family, host, int(port)


class Flood:
    def __init__(self, args, family, host, port):
        self.args = args
        self.family, self.host, self.port = family, host, port
        self.sel = selectors.DefaultSelector()
        self.idle = set()
        self.slow = {}  # socket -> bytes sent so far
        self.closed_by_server = 0
        self.opened = 0
        self.connect_failures = 0

    def connect(self):
        s = socket.socket(self.family, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex((self.host, self.port))
        if err not in (0, 115, 11):  # 0, EINPROGRESS, EAGAIN
            s.close()
            self.connect_failures += 1
            return None
        self.opened += 1
        return s

    def add_idle(self):
        s = self.connect()
        if s is not None:
            self.idle.add(s)
            self.sel.register(s, selectors.EVENT_READ, "idle")

    def add_slow(self):
        s = self.connect()
        if s is not None:
            self.slow[s] = 0
            self.sel.register(s, selectors.EVENT_READ, "slow")

    def drop(self, s, kind):
        try:
            self.sel.unregister(s)
        except (KeyError, ValueError):
            pass
        s.close()
        if kind == "idle":
            self.idle.discard(s)
        else:
            self.slow.pop(s, None)

    def poll(self, timeout):
        for key, _ in self.sel.select(timeout):
            s, kind = key.fileobj, key.data
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:  # closed (reclaimed or timed out) by the server
                self.closed_by_server += 1
                self.drop(s, kind)

    def trickle(self):
        """Each slow client sends its request line at first, then one header byte per call."""
        for s in list(self.slow):
            chunk = b"GET /healthz HTTP/1.1\r\nHost: flood\r\nX-Slowloris: " if self.slow[s] == 0 else b"a"
            try:
                if s.send(chunk) > 0:
                    self.slow[s] += 1
            except BlockingIOError:
                pass
            except OSError:
                self.closed_by_server += 1
                self.drop(s, "slow")

    def top_up(self, budget):
        """Re-opens slow clients the server closed, then idle ones, at most `budget` in all."""
        while len(self.slow) < self.args.slow and budget > 0:
            self.add_slow()
            budget -= 1
        while len(self.idle) < self.args.idle and budget > 0:
            self.add_idle()
            budget -= 1

    def probe(self):
        request = ("GET %s HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n" % self.args.path).encode()
        t0 = time.monotonic()
        try:
            with socket.create_connection((self.host, self.port), timeout=PROBE_TIMEOUT) as s:
                s.settimeout(max(0.1, PROBE_TIMEOUT - (time.monotonic() - t0)))
                s.sendall(request)
                data = b""
                while True:
                    part = s.recv(65536)
                    if not part:
                        break
                    data += part
                    head, sep, body = data.partition(b"\r\n\r\n")
                    if sep:
                        length = None
                        for line in head.split(b"\r\n")[1:]:
                            name, _, value = line.partition(b":")
                            if name.strip().lower() == b"content-length":
                                length = int(value.strip())
                        if length is not None and len(body) >= length:
                            break
            ms = (time.monotonic() - t0) * 1000
            status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0
            return ms, status
        except (OSError, ValueError, IndexError) as e:
            return (time.monotonic() - t0) * 1000, "error: %s" % e


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("target", help="HOST:PORT on loopback, e.g. 127.0.0.1:8080")
    p.add_argument("--idle", type=int, default=2000, help="idle connections to hold (default 2000)")
    p.add_argument("--slow", type=int, default=50, help="slow-header clients (default 50)")
    p.add_argument("--probes", type=int, default=5, help="probe requests (default 5)")
    p.add_argument("--path", default="/healthz", help="probe path (default /healthz)")
    p.add_argument("--duration", type=float, default=20.0, help="total run time in seconds (default 20, max 55)")
    p.add_argument("--limit-ms", type=float, default=500.0, help="probe latency limit (default 500)")
    p.add_argument("--open-rate", type=int, default=1000, help="connections per second while opening the flood (default 1000)")
    p.add_argument("--refill-rate", type=int, default=100,
                   help="closed flood connections re-opened per second during the probes (default 100)")
    args = p.parse_args()
    try:
        family, host, port = parse_target(args.target)
    except ValueError as e:
        print("error:", e, file=sys.stderr)
        return 2
    if args.idle < 0 or args.slow < 0 or args.idle + args.slow > MAX_CONNECTIONS:
        print("error: --idle + --slow must be 0..%d" % MAX_CONNECTIONS, file=sys.stderr)
        return 2
    duration = min(max(args.duration, 3.0), MAX_DURATION)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.idle + args.slow + 64
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))

    flood = Flood(args, family, host, port)
    start = time.monotonic()
    # Open the flood once: every slow client, then --idle idle connections at --open-rate per
    # second (bounded to a third of the run). A server with a lower cap reclaims the excess.
    for _ in range(args.slow):
        flood.add_slow()
    flood.trickle()
    build_deadline = start + duration / 3
    to_open = args.idle
    while to_open > 0 and time.monotonic() < build_deadline:
        for _ in range(min(to_open, max(1, args.open_rate // 10))):
            flood.add_idle()
            to_open -= 1
        flood.poll(0.1)
    print("flood: opened %d idle + %d slow in %.1f s; %d idle + %d slow still open (%d closed by the server)"
          % (args.idle - to_open, args.slow, time.monotonic() - start, len(flood.idle), len(flood.slow),
             flood.closed_by_server))

    results = []
    probe_gap = max(0.5, (start + duration - time.monotonic() - 1) / max(1, args.probes))
    next_probe = time.monotonic() + 0.5
    next_trickle = time.monotonic()
    while time.monotonic() < start + duration and len(results) < args.probes:
        now = time.monotonic()
        if now >= next_trickle:
            flood.trickle()
            flood.top_up(args.refill_rate)
            next_trickle = now + 1.0
        if now >= next_probe:
            ms, status = flood.probe()
            results.append((ms, status))
            print("probe %d: %s in %.1f ms  (holding %d idle + %d slow; %d closed by the server so far)"
                  % (len(results), status, ms, len(flood.idle), len(flood.slow), flood.closed_by_server))
            next_probe = time.monotonic() + probe_gap
        flood.poll(0.05)

    for s in list(flood.idle):
        flood.drop(s, "idle")
    for s in list(flood.slow):
        flood.drop(s, "slow")

    ok = [ms for ms, status in results if status == 200]
    failed = [r for r in results if r[1] != 200]
    if ok:
        print("probe latency ms: min %.1f  median %.1f  max %.1f  (%d ok, %d failed)"
              % (min(ok), statistics.median(ok), max(ok), len(ok), len(failed)))
    else:
        print("no successful probe (%d failed)" % len(failed))
    print("connections opened %d, closed by the server %d, connect failures %d, run %.1f s"
          % (flood.opened, flood.closed_by_server, flood.connect_failures, time.monotonic() - start))
    passed = results and not failed and max(ok) < args.limit_ms
    print("PASS" if passed else "FAIL", "(limit %.0f ms)" % args.limit_ms)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
