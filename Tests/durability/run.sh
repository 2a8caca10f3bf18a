#!/usr/bin/env bash
# The durability tests with CI-sized defaults: kill -9 loops (without and with small snapshots)
# and the corruption matrix. Usage: Tests/durability/run.sh SCIMD_BINARY [SEED]
# About 3 minutes with a debug build on 2 busy cores; exits non-zero if any part fails.
set -uo pipefail
if [ $# -lt 1 ]; then echo "usage: $0 SCIMD_BINARY [SEED]"; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
seed=${2:-$(( (RANDOM << 15) | RANDOM ))}
status=0
echo "== kill -9 loop, default snapshot size (seed $seed)"
python3 "$here/kill9.py" "$bin" "${KILL9_ROUNDS:-20}" "$seed" || status=1
echo "== kill -9 loop, --snapshot-bytes 65536 (kills land while snapshots are written)"
python3 "$here/kill9.py" "$bin" "${KILL9_SNAPSHOT_ROUNDS:-20}" "$((seed + 1))" --snapshot-bytes 65536 || status=1
echo "== corruption matrix"
"$here/corruption.sh" "$bin" "${CORRUPTION_CUTS:-2000}" 50 60 "$seed" || status=1
exit $status
