#!/usr/bin/env python3
"""Small helpers for Tests/bench/run.sh (python3 stdlib only; loopback only; every loop bounded)."""
import http.client, json, os, statistics, sys, time, urllib.parse


def conn(base):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30), u.path.rstrip("/")


def wait_healthy(url, timeout_s):
    """Prints milliseconds until GET url answered 200."""
    u = urllib.parse.urlsplit(url)
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=1)
            c.request("GET", u.path)
            if c.getresponse().status == 200:
                print(f"{(time.monotonic() - t0) * 1000:.1f}")
                return 0
        except OSError:
            pass
        time.sleep(0.002)
    print("timeout")
    return 1


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                print(f"{int(line.split()[1]) / 1024:.0f}")
                return 0
    return 1


def get(base, token, path):
    c, prefix = conn(base)
    c.request("GET", prefix + path, headers={"Authorization": f"Bearer {token}"})
    r = c.getresponse()
    sys.stdout.buffer.write(r.read())
    return 0 if r.status == 200 else 1


def request(c, method, path, token, body=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = c.getresponse()
    data = r.read()
    return r.status, data


def make_group(base, token, name, member_ids):
    """Creates a group and adds members in batches of 1,000 (one PATCH each); prints its id."""
    c, prefix = conn(base)
    status, data = request(c, "POST", prefix + "/Groups", token, {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name})
    assert status == 201, (status, data[:200])
    gid = json.loads(data)["id"]
    for i in range(0, len(member_ids), 1000):
        ops = [{"op": "add", "path": "members", "value": [{"value": m} for m in member_ids[i:i + 1000]]}]
        status, data = request(c, "PATCH", f"{prefix}/Groups/{gid}", token, {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops})
        assert status in (200, 204), (status, data[:200])
    print(gid)
    return 0


def user_ids(base, token, n):
    """Prints n user ids, one per line."""
    c, prefix = conn(base)
    out, start = [], 1
    while len(out) < n:
        status, data = request(c, "GET", f"{prefix}/Users?attributes=id&startIndex={start}&count=1000", token)
        res = json.loads(data).get("Resources", [])
        if not res:
            break
        out.extend(r["id"] for r in res)
        start += len(res)
    print("\n".join(out[:n]))
    return 0


def patch_latency(base, token, group_id, ids_file, rounds):
    """Adds then removes one member, `rounds` times, sequentially; prints median and p99 in ms."""
    ids = open(ids_file).read().split()
    c, prefix = conn(base)
    lat = []
    for i in range(int(rounds)):
        m = ids[i % len(ids)]
        for op in ("add", "remove"):
            body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{"op": op, "path": "members", "value": [{"value": m}]}] if op == "add"
                    else [{"op": "remove", "path": f'members[value eq "{m}"]'}]}
            t0 = time.perf_counter()
            status, _ = request(c, "PATCH", f"{prefix}/Groups/{group_id}", token, body)
            lat.append((time.perf_counter() - t0) * 1000)
            assert status in (200, 204), status
    lat.sort()
    print(f"{statistics.median(lat):.2f} {lat[int(len(lat) * 0.99) - 1]:.2f}")
    return 0


def metric(base_origin, name):
    """Prints the value of one Prometheus gauge/counter from /metrics (sum over labels)."""
    u = urllib.parse.urlsplit(base_origin)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    c.request("GET", "/metrics")
    total = 0.0
    for line in c.getresponse().read().decode().splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            total += float(line.rsplit(" ", 1)[1])
    print(f"{total:.0f}")
    return 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    fn = {"wait": lambda: wait_healthy(args[0], float(args[1])), "rss": lambda: rss_mib(args[0]),
          "get": lambda: get(*args), "make-group": lambda: make_group(args[0], args[1], args[2], open(args[3]).read().split()),
          "user-ids": lambda: user_ids(args[0], args[1], int(args[2])),
          "patch-latency": lambda: patch_latency(*args), "metric": lambda: metric(*args)}[cmd]
    sys.exit(fn())
