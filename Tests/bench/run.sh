#!/usr/bin/env bash
# scimd's benchmark: builds the release binary, prepares data, and prints one table in which each
# scimd figure stands beside its yardstick measured in the same run (nginx serving the same bytes
# as a static file; the Python peer scim2-server loaded with the same users).
#
#   Tests/bench/run.sh            full run, about 10-15 minutes on 2 cores
#   Tests/bench/run.sh --quick    a 1-2 minute smoke version (CI), small data, short runs
#
# Needs wrk and nginx-light (apt) and a venv with scim2-server (made under .build/ if missing).
# Loopback only; every load is bounded in time.
set -euo pipefail
ulimit -n 65536 2>/dev/null || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1

if [ "$quick" = 1 ]; then USERS=5000; BIG=5000; MILLION=20000; GROUPS_N=20; DUR=2s
else USERS=100000; BIG=100000; MILLION=1000000; GROUPS_N=10000; DUR=10s; fi

need() { command -v "$1" >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq wrk nginx-light >/dev/null; }; }
need wrk; need nginx
venv=${BENCH_VENV:-$root/.build/bench-venv}
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import scim2_server' 2>/dev/null || {
  python3 -m venv "$venv"; "$venv/bin/pip" install -q --disable-pip-version-check 'scim2-server==0.8.3'; }

bin=${SCIMD_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && ./install.sh --build-only >/dev/null)
  bin=$root/dist/scimd
fi
py() { python3 "$here/benchlib.py" "$@"; }
work=$(mktemp -d); chmod 755 "$work"   # nginx workers run as nobody and must read www/
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rows=()
row() { rows+=("$(printf '%-52s | %-24s | %-28s | %s' "$1" "$2" "$3" "$4")"); }
# wrk → "rps p99ms"
wrk_run() {
  local out; out=$(wrk --latency "$@" 2>&1)
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  echo "${rps:-0} ${p99:-0}"
}
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}x' if b else 'n/a')" "$1" "$2"; }

start_scimd() {  # data port → sets spid
  "$bin" serve --data "$1" --listen "127.0.0.1:$2" --access-log off 2>>"$work/scimd.log" &
  spid=$!; pids+=("$spid")
  py wait "http://127.0.0.1:$2/healthz" 60 >/dev/null
}
stop_scimd() { kill "$spid"; wait "$spid" 2>/dev/null || true; }

echo "scimd benchmark ($( [ $quick = 1 ] && echo quick || echo full )), $(nproc) cores, $(date -u +%FT%TZ)" >&2

# --- binary and cold start
size=$(stat -c %s "$bin")
cold_dir="$work/cold"; mkdir -p "$cold_dir"
colds=()
for i in 1 2 3; do
  p=$(freeport); t0=$(date +%s%N)
  "$bin" serve --data "$cold_dir" --listen "127.0.0.1:$p" --access-log off 2>/dev/null & cp=$!
  py wait "http://127.0.0.1:$p/healthz" 30 >/dev/null; t1=$(date +%s%N)
  kill $cp; wait $cp 2>/dev/null || true
  colds+=($(( (t1 - t0) / 1000000 )))
done
static=$({ ldd "$bin" 2>&1 || true; } | grep -q 'not a dynamic' && echo yes || echo no)
row "binary size (stripped)" "$(( size / 1024 / 1024 )).$(( size * 10 / 1024 / 1024 % 10 )) MiB" "-" "static: $static"
row "cold start to first /healthz" "${colds[*]} ms" "-" "3 runs, empty data dir"

# --- data: USERS users in one integration
data="$work/data"
token=$("$bin" seed --data "$data" --users "$USERS" --integration bench 2>/dev/null | awk '/^token:/ {print $2}')
export SCIMD_TOKEN=$token SCIMD_TOTAL=$USERS
port=$(freeport); start_scimd "$data" "$port"
origin="http://127.0.0.1:$port"; base="$origin/api/v1/scim"

# --- nginx serving the same bytes as static files
www="$work/www"; mkdir -p "$www" "$work/nginx"
target_user="user$((USERS / 2))@example.com"
filter_path="/Users?filter=userName%20eq%20%22${target_user}%22"
py get "$base" "$token" "$filter_path" > "$www/filter.json"
one_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Resources"][0]["id"])' "$www/filter.json")
py get "$base" "$token" "/Users/$one_id" > "$www/user.json"
printf '{"status":"ok"}\n' > "$www/healthz"
nport=$(freeport)
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 2;
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/scim+json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $www; location / { try_files \$uri =404; } }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' & pids+=($!)
py wait "http://127.0.0.1:$nport/healthz" 10 >/dev/null

lua=$here/lua
read -r s_rps s_p99 < <(wrk_run -t2 -c64 -d"$DUR" "$origin/healthz")
read -r n_rps n_p99 < <(wrk_run -t2 -c64 -d"$DUR" "http://127.0.0.1:$nport/healthz")
row "GET /healthz, wrk -t2 -c64" "$s_rps rps, p99 $s_p99 ms" "nginx $n_rps rps, p99 $n_p99 ms" "$(ratio "$s_rps" "$n_rps") of nginx"
read -r s_rps s_p99 < <(wrk_run -t2 -c64 -d"$DUR" -s "$lua/auth_get.lua" "$base/Users/$one_id")
read -r n_rps n_p99 < <(wrk_run -t2 -c64 -d"$DUR" "http://127.0.0.1:$nport/user.json")
row "GET /Users/{id} ($(stat -c %s "$www/user.json") B JSON)" "$s_rps rps, p99 $s_p99 ms" "nginx $n_rps rps, p99 $n_p99 ms" "$(ratio "$s_rps" "$n_rps") of nginx"
read -r s_rps s_p99 < <(wrk_run -t2 -c64 -d"$DUR" -s "$lua/auth_get.lua" "$base$filter_path")
read -r n_rps n_p99 < <(wrk_run -t2 -c64 -d"$DUR" "http://127.0.0.1:$nport/filter.json")

# --- the Python peer with the same users
pport=$(freeport)
"$venv/bin/python" "$here/peer_scim2_server.py" "$pport" "$token" "$USERS" > "$work/peer.log" 2>&1 & ppid=$!; pids+=($ppid)
for _ in $(seq 1 600); do grep -q ready "$work/peer.log" 2>/dev/null && break; sleep 0.5; done
read -r p_rps p_p99 < <(wrk_run -t2 -c64 -d"$DUR" --timeout 10s -s "$lua/auth_get.lua" "http://127.0.0.1:$pport/api/v1/scim$filter_path")
kill $ppid 2>/dev/null || true
row "GET /Users?filter=userName eq, $USERS users" "$s_rps rps, p99 $s_p99 ms" "nginx $n_rps; scim2-server $p_rps rps" "$(ratio "$s_rps" "$n_rps") of nginx, $(ratio "$s_rps" "$p_rps") of scim2-server"

read -r s_rps s_p99 < <(wrk_run -t2 -c64 -d"$DUR" -s "$lua/paging.lua" "$base/Users")
row "GET /Users?startIndex=random&count=100" "$s_rps rps, p99 $s_p99 ms" "-" "pages of 100 over $USERS users"

# --- groups: GROUPS_N small groups... and the member PATCH comparison
py user-ids "$base" "$token" "$BIG" > "$work/ids.txt"
head -n 10 "$work/ids.txt" > "$work/ids10.txt"
small=$(py make-group "$base" "$token" "Ten members" "$work/ids10.txt")
big=$(py make-group "$base" "$token" "Big group" "$work/ids.txt")
tail -n 1000 "$work/ids.txt" > "$work/others.txt"
# candidates not in the 10-member group; for the big group, members are re-added after removal
read -r small_med small_p99 < <(py patch-latency "$base" "$token" "$small" "$work/others.txt" 300)
read -r big_med big_p99 < <(py patch-latency "$base" "$token" "$big" "$work/others.txt" 300)
row "PATCH add+remove one member (sequential, fsync'd)" "$BIG members: median $big_med ms" "10 members: median $small_med ms" "$(ratio "$big_med" "$small_med") (target within 2x)"
read -r s_rps s_p99 < <(wrk_run -t2 -c64 -d"$DUR" -s "$lua/auth_get.lua" "$base/Groups?excludedAttributes=members")
row "GET /Groups?excludedAttributes=members" "$s_rps rps, p99 $s_p99 ms" "-" "2 groups, one of $BIG members"

# --- a flood of idle and slow-header connections must not lock a new client out
if [ "$quick" = 1 ]; then flood_args=(--idle 500 --slow 20 --duration 8); else flood_args=(--idle 2000 --slow 50 --duration 25); fi
flood=$(python3 "$here/http_idle_flood.py" "127.0.0.1:$port" "${flood_args[@]}" 2>&1 || true)
flood_lat=$(grep -o 'probe latency ms: .*' <<<"$flood" | sed 's/probe latency ms: //' | head -1)
flood_verdict=$(tail -n 1 <<<"$flood")
row "new client's /healthz under ${flood_args[1]} idle + ${flood_args[3]} slow conns" "${flood_lat:-n/a}" "limit 500 ms" "$flood_verdict"

# --- durable creates at 1, 16, 64 connections
for c in 1 16 64; do
  f0=$(py metric "$origin" scimd_store_fsyncs_total); w0=$(py metric "$origin" scimd_store_records_total)
  read -r c_rps c_p99 < <(wrk_run -t$([ $c = 1 ] && echo 1 || echo 2) -c$c -d"$DUR" -s "$lua/create_users.lua" "$base/Users")
  f1=$(py metric "$origin" scimd_store_fsyncs_total); w1=$(py metric "$origin" scimd_store_records_total)
  per=$(python3 -c "import sys; f,w=float(sys.argv[1]),float(sys.argv[2]); print(f'{f/w:.3f}' if w else 'n/a')" $((f1 - f0)) $((w1 - w0)))
  row "POST /Users acknowledged creates, $c conn" "$c_rps creates/s, p99 $c_p99 ms" "-" "$per fsyncs per write"
done
stop_scimd

# --- start-up and RSS at USERS and MILLION users
measure_start() {  # dir label
  local p; p=$(freeport)
  local t0; t0=$(date +%s%N)
  "$bin" serve --data "$1" --listen "127.0.0.1:$p" --access-log off 2>/dev/null & local sp=$!
  py wait "http://127.0.0.1:$p/healthz" 120 >/dev/null
  local t1; t1=$(date +%s%N)
  local rss; rss=$(py rss $sp)
  kill $sp; wait $sp 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}
read -r st rss < <(measure_start "$data")
row "start-up, $USERS users (+ bench writes)" "$st ms, RSS $rss MiB" "-" "log replay + snapshot load"
big_data="$work/million"
members_per=$(( MILLION / GROUPS_N ))
"$bin" seed --data "$big_data" --users "$MILLION" --groups "$GROUPS_N" --members "$members_per" --integration million >/dev/null 2>&1
t0=$(date +%s%N); "$bin" compact --data "$big_data" >/dev/null 2>&1; t1=$(date +%s%N)
snap_ms=$(( (t1 - t0) / 1000000 ))
read -r st rss < <(measure_start "$big_data")
row "start-up, $MILLION users + $GROUPS_N groups x $members_per" "$st ms, RSS $rss MiB" "target <= 5000 ms, <= 2048 MiB" "data dir $(du -sh "$big_data" | cut -f1)"
row "snapshot (scimd compact), $MILLION users" "$snap_ms ms" "-" "includes open + replay"

printf '\n%-52s | %-24s | %-28s | %s\n' "measure" "scimd" "yardstick (same run)" "note"
printf '%s\n' "$(printf -- '-%.0s' $(seq 1 140))"
printf '%s\n' "${rows[@]}"
exit 0
