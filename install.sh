#!/usr/bin/env bash
# Builds scimd as one static binary into dist/ and installs it as a hardened systemd service.
# Idempotent: running it again upgrades the binary and keeps the data.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--no-systemd] [--build-only] [--help]

  Builds dist/scimd (static, stripped) with the Swift toolchain, then, as root:
  installs PREFIX/bin/scimd (default PREFIX /usr/local), creates the system user "scimd" and
  /var/lib/scimd, installs and enables the systemd unit scimd.service.

  --prefix DIR   install under DIR instead of /usr/local (the unit then points there too)
  --no-systemd   install the binary only: no user, no data directory, no unit
  --build-only   build dist/scimd and stop
  --help         this text
USAGE
}

prefix=/usr/local
systemd=1
build_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --no-systemd) systemd=0; shift ;;
    --build-only) build_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ "$(uname -s)" = Linux ] || { echo "install.sh: scimd runs on Linux only (this is $(uname -s))" >&2; exit 1; }
command -v swift >/dev/null 2>&1 || { echo "install.sh: the Swift toolchain (swift) is not on PATH; install Swift 6 from swift.org first" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
echo "install.sh: building the static release binary (this takes a few minutes)"
swift build -c release --product scimd --static-swift-stdlib -Xswiftc -static-executable
bin=$(swift build -c release --product scimd --static-swift-stdlib -Xswiftc -static-executable --show-bin-path)/scimd
mkdir -p dist
cp "$bin" dist/scimd.tmp
strip dist/scimd.tmp 2>/dev/null || true
mv dist/scimd.tmp dist/scimd
if command -v ldd >/dev/null 2>&1 && ldd dist/scimd >/dev/null 2>&1; then
  echo "install.sh: dist/scimd is not static" >&2; exit 1
fi
echo "install.sh: built dist/scimd ($(du -h dist/scimd | cut -f1)), $(dist/scimd --version)"
[ "$build_only" = 1 ] && exit 0

if [ "$systemd" = 1 ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: installing the service needs root (run with sudo, or use --no-systemd --prefix DIR)" >&2; exit 1
fi

install -d -m 0755 "$prefix/bin"
install -m 0755 dist/scimd "$prefix/bin/scimd.new"
mv -f "$prefix/bin/scimd.new" "$prefix/bin/scimd"
echo "install.sh: installed $prefix/bin/scimd"
[ "$systemd" = 1 ] || exit 0

command -v systemctl >/dev/null 2>&1 || { echo "install.sh: systemctl not found; use --no-systemd" >&2; exit 1; }
if ! getent passwd scimd >/dev/null; then
  useradd --system --home-dir /var/lib/scimd --no-create-home --shell /usr/sbin/nologin scimd
  echo "install.sh: created system user scimd"
fi
install -d -m 0700 -o scimd -g scimd /var/lib/scimd
sed "s|/usr/local/bin/scimd|$prefix/bin/scimd|" dist/scimd.service > /etc/systemd/system/scimd.service
chmod 0644 /etc/systemd/system/scimd.service
systemctl daemon-reload
systemctl enable scimd.service >/dev/null
if systemctl is-active --quiet scimd.service; then systemctl restart scimd.service; else systemctl start scimd.service; fi
echo "install.sh: scimd.service enabled and running; its setup link is in: journalctl -u scimd"
