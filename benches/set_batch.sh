#!/usr/bin/env bash
# Files per second for `mapiprof set` over 5,000 small exports, in place.
# Usage: bash benches/set_batch.sh [FILES]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-5000}"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/exports"
for i in $(seq -w 1 "$count"); do
  cp samples/reg/o2007_wms_proxy_dialog_port.reg "$work/exports/desk$i.reg"
done
start=$(date +%s.%N)
./target/release/mapiprof set "$work/exports" --recursive \
  RPCProxyServer=mail.example.com:44300 --in-place --quiet
end=$(date +%s.%N)
awk -v n="$count" -v s="$start" -v e="$end" -v cpus="$(nproc)" \
  'BEGIN { t = e - s; printf "%d files in %.3f s: %.0f files/s (%d cores)\n", n, t, n / t, cpus }'
