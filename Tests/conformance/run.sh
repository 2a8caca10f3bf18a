#!/usr/bin/env bash
# Runs the external SCIM conformance checkers against a release scimd on loopback:
# scim2-tester, scim-sanity (both from PyPI, in a venv) and Okta's SCIM 2.0 SPEC test (replayed
# from ../shared/conformance/okta). Each gets a fresh integration. Fails on any failure that is
# not a documented exception (README, "Conformance").
#
# Env: SCIMD_BIN (use this binary instead of building), CONFORMANCE_VENV (venv dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
okta_dir=${OKTA_SPEC_DIR:-$root/../shared/conformance/okta}
venv=${CONFORMANCE_VENV:-$root/.build/conformance-venv}

if ! "$venv/bin/python" -c "import httpx2, scim2_tester, scim2_client" 2>/dev/null || [ ! -x "$venv/bin/scim-sanity" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'scim2-tester==0.5.2' 'scim-sanity==0.7.4' 'scim2-cli==0.6.0' 'scim2-client==0.13.2' 'scim2-models==0.12.3' 'httpx2==2.16.2'
fi

bin=${SCIMD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && swift build -c release --product scimd --static-swift-stdlib -Xswiftc -static-executable >/dev/null)
  bin=$(cd "$root" && swift build -c release --product scimd --static-swift-stdlib -Xswiftc -static-executable --show-bin-path)/scimd
fi

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

data="$work/data"
token_for() { "$bin" integration create "$1" --data "$data" | tail -n 1; }
tester_token=$(token_for "scim2-tester")
sanity_token=$(token_for "scim-sanity")
okta_token=$(token_for "okta-spec-test")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --data "$data" --listen "127.0.0.1:$port" --access-log off 2> "$work/server.log" &
pid=$!
for _ in $(seq 1 100); do
  python3 - "$port" <<'PY' && break
import sys, urllib.request
try: urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1); sys.exit(0)
except Exception: sys.exit(1)
PY
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; echo "scimd did not start"; exit 1; }
  python3 -c 'import time; time.sleep(0.1)'
done
base="http://127.0.0.1:$port/api/v1/scim"

status=0
echo "== scim2-tester"
"$venv/bin/python" "$here/run_scim2_tester.py" "$base" "$tester_token" || status=1
echo "== scim-sanity"
"$venv/bin/python" "$here/run_scim_sanity.py" "$venv/bin/scim-sanity" "$base" "$sanity_token" || status=1
echo "== Okta SCIM 2.0 SPEC test"
if [ -f "$okta_dir/Okta-SCIM-20-SPEC-Test.json" ]; then
  python3 "$okta_dir/replay.py" "$okta_dir/Okta-SCIM-20-SPEC-Test.json" "$base" "$okta_token" --seed || status=1
else
  echo "Okta SPEC test files not found at $okta_dir"; status=1
fi

kill -0 "$pid" 2>/dev/null || { echo "scimd died during the checks:"; cat "$work/server.log"; status=1; }
[ "$status" = 0 ] && echo "conformance: all checkers passed" || { echo "conformance: FAILED"; tail -n 50 "$work/server.log"; }
exit "$status"
