#!/usr/bin/env python3
"""Run scim2-tester (PyPI) against a SCIM base URL: one line per check, then 'N passed, N failed'.

usage: run_scim2_tester.py BASE_URL TOKEN [--json OUT.json]
Exit 1 if any check is ERROR or CRITICAL, or SKIPPED (a skip means a feature scimd claims is missing).
"""
import argparse, collections, json, sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import check_server

p = argparse.ArgumentParser()
p.add_argument("url")
p.add_argument("token")
p.add_argument("--json", default=None)
a = p.parse_args()

client = SyncSCIMClient(Client(base_url=a.url, headers={"Authorization": f"Bearer {a.token}"}, timeout=30))
results = check_server(client)
counts = collections.Counter(r.status.name for r in results)
rows = []
for r in results:
    reason = (r.reason or "").splitlines()[0] if r.reason else ""
    rows.append({"status": r.status.name, "title": r.title, "resource_type": r.resource_type, "reason": r.reason})
    print(f"{r.status.name:10} {r.resource_type or '-':8} {r.title}: {reason}")
if a.json:
    with open(a.json, "w") as f:
        json.dump({"counts": counts, "results": rows}, f, indent=1, default=str)
bad = sum(v for k, v in counts.items() if k in ("ERROR", "CRITICAL", "SKIPPED"))
good = sum(v for k, v in counts.items() if k in ("SUCCESS", "COMPLIANT", "ACCEPTABLE"))
print("scim2-tester status counts:", dict(counts))
print(f"scim2-tester: {good} passed, {bad} failed")
sys.exit(1 if bad or not results else 0)
