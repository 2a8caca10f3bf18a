#!/usr/bin/env bash
# Torn tails and corruption of a scimd data directory (research notes F1, F2, F6; SPEC section 6).
#
# Usage: corruption.sh SCIMD_BINARY [MAX_CUTS] [SERVE_EVERY] [FLIPS] [SEED]
#   MAX_CUTS     cut offsets tried inside the last 3 records (default 2000; all of them if fewer)
#   SERVE_EVERY  every n-th cut is also started with `scimd serve` (default 50); every cut is checked
#   FLIPS        single-bit flips in non-tail records (default 60)
#
# It builds data directories through the binary (seed, compact, and SCIM writes to `scimd serve`,
# some concurrent so that one write(2) carries several records), then:
#  (a) cuts the last segment at every byte offset inside its last 3 records: `scimd check` exits 0,
#      reports the torn tail with the exact byte count, and the state is exactly the records wholly
#      before the cut (its seq, and the export on every 10th cut); every SERVE_EVERY-th cut also
#      starts `scimd serve`, which must print how much it cut, keep the cut bytes in .broken and
#      come up with that state. Also zeros or garbage appended (512 B, 4 KiB) and the tail zeroed
#      from a 512-byte boundary (a torn sector); two torn tails of one segment at two starts keep
#      both cut-off tails (.broken, .2.broken);
#  (b) flips one bit in a record that has a later acknowledged write after it: `scimd serve`
#      refuses with a message naming the file and the record's byte offset, exits non-zero, no file
#      changes, `scimd check` exits 1; `scimd repair` then makes it start, with exactly the records
#      before the damaged one;
#  (c) deletes a middle segment (and the first one) of a log without a snapshot, and the fallback
#      segment of a damaged newest snapshot: refused the same way;
#  (d) damages the newest snapshot: start-up falls back to the previous one with the same state;
#      damages both: refused;
#  (e) kills `scimd compact` with SIGKILL, mostly while it writes the snapshot: the directory
#      checks clean and holds the same state every time.
# Prints failures as they happen, one summary line per part, and finally "N passed, N failed".
# Loopback only; every wait is bounded.
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,6p' "$0"; exit 2; fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
exec python3 - "$bin" "${2:-2000}" "${3:-50}" "${4:-60}" "${5:-}" <<'PY'
import atexit
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1]
MAX_CUTS = int(sys.argv[2])
SERVE_EVERY = max(1, int(sys.argv[3]))
FLIPS = int(sys.argv[4])
KILLS = 6            # kill -9 of `scimd compact`
KILL_USERS = 3000
SEED = int(sys.argv[5]) if sys.argv[5] else random.SystemRandom().randrange(1 << 31)
rng = random.Random(SEED)
TIMEOUT = 30
WORK = tempfile.mkdtemp(prefix="scimd-corruption-")
results = {"passed": 0, "failed": 0}
part_counts = {}
failures_shown = [0]


def case(part, ok, what=""):
    pc = part_counts.setdefault(part, [0, 0])
    if ok:
        results["passed"] += 1
        pc[0] += 1
    else:
        results["failed"] += 1
        pc[1] += 1
        if failures_shown[0] < 40:
            print("  FAIL (%s) %s" % (part, what.replace("\n", "\n    ")), flush=True)
        failures_shown[0] += 1
    return ok


def run(*args):
    try:
        p = subprocess.run([BIN] + list(args), stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %ds" % TIMEOUT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STARTED = []  # every process this script started: killed at exit if still running


@atexit.register
def kill_leftovers():
    for p in STARTED:
        if p.poll() is None:
            p.kill()
            p.wait(TIMEOUT)


class Serve:
    """`scimd serve` on a directory: ready (answers /healthz) or exited."""

    def __init__(self, data):
        self.port = free_port()
        self.err_path = data.rstrip("/") + ".serve-stderr"
        with open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen([BIN, "serve", "--data", data, "--listen", "127.0.0.1:%d" % self.port,
                                          "--access-log", "off"], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=err)
        STARTED.append(self.proc)
        self.ready = False
        began = time.monotonic()
        while time.monotonic() - began < TIMEOUT:
            if self.proc.poll() is not None:
                break
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                self.ready = c.getresponse().status == 200
                c.close()
                if self.ready:
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.01)
        if not self.ready and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(TIMEOUT)

    @property
    def stderr(self):
        with open(self.err_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        """SIGTERM and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(TIMEOUT)


def scim(port, token, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    headers = {"Authorization": "Bearer " + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/scim+json"
    c.request(method, "/api/v1/scim" + path, body=data, headers=headers)
    r = c.getresponse()
    raw = r.read()
    c.close()
    return r.status, (json.loads(raw) if raw else None)


def user(name, dn=None):
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name,
            "displayName": dn or ("User " + name), "active": True}


def must(cond, what):
    if not cond:
        print("setup failed: %s" % what, flush=True)
        print("0 passed, 1 failed")
        sys.exit(1)


def segments(d):
    return sorted(n for n in os.listdir(d) if re.fullmatch(r"log-\d{16}\.jsonl", n))


def snapshots(d):
    return sorted(n for n in os.listdir(d) if re.fullmatch(r"snapshot-\d{16}\.jsonl", n))


def lines_of(data):
    """[(start, end_after_newline, record)] of a segment's bytes (complete lines only)."""
    out = []
    i = 0
    while i < len(data):
        j = data.find(b"\n", i)
        if j < 0:
            break
        rec = json.loads(data[i:j])["rec"]
        out.append((i, j + 1, rec))
        i = j + 1
    return out


def digest(d):
    return {n: hashlib.sha256(open(os.path.join(d, n), "rb").read()).hexdigest()
            for n in sorted(os.listdir(d)) if n != "LOCK"}


def export(d):
    """The exported users and groups, without the export's own time stamp."""
    code, out, err = run("export", "--data", d, "--format", "json")
    if code != 0:
        return "export failed (%s): %s" % (code, err)
    doc = json.loads(out)
    doc.pop("exported", None)
    return json.dumps(doc, sort_keys=True)


def check_info(d):
    code, out, err = run("check", "--data", d)
    text = out + err
    info = {"code": code, "text": text, "seq": None, "torn": None}
    m = re.search(r"state after recovery: seq (\d+)", text)
    if m:
        info["seq"] = int(m.group(1))
    m = re.search(r"torn tail at byte (\d+): (\d+) bytes \((\d+) records\)", text)
    if m:
        info["torn"] = tuple(int(x) for x in m.groups())
    return info


def copy(src, name):
    dst = os.path.join(WORK, name)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for n in os.listdir(dst):
        if n == "LOCK":
            os.unlink(os.path.join(dst, n))
    return dst


def writes_via_serve(d, token, concurrent, then):
    """Starts serve on d, runs `concurrent` threads of user creates (one write(2) then carries
    several records), then `then(port)` sequentially; stops it with SIGTERM."""
    s = Serve(d)
    must(s.ready, "scimd serve did not start on %s: %s" % (d, s.stderr))
    tag = os.path.basename(d) + str(rng.randrange(1 << 30))
    errors = []

    def burst(t):
        for k in range(12):
            st, _ = scim(s.port, token, "POST", "/Users", user("c-%s-%d-%d@example.com" % (tag, t, k)))
            if st != 201:
                errors.append(st)
    ts = [threading.Thread(target=burst, args=(t,)) for t in range(concurrent)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(TIMEOUT)
    must(not errors, "burst writes failed: %s" % errors[:5])
    then(s.port)
    must(s.stop() == 0, "scimd serve did not stop cleanly: %s" % s.stderr)


print("corruption: seed %d, work dir %s" % (SEED, WORK), flush=True)

# ------------------------------------------------------------------ layout L
# seed -> compact (snapshot s1) -> SCIM writes -> compact (snapshot s2, log-1 dropped) -> SCIM writes
# ending with: a group create with members, a user PATCH, a user delete (the last 3 records).
L = os.path.join(WORK, "L")
must(run("seed", "--data", L, "--users", "20", "--groups", "2", "--members", "4")[0] == 0, "seed")
code, out, err = run("integration", "create", "corruption", "--data", L)
must(code == 0, "integration create: %s" % err)
token = out.strip().splitlines()[-1].strip()
must(run("compact", "--data", L)[0] == 0, "compact 1")
writes_via_serve(L, token, 6, lambda port: None)
must(run("compact", "--data", L)[0] == 0, "compact 2")
last_ids = {}


def last_writes(port):
    ids = []
    for k in range(3):
        st, body = scim(port, token, "POST", "/Users", user("tail-%d@example.com" % k))
        must(st == 201, "create tail user: %s" % st)
        ids.append(body["id"])
    st, body = scim(port, token, "POST", "/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                      "displayName": "Tail group", "members": [{"value": i} for i in ids]})
    must(st == 201, "create group: %s" % st)
    st, _ = scim(port, token, "PATCH", "/Users/" + ids[0], {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                                            "Operations": [{"op": "replace", "path": "displayName", "value": "Patched"}]})
    must(st == 200, "patch user: %s" % st)
    st, _ = scim(port, token, "DELETE", "/Users/" + ids[1])
    must(st == 204, "delete user: %s" % st)


writes_via_serve(L, token, 8, last_writes)
for n in os.listdir(WORK):
    if n.endswith(".serve-stderr"):
        os.unlink(os.path.join(WORK, n))
baseline = check_info(L)
must(baseline["code"] == 0 and baseline["torn"] is None, "the built directory does not check clean:\n" + baseline["text"])
segs, snaps = segments(L), snapshots(L)
must(len(segs) == 2 and len(snaps) == 2, "expected 2 segments and 2 snapshots, found %s %s" % (segs, snaps))
last_seg = segs[-1]
pristine = open(os.path.join(L, last_seg), "rb").read()
lines = lines_of(pristine)
must(len(lines) >= 8, "the last segment holds only %d records" % len(lines))
batch_starts = [i for i, (_, _, r) in enumerate(lines) if r.get("batch")]
multi_batches = sum(1 for a, b in zip(batch_starts, batch_starts[1:] + [len(lines)]) if b - a > 1)
types = [r.get("t") for (_, _, r) in lines[-3:]]
print("layout: %s; last segment %s: %d records, %d bytes, %d write(2) batches (%d with several records); last 3: %s" % (
    ", ".join(snaps + segs), last_seg, len(lines), len(pristine), len(batch_starts), multi_batches, types), flush=True)
L_export = export(L)

refs = {}  # number of whole records kept -> (seq, export)


def reference(keep_bytes):
    """The state of L with the last segment cut exactly at a record boundary."""
    if keep_bytes not in refs:
        d = copy(L, "ref")
        with open(os.path.join(d, last_seg), "wb") as f:
            f.write(pristine[:keep_bytes])
        info = check_info(d)
        refs[keep_bytes] = (info["seq"], export(d))
        shutil.rmtree(d)
    return refs[keep_bytes]


# ------------------------------------------------------------------ (a) torn tails
part = "a: cut"
first_cut = lines[-3][0]
offsets = list(range(first_cut, len(pristine) + 1))
if len(offsets) > MAX_CUTS:
    keep = set(rng.sample(offsets, MAX_CUTS))
    keep |= {l[0] for l in lines[-3:]} | {l[0] + 1 for l in lines[-3:]} | {l[1] - 1 for l in lines[-3:]}
    offsets = sorted(o for o in offsets if o in keep)
work_a = copy(L, "a")
seg_a = os.path.join(work_a, last_seg)
serves = 0
began = time.monotonic()
for n, cut in enumerate(offsets):
    whole = [l for l in lines if l[1] <= cut]
    boundary = whole[-1][1] if whole else 0
    seq_want, export_want = reference(boundary)
    with open(seg_a, "wb") as f:
        f.write(pristine[:cut])
    info = check_info(work_a)
    torn_want = None if cut == boundary else (boundary, cut - boundary, 1)
    problems = []
    if info["code"] != 0:
        problems.append("check exited %s" % info["code"])
    if info["seq"] != seq_want:
        problems.append("check says seq %s, the records wholly before the cut end at %s" % (info["seq"], seq_want))
    if info["torn"] != torn_want:
        problems.append("check reports torn tail %s, expected %s" % (info["torn"], torn_want))
    if n % 10 == 0 or cut in (boundary, boundary + 1):
        if export(work_a) != export_want:
            problems.append("export differs from the state of the records before the cut")
    if n % SERVE_EVERY == 0 or cut == len(pristine) - 1:
        serves += 1
        d = copy(work_a, "a-serve")
        s = Serve(d)
        rc = s.stop()
        text = s.stderr
        if not s.ready:
            problems.append("serve did not start: %s" % text.strip())
        else:
            m = re.search(r"cut (\d+) bytes \((\d+) records\) from the torn tail of (\S+) at byte (\d+)", text)
            if torn_want is None:
                if m or os.path.exists(os.path.join(d, last_seg + ".broken")):
                    problems.append("serve cut a tail at a record boundary: %s" % text.strip())
            else:
                if not m or (int(m.group(1)), int(m.group(2)), m.group(3), int(m.group(4))) != (cut - boundary, 1, last_seg, boundary):
                    problems.append("serve's cut line is missing or wrong (want %d bytes at byte %d): %s" % (cut - boundary, boundary, text.strip()))
                broken = os.path.join(d, last_seg + ".broken")
                if not os.path.exists(broken) or open(broken, "rb").read() != pristine[boundary:cut]:
                    problems.append("the .broken file does not hold exactly the cut bytes")
                if os.path.getsize(os.path.join(d, last_seg)) != boundary:
                    problems.append("the segment was not truncated to %d bytes" % boundary)
            if rc != 0:
                problems.append("serve exited %s on SIGTERM" % rc)
            after = check_info(d)
            if after["code"] != 0 or after["torn"] is not None or after["seq"] != seq_want:
                problems.append("after serve, check: %s" % after["text"].strip())
            if export(d) != export_want:
                problems.append("after serve, the export differs from the records before the cut")
        shutil.rmtree(d)
    case(part, not problems, "cut at byte %d of %s (%d bytes inside record seq %s): %s" % (
        cut, last_seg, cut - boundary, lines[len(whole)][2]["seq"] if len(whole) < len(lines) else "-", "; ".join(problems)))
pa = part_counts.get(part, [0, 0])
print("(a) %d cuts from byte %d to %d of %s (last 3 records, %d bytes): %d ok, %d failed; %d also started with serve (%.0fs)" % (
    len(offsets), first_cut, len(pristine), last_seg, len(pristine) - first_cut, pa[0], pa[1], serves, time.monotonic() - began), flush=True)

part = "a: first record"
# Cuts inside the first record of the segment (the one that follows the newest snapshot's cut).
snap_seq, snap_export = reference(0)
for cut in sorted({1, lines[0][1] // 2, lines[0][1] - 1}):
    d = copy(L, "f")
    with open(os.path.join(d, last_seg), "wb") as f:
        f.write(pristine[:cut])
    problems = []
    info = check_info(d)
    if info["code"] != 0 or info["seq"] != snap_seq or info["torn"] != (0, cut, 1):
        problems.append("check: %s" % info["text"].strip())
    s = Serve(d)
    rc = s.stop()
    if not s.ready or rc != 0 or "cut %d bytes (1 records) from the torn tail of %s at byte 0" % (cut, last_seg) not in s.stderr:
        problems.append("serve: %s" % s.stderr.strip())
    if export(d) != snap_export:
        problems.append("the state is not the newest snapshot's")
    case(part, not problems, "cut at byte %d of the first record of %s: %s" % (cut, last_seg, "; ".join(problems)))
    shutil.rmtree(d)
pa = part_counts.get(part, [0, 0])
print("(a) 3 cuts inside the first record after the snapshot: %d ok, %d failed" % (pa[0], pa[1]), flush=True)

part = "a: garbage"
full_seq, _ = reference(len(pristine))
garbage = [("512 zero bytes", b"\0" * 512), ("4096 zero bytes", b"\0" * 4096),
           ("512 random bytes", bytes(rng.randrange(256) for _ in range(512))),
           ("4096 random bytes", bytes(rng.randrange(256) for _ in range(4096))),
           ("a half record", pristine[lines[-1][0]:lines[-1][0] + (lines[-1][1] - lines[-1][0]) // 2])]
# A torn sector: everything from a 512-byte boundary inside the last 3 records turned to zeros.
for b in range((first_cut // 512 + 1) * 512, len(pristine), 512):
    garbage.append(("zeros from byte %d (a torn sector)" % b, None, b))
for g in garbage:
    d = copy(L, "g")
    if len(g) == 2:
        content, keep_to = pristine + g[1], len(pristine)
    else:
        content, keep_to = pristine[:g[2]] + b"\0" * (len(pristine) - g[2]), max(l[1] for l in lines if l[1] <= g[2])
    with open(os.path.join(d, last_seg), "wb") as f:
        f.write(content)
    seq_want, export_want = reference(keep_to)
    problems = []
    info = check_info(d)
    if info["code"] != 0 or info["seq"] != seq_want or not info["torn"] or info["torn"][:2] != (keep_to, len(content) - keep_to):
        problems.append("check: %s" % info["text"].strip())
    s = Serve(d)
    rc = s.stop()
    if not s.ready:
        problems.append("serve did not start: %s" % s.stderr.strip())
    elif not re.search(r"cut %d bytes \(\d+ records\) from the torn tail of %s at byte %d" % (len(content) - keep_to, re.escape(last_seg), keep_to), s.stderr):
        problems.append("serve's cut line is missing or wrong: %s" % s.stderr.strip())
    if export(d) != export_want:
        problems.append("the state differs from the records before the damage")
    case(part, not problems, "%s: %s" % (g[0], "; ".join(problems)))
    shutil.rmtree(d)
pa = part_counts.get(part, [0, 0])
print("(a) appended zeros/garbage/half a record and zeroed tails (%d cases): %d ok, %d failed" % (len(garbage), pa[0], pa[1]), flush=True)

part = "a: second torn tail"
# Two crashes that each leave a torn tail in the same segment: both cut-off tails are kept.
d = copy(L, "t2")
seg = os.path.join(d, last_seg)
tails = [b'{"crc":"0123abcd","rec":{"seq":', b"\0" * 700]
problems = []
for n, tail in enumerate(tails):
    with open(seg, "ab") as f:
        f.write(tail)
    s = Serve(d)
    rc = s.stop()
    kept = last_seg + (".broken" if n == 0 else ".%d.broken" % (n + 1))
    if not s.ready or rc != 0 or "they are kept in %s" % kept not in s.stderr:
        problems.append("start %d: %s" % (n + 1, s.stderr.strip()))
for n, tail in enumerate(tails):
    kept = os.path.join(d, last_seg + (".broken" if n == 0 else ".%d.broken" % (n + 1)))
    if not os.path.exists(kept) or open(kept, "rb").read() != tail:
        problems.append("%s does not hold the tail cut at start %d" % (os.path.basename(kept), n + 1))
if export(d) != L_export:
    problems.append("the state changed")
case(part, not problems, "; ".join(problems))
shutil.rmtree(d)
pa = part_counts.get(part, [0, 0])
print("(a) two torn tails of one segment, cut at two starts, both kept: %s" % ("ok" if pa[1] == 0 else "FAILED"), flush=True)


# ------------------------------------------------------------------ (b) bit flips in non-tail records
def expect_refusal(d, file, offset, part, what, after_refusal=None):
    """serve exits non-zero naming file and offset, nothing changes, check exits 1."""
    problems = []
    before = digest(d)
    s = Serve(d)
    rc = s.stop()
    text = s.stderr
    if s.ready:
        problems.append("serve started")
    elif rc == 0:
        problems.append("serve exited 0")
    if "%s at byte %d" % (file, offset) not in text:
        problems.append("serve's message does not name %s at byte %d: %s" % (file, offset, text.strip()))
    info = check_info(d)
    if info["code"] != 1:
        problems.append("check exited %s" % info["code"])
    if "DAMAGED: %s at byte %d" % (file, offset) not in info["text"]:
        problems.append("check does not name %s at byte %d: %s" % (file, offset, info["text"].strip()))
    if digest(d) != before:
        problems.append("a refused start or check changed files")
    if not problems and after_refusal:
        problems += after_refusal(d)
    case(part, not problems, "%s: %s" % (what, "; ".join(problems)))
    return not problems


def repaired(seq_want, export_want):
    def after(d):
        problems = []
        code, out, err = run("repair", "--data", d)
        if code != 0:
            return ["repair exited %s: %s" % (code, (out + err).strip())]
        info = check_info(d)
        if info["code"] != 0 or info["seq"] != seq_want:
            problems.append("after repair, check: %s" % info["text"].strip())
        s = Serve(d)
        rc = s.stop()
        if not s.ready or rc != 0:
            problems.append("after repair, serve did not start/stop: %s" % s.stderr.strip())
        if export(d) != export_want:
            problems.append("after repair, the state is not the records before the damage")
        return problems
    return after


part = "b: bit flip"
later_batch = [any(r.get("batch") for (_, _, r) in lines[i + 1:]) for i in range(len(lines))]
candidates = [i for i in range(len(lines)) if later_batch[i]]
must(candidates, "no non-tail record in the last segment")
repairs = 0
for k in range(FLIPS):
    i = candidates[k % len(candidates)] if k < len(candidates) and k < FLIPS // 3 else rng.choice(candidates)
    start, end, rec = lines[i]
    pos = rng.randrange(start, end)           # any byte of the line, its newline included
    bit = rng.randrange(8)
    data = bytearray(pristine)
    data[pos] ^= 1 << bit
    d = copy(L, "b")
    with open(os.path.join(d, last_seg), "wb") as f:
        f.write(bytes(data))
    follow = None
    if k % 10 == 0:
        repairs += 1
        follow = repaired(*reference(start))
    expect_refusal(d, last_seg, start, part, "bit %d of byte %d (record seq %d at byte %d of %s)" % (
        bit, pos, rec["seq"], start, last_seg), follow)
    shutil.rmtree(d)
pb = part_counts.get(part, [0, 0])
print("(b) %d single-bit flips in %d non-tail records of %s: %d refused correctly, %d failed; %d then repaired and started" % (
    FLIPS, len(candidates), last_seg, pb[0], pb[1], repairs), flush=True)

part = "b: covered segment"
# A flip in the segment the newest snapshot covers: it is not read, start-up is unaffected.
d = copy(L, "b2")
old = os.path.join(d, segs[0])
data = bytearray(open(old, "rb").read())
if data:
    data[len(data) // 2] ^= 4
    open(old, "wb").write(bytes(data))
    info = check_info(d)
    s = Serve(d)
    rc = s.stop()
    case(part, info["code"] == 0 and s.ready and export(d) == L_export,
         "flip in %s (covered by the newest snapshot): check %s, serve ready %s" % (segs[0], info["code"], s.ready))
shutil.rmtree(d)

# ------------------------------------------------------------------ (d) snapshots
part = "d: snapshot"


def flip_middle(path):
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2] ^= 0x10
    open(path, "wb").write(bytes(data))


d = copy(L, "d1")
flip_middle(os.path.join(d, snaps[-1]))
s = Serve(d)
rc = s.stop()
problems = []
if not s.ready:
    problems.append("serve did not start: %s" % s.stderr.strip())
elif "snapshot %s is damaged" % snaps[-1] not in s.stderr:
    problems.append("no line about the damaged snapshot: %s" % s.stderr.strip())
if not os.path.exists(os.path.join(d, snaps[-1] + ".broken")):
    problems.append("the damaged snapshot was not renamed to .broken")
if export(d) != L_export:
    problems.append("the state after falling back to %s differs" % snaps[0])
case(part, not problems, "newest snapshot damaged: " + "; ".join(problems))
shutil.rmtree(d)

d = copy(L, "d2")
flip_middle(os.path.join(d, snaps[0]))
flip_middle(os.path.join(d, snaps[-1]))
expect_refusal(d, snaps[-1], 0, part, "both snapshots damaged")
shutil.rmtree(d)

# ------------------------------------------------------------------ (c) missing segments
part = "c: missing segment"
# Layout M: a log of 3 segments without a snapshot. Segments are cut by snapshots, so it is made
# with two compacts whose snapshots are then deleted (the first before the second compact, which
# then keeps log-1).
M = os.path.join(WORK, "M")
must(run("seed", "--data", M, "--users", "10", "--groups", "1", "--members", "3")[0] == 0, "seed M")
must(run("compact", "--data", M)[0] == 0, "compact M1")
must(run("seed", "--data", M, "--users", "10", "--integration", "second")[0] == 0, "seed M2")
for n in snapshots(M):
    os.unlink(os.path.join(M, n))
must(run("compact", "--data", M)[0] == 0, "compact M2")
must(run("seed", "--data", M, "--users", "10", "--integration", "third")[0] == 0, "seed M3")
for n in snapshots(M):
    os.unlink(os.path.join(M, n))
msegs = segments(M)
minfo = check_info(M)
must(len(msegs) == 3 and minfo["code"] == 0, "layout M: %s\n%s" % (msegs, minfo["text"]))
print("layout M: %s, seq %s, no snapshot" % (", ".join(msegs), minfo["seq"]), flush=True)

d = copy(M, "c-first-only")
for n in msegs[1:]:
    os.unlink(os.path.join(d, n))
first_only = (check_info(d)["seq"], export(d))
shutil.rmtree(d)

d = copy(M, "c1")
os.unlink(os.path.join(d, msegs[1]))
expect_refusal(d, msegs[2], 0, part, "middle segment %s deleted" % msegs[1], repaired(*first_only))
shutil.rmtree(d)

d = copy(M, "c2")
os.unlink(os.path.join(d, msegs[0]))
expect_refusal(d, msegs[1], 0, part, "first segment %s deleted" % msegs[0])
shutil.rmtree(d)

# Layout L: the newest snapshot damaged and the segment the fallback needs deleted.
d = copy(L, "c3")
flip_middle(os.path.join(d, snaps[-1]))
os.unlink(os.path.join(d, segs[0]))
s = Serve(d)
rc = s.stop()
info = check_info(d)
case(part, not s.ready and rc != 0 and info["code"] == 1 and "changes" in info["text"] and segs[-1] in s.stderr,
     "newest snapshot damaged and %s (needed by the fallback) deleted: serve ready %s exit %s, check %s: %s / %s" % (
         segs[0], s.ready, rc, info["code"], s.stderr.strip(), info["text"].strip()))
shutil.rmtree(d)

# ------------------------------------------------------------------ (e) kill -9 during compact
part = "e: kill during compact"
E = os.path.join(WORK, "E")
must(run("seed", "--data", E, "--users", str(KILL_USERS), "--groups", "20", "--members", "50")[0] == 0, "seed E")
e_export = export(E)
tmp_hits = 0
for k in range(KILLS):
    # One more record, so that this compact has a new snapshot to write and older files to drop.
    must(run("integration", "create", "e%d" % k, "--data", E)[0] == 0, "integration create in E")
    e_export = export(E)
    stale = {n for n in os.listdir(E) if n.endswith(".tmp")}
    p = subprocess.Popen([BIN, "compact", "--data", E], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    STARTED.append(p)
    began = time.monotonic()
    delay = rng.uniform(0, 0.1)
    hit = False
    # Wait until the snapshot is being written (a .tmp file), then kill after a random delay;
    # every third run is killed at a random moment of the whole command instead.
    while p.poll() is None and time.monotonic() - began < TIMEOUT:
        tmps = {n for n in os.listdir(E) if n.endswith(".tmp")}
        stale &= tmps   # the unfinished file of an earlier kill, until the start-up removes it
        if k % 3 != 2 and tmps - stale:
            hit = True
            time.sleep(delay)
            break
        if k % 3 == 2 and time.monotonic() - began > delay * 10:
            break
        time.sleep(0.002)
    p.kill()
    p.wait(TIMEOUT)
    hit = hit and any(n.endswith(".tmp") for n in os.listdir(E))
    tmp_hits += hit
    info = check_info(E)
    problems = []
    if info["code"] != 0:
        problems.append("check: %s" % info["text"].strip())
    if export(E) != e_export:
        problems.append("the state changed")
    case(part, not problems, "compact killed %.3fs after start%s: %s" % (
        time.monotonic() - began, " (while writing the snapshot)" if hit else "", "; ".join(problems)))
code, out, err = run("compact", "--data", E)
case(part, code == 0 and export(E) == e_export and check_info(E)["code"] == 0, "a full compact after the kills: %s %s" % (code, err))
pe = part_counts.get(part, [0, 0])
print("(e) %d kills of `scimd compact` on %d users (%d left an unfinished snapshot), then a full compact: %d ok, %d failed; files now: %s" % (
    KILLS, KILL_USERS, tmp_hits, pe[0], pe[1], ", ".join(sorted(n for n in os.listdir(E) if n != "LOCK"))), flush=True)

for p in ("b: covered segment", "d: snapshot", "c: missing segment"):
    pc = part_counts.get(p, [0, 0])
    print("(%s) %d ok, %d failed" % (p, pc[0], pc[1]), flush=True)

if results["failed"] == 0:
    shutil.rmtree(WORK, ignore_errors=True)
else:
    print("work dir kept: %s" % WORK)
print("%d passed, %d failed" % (results["passed"], results["failed"]), flush=True)
sys.exit(1 if results["failed"] else 0)
PY
