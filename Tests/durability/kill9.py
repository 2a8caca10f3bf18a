#!/usr/bin/env python3
"""kill -9 durability loop for scimd (research notes F3, F9; SPEC section 6).

Usage: kill9.py SCIMD_BINARY [ROUNDS] [SEED] [--snapshot-bytes N] [--threads N] [--fresh-every N] [--keep]

Each round: 16 client threads write to a running scimd for a random 0.3-2 s (user creates with
unique userNames, user PATCHes of displayName+active, user deletes, group creates with members,
member adds/removes), remembering every request that got a 2xx; then the server gets SIGKILL.
`scimd check` must accept the directory as it is (exit 0), and `scimd serve` must start on it
with no manual step (its stderr is scanned for "torn tail" lines). Then the state is compared with
what was acknowledged:

  - every acknowledged create is there (listing and `filter=userName eq`), every acknowledged
    delete is gone (listing, filter and GET by id);
  - a user's displayName+active pair is the one of its last acknowledged write, or of the one
    write that was in flight at the kill (each user is written by one thread, one request at a
    time) - never a mix of two writes;
  - a group's membership of a user follows its last acknowledged change, or the change in flight;
    a group whose create was in flight is there with all its initial members or not at all;
  - no duplicate userName (case-insensitive) or id when paging through all users, no user that
    was never written, every group member names an existing user;
  - creates that were in flight are retried as an IdP would (F9): 201 if the first one was lost,
    409 if it had been saved; either way the user is then found by filter with what was posted.

The server that was verified carries the next round's load (the data directory continues, so the
log grows across rounds; with --snapshot-bytes 65536 snapshots are written during the load and
kills land while they are written). At the end the server is stopped with SIGTERM, checked, and
started once more to compare the state with the model exactly.

Prints one line per round and finally exactly "N passed, N failed"; exits 1 on any failure.
Python 3 standard library only; talks to 127.0.0.1 only; every wait is bounded.
"""

import argparse
import atexit
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
import urllib.parse

SCIM = "/api/v1/scim"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
REQUEST_TIMEOUT = 20.0      # seconds for one HTTP request
START_TIMEOUT = 30.0        # seconds for scimd to answer /healthz
TOOL_TIMEOUT = 60.0         # seconds for `scimd check` and friends
MAX_REPORTED = 12           # violations printed per round


class Dead(Exception):
    """The server did not answer (connection refused/reset/closed): it was killed."""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection; JSON in and out."""

    def __init__(self, port, token):
        self.port = port
        self.token = token
        self.conn = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None):
        """(status, parsed body or None). Raises Dead when no status line arrived.
        A status line with a body cut short returns (status, None): the answer was sent."""
        self.send(method, path, body)
        return self.receive()

    def send(self, method, path, body=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/scim+json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/scim+json"
        try:
            self.conn.request(method, SCIM + path, body=data, headers=headers)
        except (OSError, http.client.HTTPException) as e:
            self.close()
            raise Dead(str(e))

    def receive(self):
        if self.conn is None:
            raise Dead("no connection")
        try:
            response = self.conn.getresponse()
        except (OSError, http.client.HTTPException) as e:
            self.close()
            raise Dead(str(e))
        try:
            raw = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            return response.status, None
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        if not raw:
            return response.status, None
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, None


def user_path_filter(name):
    return "/Users?filter=" + urllib.parse.quote('userName eq "%s"' % name)


# ---------------------------------------------------------------- model

class UserModel:
    """What the clients know about one user. Written by its owner thread only."""

    def __init__(self, name, owner, confirmed, create):
        self.name = name
        self.id = None
        self.owner = owner
        self.create = create            # "acked" | "pending"
        self.confirmed = confirmed      # (displayName, active) of the last acknowledged write
        self.pending = None             # (displayName, active) of a write in flight at the kill
        self.delete = None              # None | "pending" | "acked"
        self.retried = None             # "201" | "409" once a create in flight was retried


class GroupModel:
    def __init__(self, name, owner, create):
        self.name = name
        self.id = None
        self.owner = owner
        self.create = create            # "acked" | "pending"
        self.members = {}               # user id -> True/False after the last acknowledged change
        self.initial = set()            # members asked for at create (for a create in flight)
        self.pending = None             # [(user id, True/False)] of a change in flight


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.acked = {"create": 0, "patch": 0, "delete": 0, "group": 0, "add": 0, "remove": 0, "race": 0}
        self.inflight = 0
        self.unexpected = []

    def ack(self, kind):
        with self.lock:
            self.acked[kind] += 1

    def total(self):
        return sum(self.acked.values())


# ---------------------------------------------------------------- load

class Worker(threading.Thread):
    def __init__(self, index, rng, port, token, round_no, tag, users, groups, known, known_lock, stop, counts):
        super().__init__(daemon=True)
        self.index = index
        self.rng = rng
        self.client = Client(port, token)
        self.client2 = Client(port, token)   # for the races: the same write on two connections at once
        self.round_no = round_no
        self.tag = tag
        self.users = users        # this thread's UserModel list (not deleted)
        self.groups = groups      # this thread's GroupModel list
        self.known = known        # ids of users with an acknowledged create, shared
        self.known_lock = known_lock
        self.stop = stop
        self.counts = counts
        self.created_users = []   # UserModel created this round (acked or pending)
        self.created_groups = []
        self.deleted_users = []   # UserModel whose delete was acknowledged this round
        self.serial = 0

    def unexpected(self, what, status, body):
        detail = (body or {}).get("detail") if isinstance(body, dict) else None
        with self.counts.lock:
            self.counts.unexpected.append("%s -> %s %s" % (what, status, detail or ""))

    def pick_known(self, n):
        with self.known_lock:
            if not self.known:
                return []
            return self.rng.sample(self.known, min(n, len(self.known)))

    def run(self):
        try:
            while not self.stop.is_set():
                self.one()
        except Dead:
            pass
        except Exception as e:  # a bug in this script or an answer it cannot read: report it
            with self.counts.lock:
                self.counts.unexpected.append("client thread %d crashed: %r" % (self.index, e))
        finally:
            self.client.close()
            self.client2.close()

    def one(self):
        r = self.rng.random()
        live = [u for u in self.users if u.delete is None and u.id is not None]
        if r < 0.03:
            self.race_create()
        elif r < 0.05 and live:
            self.race_delete(self.rng.choice(live))
        elif r < 0.34 or not live:
            self.create_user()
        elif r < 0.62:
            self.patch_user(self.rng.choice(live))
        elif r < 0.72:
            self.delete_user(self.rng.choice(live))
        elif r < 0.77 or not self.groups:
            self.create_group()
        else:
            usable = [g for g in self.groups if g.id is not None]
            if not usable:
                return self.create_group()
            if r < 0.90:
                self.add_members(self.rng.choice(usable))
            else:
                self.remove_member(self.rng.choice(usable))

    def name(self, prefix):
        self.serial += 1
        return "%s-%s-r%d-t%d-%d" % (prefix, self.tag, self.round_no, self.index, self.serial)

    def create_user(self):
        name = self.name("u") + "@example.com"
        value = ("first " + name, True)
        user = UserModel(name, self.index, value, "pending")
        self.created_users.append(user)
        self.users.append(user)
        body = {"schemas": [USER_SCHEMA], "userName": name, "displayName": value[0], "active": value[1]}
        status, reply = self.client.request("POST", "/Users", body)
        if status == 201:
            user.create = "acked"
            self.counts.ack("create")
            if isinstance(reply, dict) and reply.get("id"):
                user.id = reply["id"]
                with self.known_lock:
                    self.known.append(user.id)
        else:
            self.unexpected("POST /Users " + name, status, reply)
            self.users.remove(user)
            self.created_users.remove(user)

    def both(self, method, path, body=None):
        """Sends the same request on two connections before reading either answer: the server
        handles them concurrently. Returns [(status, body) or None when no answer came]."""
        out = []
        sent = []
        for c in (self.client, self.client2):
            try:
                c.send(method, path, body)
                sent.append(c)
            except Dead:
                sent.append(None)
        for c in sent:
            try:
                out.append(c.receive() if c else None)
            except Dead:
                out.append(None)
        return out

    def race_create(self):
        """Two creates of one userName at once: one 201 and one 409. A 409 says the user exists,
        so it counts as an acknowledgement too: the user must survive the kill even when the 201
        never arrived (a conflict may only be reported once the conflicting write is durable)."""
        name = self.name("race") + "@example.com"
        value = ("first " + name, True)
        user = UserModel(name, self.index, value, "pending")
        self.created_users.append(user)
        self.users.append(user)
        body = {"schemas": [USER_SCHEMA], "userName": name, "displayName": value[0], "active": value[1]}
        answers = self.both("POST", "/Users", body)
        statuses = [a[0] if a else None for a in answers]
        created = [a for a in answers if a and a[0] == 201]
        conflicts = [a for a in answers if a and a[0] == 409]
        if len(created) > 1:
            self.unexpected("two concurrent POST /Users %s both got 201" % name, statuses, None)
        for a in answers:
            if a and a[0] not in (201, 409):
                self.unexpected("racing POST /Users " + name, a[0], a[1])
            if a and a[0] == 409 and not (isinstance(a[1], dict) and a[1].get("scimType") == "uniqueness"):
                self.unexpected("racing POST /Users %s: 409 without scimType uniqueness" % name, 409, a[1])
        if None not in statuses and not created:
            self.unexpected("two concurrent POST /Users %s: neither created it" % name, statuses, None)
        if created or conflicts:
            user.create = "acked"
            self.counts.ack("race")
            if created and isinstance(created[0][1], dict) and created[0][1].get("id"):
                user.id = created[0][1]["id"]
                with self.known_lock:
                    self.known.append(user.id)
        if None in statuses:
            raise Dead("no answer to a racing create")

    def race_delete(self, user):
        """Two deletes of one user at once: 204 and 404. Either says the user is gone."""
        user.delete = "pending"
        answers = self.both("DELETE", "/Users/" + user.id)
        statuses = [a[0] if a else None for a in answers]
        if statuses.count(204) > 1 or statuses.count(404) > 1:
            self.unexpected("two concurrent DELETE /Users/%s" % user.id, statuses, None)
        for a in answers:
            if a and a[0] not in (204, 404):
                self.unexpected("racing DELETE /Users/" + user.id, a[0], a[1])
        if 204 in statuses or 404 in statuses:
            user.delete = "acked"
            self.counts.ack("race")
            self.deleted_users.append(user)
            self.users.remove(user)
            with self.known_lock:
                if user.id in self.known:
                    self.known.remove(user.id)
        if None in statuses:
            raise Dead("no answer to a racing delete")

    def patch_user(self, user):
        value = ("dn %s %d" % (self.tag, self.rng.randrange(1 << 30)), self.rng.random() < 0.5)
        body = {"schemas": [PATCH_SCHEMA], "Operations": [
            {"op": "replace", "path": "displayName", "value": value[0]},
            {"op": "replace", "path": "active", "value": value[1]},
        ]}
        user.pending = value
        status, reply = self.client.request("PATCH", "/Users/" + user.id, body)
        user.pending = None
        if 200 <= status < 300:
            user.confirmed = value
            self.counts.ack("patch")
        else:
            self.unexpected("PATCH /Users/" + user.id, status, reply)

    def delete_user(self, user):
        user.delete = "pending"
        status, reply = self.client.request("DELETE", "/Users/" + user.id)
        if status == 204:
            user.delete = "acked"
            self.counts.ack("delete")
            self.deleted_users.append(user)
            self.users.remove(user)
            with self.known_lock:
                if user.id in self.known:
                    self.known.remove(user.id)
        else:
            user.delete = None
            self.unexpected("DELETE /Users/" + user.id, status, reply)

    def create_group(self):
        name = self.name("g")
        group = GroupModel(name, self.index, "pending")
        members = self.pick_known(self.rng.randrange(0, 6))
        group.initial = set(members)
        self.created_groups.append(group)
        body = {"schemas": [GROUP_SCHEMA], "displayName": name, "members": [{"value": m} for m in members]}
        status, reply = self.client.request("POST", "/Groups", body)
        if status == 201:
            group.create = "acked"
            self.counts.ack("group")
            group.members = {m: True for m in members}
            if isinstance(reply, dict) and reply.get("id"):
                group.id = reply["id"]
            self.groups.append(group)
        else:
            self.unexpected("POST /Groups " + name, status, reply)
            self.created_groups.remove(group)

    def add_members(self, group):
        members = self.pick_known(self.rng.randrange(1, 4))
        if not members:
            return
        group.pending = [(m, True) for m in members]
        body = {"schemas": [PATCH_SCHEMA], "Operations": [
            {"op": "add", "path": "members", "value": [{"value": m} for m in members]}]}
        status, reply = self.client.request("PATCH", "/Groups/" + group.id, body)
        group.pending = None
        if 200 <= status < 300:
            for m in members:
                group.members[m] = True
            self.counts.ack("add")
        else:
            self.unexpected("PATCH /Groups/%s add" % group.id, status, reply)

    def remove_member(self, group):
        present = [m for m, there in group.members.items() if there]
        if not present:
            return self.add_members(group)
        m = self.rng.choice(present)
        group.pending = [(m, False)]
        body = {"schemas": [PATCH_SCHEMA], "Operations": [
            {"op": "remove", "path": 'members[value eq "%s"]' % m}]}
        status, reply = self.client.request("PATCH", "/Groups/" + group.id, body)
        group.pending = None
        if 200 <= status < 300:
            group.members[m] = False
            self.counts.ack("remove")
        else:
            self.unexpected("PATCH /Groups/%s remove" % group.id, status, reply)


# ---------------------------------------------------------------- server

STARTED = []  # every scimd this script started: killed at exit if still running (even after a crash here)


@atexit.register
def kill_leftovers():
    for p in STARTED:
        if p.poll() is None:
            p.kill()
            p.wait(timeout=30)


class Server:
    def __init__(self, binary, data, logs, snapshot_bytes):
        self.binary = binary
        self.data = data
        self.logs = logs
        self.snapshot_bytes = snapshot_bytes
        self.starts = 0
        self.proc = None
        self.port = None
        self.stderr_path = None

    def start(self):
        """Starts scimd and waits for /healthz. Returns (ok, seconds, stderr text)."""
        self.starts += 1
        self.port = free_port()
        self.stderr_path = os.path.join(self.logs, "serve-%03d.stderr" % self.starts)
        args = [self.binary, "serve", "--data", self.data, "--listen", "127.0.0.1:%d" % self.port,
                "--access-log", "off"]
        if self.snapshot_bytes:
            args += ["--snapshot-bytes", str(self.snapshot_bytes)]
        began = time.monotonic()
        with open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        STARTED.append(self.proc)
        while time.monotonic() - began < START_TIMEOUT:
            if self.proc.poll() is not None:
                return False, time.monotonic() - began, self.stderr()
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                ok = c.getresponse().status == 200
                c.close()
                if ok:
                    return True, time.monotonic() - began, self.stderr()
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.02)
        self.kill()
        return False, time.monotonic() - began, self.stderr() + "\n(no /healthz answer within %ds)" % START_TIMEOUT

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=30)

    def terminate(self):
        """SIGTERM; returns the exit code (None if it had to be killed)."""
        if self.proc is None:
            return 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return None


def run_tool(binary, *args):
    try:
        p = subprocess.run([binary] + list(args), stdin=subprocess.DEVNULL, capture_output=True, timeout=TOOL_TIMEOUT)
        return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "timed out after %ds" % TOOL_TIMEOUT


# ---------------------------------------------------------------- verification

def list_all(client, kind):
    """Every resource of a kind, paging with count=1000. Returns (resources, problems)."""
    problems = []
    out = []
    start = 1
    total = None
    for _ in range(10000):
        status, body = client.request("GET", "/%s?startIndex=%d&count=1000" % (kind, start))
        if status != 200 or not isinstance(body, dict):
            problems.append("GET /%s page at %d -> %s" % (kind, start, status))
            break
        page = body.get("Resources") or []
        if total is None:
            total = body.get("totalResults")
        elif body.get("totalResults") != total:
            problems.append("/%s totalResults changed while paging (%s then %s)" % (kind, total, body.get("totalResults")))
        out.extend(page)
        start += len(page)
        if not page or start > (total or 0):
            break
    if total is not None and len(out) != total:
        problems.append("/%s paging returned %d resources, totalResults says %d" % (kind, len(out), total))
    return out, problems


def parallel(items, work, threads=8):
    """Runs work(item) on a few threads; returns the concatenated lists it returns."""
    results = []
    lock = threading.Lock()
    chunks = [items[i::threads] for i in range(threads)]

    def run(chunk):
        local = []
        for item in chunk:
            local.extend(work(item) or [])
        with lock:
            results.extend(local)

    ts = [threading.Thread(target=run, args=(c,), daemon=True) for c in chunks if c]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=300)
    return results


class Verifier:
    def __init__(self, port, token, users, groups, round_created_users):
        self.port = port
        self.token = token
        self.users = users                    # name -> UserModel (every user ever written, incl. deleted)
        self.groups = groups                  # name -> GroupModel
        self.round_created = round_created_users
        self.local = threading.local()

    def client(self):
        c = getattr(self.local, "client", None)
        if c is None:
            c = self.local.client = Client(self.port, self.token)
        return c

    def verify(self):
        v = []
        c = self.client()
        try:
            listed_users, p = list_all(c, "Users")
            v += p
            listed_groups, p = list_all(c, "Groups")
            v += p
        except Dead as e:
            return ["the server stopped answering during verification: %s" % e], {}
        by_id = {}
        by_lower = {}
        for r in listed_users:
            rid, name = r.get("id"), r.get("userName")
            if rid in by_id:
                v.append("duplicate id %s in the user listing" % rid)
            by_id[rid] = r
            key = (name or "").lower()
            if key in by_lower:
                v.append("duplicate userName %r (ids %s and %s)" % (name, by_lower[key].get("id"), rid))
            by_lower[key] = r

        # Users: presence, absence, attribute values.
        for name, u in self.users.items():
            r = by_lower.get(name.lower())
            if u.delete == "acked":
                if r is not None:
                    v.append("acknowledged delete of %s (%s) is undone: the user is listed" % (name, u.id))
                continue
            if r is None:
                if u.create == "acked" and u.delete is None:
                    v.append("acknowledged user %s (%s) is missing" % (name, u.id))
                continue
            if u.id is not None and r.get("id") != u.id:
                v.append("user %s has id %s, the create answered %s" % (name, r.get("id"), u.id))
            got = (r.get("displayName"), r.get("active"))
            allowed = [u.confirmed] + ([u.pending] if u.pending else [])
            if got not in allowed:
                v.append("user %s has displayName/active %r; allowed: %r" % (name, got, allowed))
        for r in listed_users:
            if r.get("userName") not in self.users:
                v.append("user %r (%s) was never written by this test" % (r.get("userName"), r.get("id")))

        # Groups: every member names a listed user; membership follows the acknowledged changes.
        groups_by_name = {}
        for g in listed_groups:
            for m in g.get("members") or []:
                if m.get("value") not in by_id:
                    v.append("group %s (%s) has member %s, which names no existing user" % (g.get("displayName"), g.get("id"), m.get("value")))
            if g.get("displayName") in groups_by_name:
                v.append("duplicate group displayName %r" % g.get("displayName"))
            groups_by_name[g.get("displayName")] = g
        for name, gm in self.groups.items():
            g = groups_by_name.get(name)
            if g is None:
                if gm.create == "acked":
                    v.append("acknowledged group %s (%s) is missing" % (name, gm.id))
                continue
            if gm.id is not None and g.get("id") != gm.id:
                v.append("group %s has id %s, the create answered %s" % (name, g.get("id"), gm.id))
            actual = {m.get("value") for m in g.get("members") or []}
            if gm.create == "pending":
                # All or nothing: the initial members that still exist, no more, no fewer.
                want = {m for m in gm.initial if m in by_id}
                if actual != want:
                    v.append("group %s, created in flight, has members %s; its create asked for %s (half applied?)" % (name, sorted(actual), sorted(want)))
                continue
            pending = dict(gm.pending or [])
            for uid in set(gm.members) | actual | set(pending):
                if uid not in by_id:
                    continue  # deleted users: covered above (no member names a missing user)
                expected = gm.members.get(uid, False)
                there = uid in actual
                if there != expected and not (uid in pending and pending[uid] == there):
                    v.append("group %s: user %s is %s a member; the last acknowledged change says %s" % (
                        name, uid, "" if there else "not", "member" if expected else "not a member"))
        for g in listed_groups:
            if g.get("displayName") not in self.groups:
                v.append("group %r (%s) was never written by this test" % (g.get("displayName"), g.get("id")))

        # Direct look-ups: acknowledged creates by filter, acknowledged deletes by id and filter.
        def look(u):
            out = []
            cl = self.client()
            try:
                status, body = cl.request("GET", user_path_filter(u.name))
                found = (body or {}).get("Resources") or [] if isinstance(body, dict) else []
                if u.delete == "acked":
                    if status != 200 or found:
                        out.append("filter for deleted %s -> %s with %d results" % (u.name, status, len(found)))
                    if u.id:
                        s2, _ = cl.request("GET", "/Users/" + u.id)
                        if s2 != 404:
                            out.append("GET of deleted user %s (%s) -> %s" % (u.name, u.id, s2))
                elif u.create == "acked" and u.delete is None:
                    if status != 200 or len(found) != 1 or (u.id and found[0].get("id") != u.id):
                        out.append("filter for acknowledged %s -> %s with %d results" % (u.name, status, len(found)))
            except Dead as e:
                out.append("server stopped answering: %s" % e)
            return out
        checked = [u for u in self.round_created if u.create == "acked" or u.delete == "acked"]
        v += parallel(checked, look)
        return v, {"users": len(listed_users), "groups": len(listed_groups),
                   "memberships": sum(len(g.get("members") or []) for g in listed_groups),
                   "by_lower": by_lower, "groups_by_name": groups_by_name}

    def retry_inflight_creates(self, pending_users):
        """F9: an IdP that got no answer retries the POST: 201 (lost) or 409 (it was saved)."""
        def retry(u):
            out = []
            cl = self.client()
            try:
                body = {"schemas": [USER_SCHEMA], "userName": u.name, "displayName": u.confirmed[0], "active": u.confirmed[1]}
                status, reply = cl.request("POST", "/Users", body)
                if status == 409:
                    if not (isinstance(reply, dict) and reply.get("scimType") == "uniqueness"):
                        out.append("retried create of %s -> 409 without scimType uniqueness: %r" % (u.name, reply))
                    u.retried = "409"
                elif status == 201:
                    u.retried = "201"
                else:
                    out.append("retried create of %s -> %s" % (u.name, status))
                    return out
                status, found = cl.request("GET", user_path_filter(u.name))
                rs = (found or {}).get("Resources") or [] if isinstance(found, dict) else []
                if status != 200 or len(rs) != 1:
                    out.append("after the retry, filter for %s -> %s with %d results" % (u.name, status, len(rs)))
                    return out
                got = (rs[0].get("displayName"), rs[0].get("active"))
                if got != u.confirmed:
                    out.append("created-in-flight %s has %r, the create posted %r" % (u.name, got, u.confirmed))
                u.id = rs[0].get("id")
                u.create = "acked"
            except Dead as e:
                out.append("server stopped answering: %s" % e)
            return out
        return parallel(pending_users, retry)


# ---------------------------------------------------------------- main loop

def main():
    ap = argparse.ArgumentParser(description="kill -9 durability loop for scimd")
    ap.add_argument("binary")
    ap.add_argument("rounds", nargs="?", type=int, default=20)
    ap.add_argument("seed", nargs="?", type=int, default=None)
    ap.add_argument("--snapshot-bytes", type=int, default=0, help="pass --snapshot-bytes to scimd serve (e.g. 65536)")
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--min-load", type=float, default=0.3)
    ap.add_argument("--max-load", type=float, default=2.0)
    ap.add_argument("--fresh-every", type=int, default=0, metavar="N",
                    help="start over with a new data directory every N rounds (for long runs; default never)")
    ap.add_argument("--keep", action="store_true", help="keep the data directory even when all rounds pass")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    rng = random.Random(seed)
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="scimd-kill9-")
    data = os.path.join(work, "data")
    logs = os.path.join(work, "logs")
    os.makedirs(logs)
    variant = "snapshot-bytes %d" % args.snapshot_bytes if args.snapshot_bytes else "default snapshots"
    print("kill9: %d rounds, seed %d, %d threads, %s, work dir %s" % (args.rounds, seed, args.threads, variant, work), flush=True)

    code, out = run_tool(binary, "integration", "create", "kill9", "--data", data)
    if code != 0:
        print("cannot create the integration: %s" % out)
        print("0 passed, %d failed" % args.rounds)
        return 1
    token = out.strip().splitlines()[-1].strip()

    server = Server(binary, data, logs, args.snapshot_bytes)
    ok, secs, err = server.start()
    if not ok:
        print("scimd did not start: %s" % err)
        print("0 passed, %d failed" % args.rounds)
        return 1

    users = {}        # name -> UserModel, every user ever written
    groups = {}       # name -> GroupModel
    passed = failed = 0
    totals = {"acked": 0, "inflight": 0, "torn": 0, "check_torn": 0, "tmp_removed": 0, "snapshots": 0,
              "retry201": 0, "retry409": 0, "restart_max": 0.0}
    tag = "s%d" % seed

    for round_no in range(1, args.rounds + 1):
        violations = []
        if args.fresh_every and round_no > 1 and (round_no - 1) % args.fresh_every == 0 and server.proc.poll() is None:
            # A new data directory, so long runs do not replay an ever longer log.
            rc = server.terminate()
            code, out = run_tool(binary, "check", "--data", data)
            if rc != 0 or code != 0:
                violations.append("before a fresh data directory: SIGTERM exit %s, check exit %s:\n%s" % (rc, code, out.strip()))
            shutil.rmtree(data, ignore_errors=True)
            code, out = run_tool(binary, "integration", "create", "kill9", "--data", data)
            token = out.strip().splitlines()[-1].strip() if code == 0 else ""
            users.clear()
            groups.clear()
            ok, secs, err = server.start()
            if code != 0 or not ok:
                print("cannot start on a fresh data directory: %s %s" % (out, err), flush=True)
                failed += args.rounds - round_no + 1
                break
        # Distribute the live users and groups to the threads (each is written by one thread only).
        live_users = [u for u in users.values() if u.delete != "acked"]
        per_thread_users = [[] for _ in range(args.threads)]
        per_thread_groups = [[] for _ in range(args.threads)]
        for i, u in enumerate(live_users):
            u.owner = i % args.threads
            per_thread_users[u.owner].append(u)
        for i, g in enumerate(groups.values()):
            g.owner = i % args.threads
            per_thread_groups[g.owner].append(g)
        known = [u.id for u in live_users if u.id]
        known_lock = threading.Lock()
        stop = threading.Event()
        counts = Counts()
        workers = [Worker(i, random.Random(rng.randrange(1 << 62)), server.port, token, round_no, tag,
                          per_thread_users[i], per_thread_groups[i], known, known_lock, stop, counts)
                   for i in range(args.threads)]
        load = rng.uniform(args.min_load, args.max_load)
        for w in workers:
            w.start()
        time.sleep(load)
        stop.set()
        server.kill()
        for w in workers:
            w.join(timeout=REQUEST_TIMEOUT + 10)
            if w.is_alive():
                violations.append("client thread %d did not finish within %ds of the kill" % (w.index, REQUEST_TIMEOUT + 10))
        violations += ["unexpected answer before the kill: " + s for s in counts.unexpected[:MAX_REPORTED]]

        round_users = [u for w in workers for u in w.created_users]
        round_deleted = [u for w in workers for u in w.deleted_users if u not in w.created_users]
        round_groups = [g for w in workers for g in w.created_groups]
        for u in round_users:
            users[u.name] = u
        for g in round_groups:
            groups[g.name] = g
        inflight = sum(1 for u in users.values() if u.pending or u.delete == "pending" or u.create == "pending") \
            + sum(1 for g in groups.values() if g.pending or g.create == "pending")

        # scimd check on the directory exactly as the kill left it.
        code, check_out = run_tool(binary, "check", "--data", data)
        check_torn = len(re.findall(r"torn tail", check_out))
        if code != 0:
            violations.append("scimd check after the kill exited %s:\n%s" % (code, check_out.strip()))

        ok, secs, err = server.start()
        torn = len(re.findall(r"torn tail", err))
        tmp_removed = len(re.findall(r"removed the unfinished file", err))
        damaged_snap = len(re.findall(r"snapshot \S+ is damaged", err))
        if not ok:
            violations.append("scimd did not start after the kill (%.1fs):\n%s" % (secs, err.strip()))
        if (check_torn > 0) != (torn > 0):
            violations.append("scimd check saw %d torn-tail lines, serve logged %d" % (check_torn, torn))
        if damaged_snap:
            violations.append("a snapshot was damaged after kill -9 (renamed with .broken): %s" % err.strip())

        stats = {}
        if ok:
            verifier = Verifier(server.port, token, users, groups, round_users + round_deleted)
            v, stats = verifier.verify()
            violations += v
            pending_creates = [u for u in users.values() if u.create == "pending"]
            violations += verifier.retry_inflight_creates(pending_creates)
            retried = pending_creates
            totals["retry201"] += sum(1 for u in retried if u.retried == "201")
            totals["retry409"] += sum(1 for u in retried if u.retried == "409")
            if not v:
                adopt(users, groups, stats)

        snapshots = count_snapshots(logs)
        totals["acked"] += counts.total()
        totals["inflight"] += inflight
        totals["torn"] += torn
        totals["check_torn"] += check_torn
        totals["tmp_removed"] += tmp_removed
        totals["restart_max"] = max(totals["restart_max"], secs)
        a = counts.acked
        line = ("round %d/%d: %s load %.2fs, acked %d (create %d, patch %d, delete %d, group %d, add %d, remove %d, race %d), "
                "in flight %d, torn tail %d, tmp removed %d, restart %.2fs, users %s, groups %s, memberships %s" % (
                    round_no, args.rounds, "FAIL" if violations else "ok", load, counts.total(), a["create"], a["patch"],
                    a["delete"], a["group"], a["add"], a["remove"], a["race"], inflight, torn, tmp_removed, secs,
                    stats.get("users", "?"), stats.get("groups", "?"), stats.get("memberships", "?")))
        print(line, flush=True)
        if violations:
            failed += 1
            for s in violations[:MAX_REPORTED]:
                print("    " + s.replace("\n", "\n    "), flush=True)
            if len(violations) > MAX_REPORTED:
                print("    ... and %d more" % (len(violations) - MAX_REPORTED), flush=True)
            if not ok:
                print("    the data directory is kept in %s; stopping" % work, flush=True)
                failed += args.rounds - round_no
                break
            # Continue from what the server now holds, so later rounds still test something.
            resync(server.port, token, users, groups)
        else:
            passed += 1
        # (snapshots counted cumulatively from the stderr logs)
        totals["snapshots"] = snapshots

    # Final: a clean stop, check, and a restart that must show exactly the model.
    final_problems = []
    if server.proc is not None and server.proc.poll() is None:
        rc = server.terminate()
        if rc != 0:
            final_problems.append("scimd serve exited %s on SIGTERM" % rc)
        code, out = run_tool(binary, "check", "--data", data)
        if code != 0:
            final_problems.append("scimd check after SIGTERM exited %s:\n%s" % (code, out.strip()))
        ok, secs, err = server.start()
        if not ok:
            final_problems.append("scimd did not start after SIGTERM:\n%s" % err.strip())
        else:
            if re.search(r"torn tail|removed the unfinished", err):
                final_problems.append("a clean stop left a torn tail or temporary file:\n%s" % err.strip())
            v, stats = Verifier(server.port, token, users, groups, []).verify()
            final_problems += v
            if stats:
                final_problems += exact_state_problems(users, groups, stats)
            server.terminate()
        totals["snapshots"] = count_snapshots(logs)
    print("final restart after SIGTERM: %s" % ("ok" if not final_problems else "FAIL"), flush=True)
    for s in final_problems[:MAX_REPORTED]:
        print("    " + s.replace("\n", "\n    "), flush=True)
    if final_problems and failed == 0 and passed > 0:
        passed -= 1
        failed += 1

    print("totals: acknowledged writes checked %d, requests in flight at kills %d, torn tails cut %d (check saw %d), "
          "unfinished files removed at start %d, snapshots written %d, in-flight creates retried: %d were lost (201), %d saved (409), "
          "slowest restart %.2fs" % (totals["acked"], totals["inflight"], totals["torn"], totals["check_torn"],
                                     totals["tmp_removed"], totals["snapshots"], totals["retry201"], totals["retry409"],
                                     totals["restart_max"]), flush=True)
    if failed == 0 and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("work dir kept: %s" % work)
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0


def count_snapshots(logs):
    n = 0
    for name in os.listdir(logs):
        with open(os.path.join(logs, name), "rb") as f:
            n += len(re.findall(rb"snapshot snapshot-\d+\.jsonl written", f.read()))
    return n


def adopt(users, groups, stats):
    """After a passing verification: the state on the server is the new starting point, which
    settles every request that was in flight."""
    by_lower = stats["by_lower"]
    for name in list(users):
        u = users[name]
        r = by_lower.get(name.lower())
        if u.retried:
            continue  # created again by the retry: its id and values were set there
        if r is None:
            if u.delete != "acked":
                u.delete = "acked"  # a delete in flight that was saved, or a create in flight that was not
            u.pending = None
            continue
        u.id = r.get("id")
        u.confirmed = (r.get("displayName"), r.get("active"))
        u.pending = None
        if u.delete == "pending":
            u.delete = None
    for name in list(groups):
        g = groups[name]
        actual = stats["groups_by_name"].get(name)
        if actual is None:
            del groups[name]
            continue
        g.id = actual.get("id")
        g.create = "acked"
        g.members = {m.get("value"): True for m in actual.get("members") or []}
        g.pending = None
        g.initial = set()
    # A retried create (201 or 409) is now an acknowledged user; its values are what it posted.
    for u in users.values():
        if u.retried:
            u.create = "acked"
            u.retried = None


def resync(port, token, users, groups):
    """After a failed round: take the server's state as the model, so the next rounds go on."""
    c = Client(port, token)
    try:
        listed_users, _ = list_all(c, "Users")
        listed_groups, _ = list_all(c, "Groups")
    except Dead:
        return
    finally:
        c.close()
    users.clear()
    groups.clear()
    for r in listed_users:
        u = UserModel(r.get("userName"), 0, (r.get("displayName"), r.get("active")), "acked")
        u.id = r.get("id")
        users[u.name] = u
    for r in listed_groups:
        g = GroupModel(r.get("displayName"), 0, "acked")
        g.id = r.get("id")
        g.members = {m.get("value"): True for m in r.get("members") or []}
        groups[g.name] = g


def exact_state_problems(users, groups, stats):
    """After a clean stop nothing is in flight: the listing must equal the model exactly."""
    out = []
    by_lower = stats["by_lower"]
    present_ids = {r.get("id") for r in by_lower.values()}
    want_users = {n.lower() for n, u in users.items() if u.delete != "acked"}
    if set(by_lower) != want_users:
        out.append("after a clean restart the users differ from the model: %d missing, %d extra" % (
            len(want_users - set(by_lower)), len(set(by_lower) - want_users)))
    for name, g in groups.items():
        actual = stats["groups_by_name"].get(name)
        if actual is None:
            out.append("group %s missing after a clean restart" % name)
            continue
        have = {m.get("value") for m in actual.get("members") or []}
        want = {m for m, there in g.members.items() if there and m in present_ids}
        if have != want:
            out.append("group %s members after a clean restart: %d, model says %d" % (name, len(have), len(want)))
    return out


if __name__ == "__main__":
    sys.exit(main())
