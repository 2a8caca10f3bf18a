#!/usr/bin/env bash
# Walks the admin console of a real scimd in headless Chromium (Tests/browser/admin_flow.py).
#
#   Tests/browser/run.sh [SHOT_DIR]
#
# SCIMD_BIN   scimd binary to test (default: `swift build` and use .build/debug/scimd)
# SHOT_DIR    where the PNGs go (argument or variable; default a new temp directory)
# SEED_USERS  if set, `scimd seed --users N` runs on the fresh data dir before the server starts,
#             and the flow also checks paging, search and sorting of those users
# SEED_GROUPS, SEED_MEMBERS  with SEED_USERS: also seed G groups of M members each
#
# Starts scimd on a free loopback port with a fresh data directory, reads the one-time setup
# code from its stderr, runs the flow, prints "N passed, N failed" and the screenshots' names,
# stops the server, and exits non-zero if anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shots="${1:-${SHOT_DIR:-}}"
[ -n "$shots" ] || shots="$(mktemp -d "${TMPDIR:-/tmp}/scimd-shots.XXXXXX")"
mkdir -p "$shots"
shots="$(cd "$shots" && pwd)"
rm -f "$shots"/[0-9][0-9]-*.png   # a previous run's screenshots

# --- what the flow needs ---
python=/usr/bin/python3
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! "$python" -c 'import selenium' 2>/dev/null; then
    echo "installing chromium, chromium-driver, python3-selenium" >&2
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver python3-selenium
fi

# --- the binary ---
if [ -n "${SCIMD_BIN:-}" ]; then
    bin="$SCIMD_BIN"
else
    (cd "$root" && swift build >&2)
    bin="$root/.build/debug/scimd"
fi
[ -x "$bin" ] || { echo "no scimd binary at $bin" >&2; exit 2; }

# --- a fresh server ---
work="$(mktemp -d "${TMPDIR:-/tmp}/scimd-browser.XXXXXX")"
data="$work/data"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

flow_args=()
if [ -n "${SEED_USERS:-}" ]; then
    "$bin" seed --data "$data" --users "$SEED_USERS" --groups "${SEED_GROUPS:-0}" --members "${SEED_MEMBERS:-0}" >"$work/seed.out"
    tail -n 1 "$work/seed.out" >&2
    flow_args+=(--seeded-users "$SEED_USERS" --seeded-groups "${SEED_GROUPS:-0}" --seeded-members "${SEED_MEMBERS:-0}")
fi

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
: >"$work/stderr"   # exists before the server opens it, so the loop below can read it at once
"$bin" serve --data "$data" --listen "127.0.0.1:$port" --access-log off >"$work/stdout" 2>>"$work/stderr" &
server_pid=$!

code=""
for _ in $(seq 300); do
    code="$(sed -n 's|.*/setup?code=\([A-Za-z0-9_-]*\).*|\1|p' "$work/stderr" | head -n 1)"
    [ -n "$code" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$code" ]; then
    echo "scimd printed no setup link; its stderr:" >&2
    cat "$work/stderr" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
for _ in $(seq 100); do
    "$python" -c "import urllib.request,sys; urllib.request.urlopen('$base/healthz', timeout=2)" 2>/dev/null && break
    sleep 0.1
done
echo "scimd at $base (data $data)" >&2

status=0
# "--setup-code=CODE": a code may start with "-", which argparse would read as an option.
"$python" "$here/admin_flow.py" "$base" "$shots" --setup-code="$code" "${flow_args[@]}" || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "scimd exited during the run; its stderr:" >&2
    cat "$work/stderr" >&2
    status=1
fi
echo "screenshots in $shots:"
(cd "$shots" && ls -1 *.png 2>/dev/null | sed 's/^/  /')
exit "$status"
