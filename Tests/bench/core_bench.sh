#!/usr/bin/env bash
# SCIM core micro-benchmarks (JSON parse/serialize MB/s, filter parse+evaluate per second, one-member
# PATCH on a 10- vs a 100,000-member group) on the release binary. Prints a table.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SCIMD_BIN:-}
if [ -z "$bin" ]; then (cd "$root" && ./install.sh --build-only >/dev/null); bin=$root/dist/scimd; fi
"$bin" bench-core
