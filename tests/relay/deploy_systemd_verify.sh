#!/usr/bin/env bash
# `systemd-analyze verify` on deploy/systemd/tlsscope-server.service, with the unit's
# /usr/local/bin/tlsscope-server pointed at the built server: any warning fails.
set -euo pipefail
unit=$1 server=$2
command -v systemd-analyze >/dev/null || { echo "no systemd-analyze: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s|/usr/local/bin/tlsscope-server|$server|" "$unit" > "$dir/tlsscope-server.service"
out=$(systemd-analyze verify "$dir/tlsscope-server.service" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
echo "systemd-analyze verify: no complaint"
