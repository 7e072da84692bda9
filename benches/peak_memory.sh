#!/usr/bin/env bash
# Peak memory (maximum resident set, GNU time's %M) of the binary on the
# generated export of the throughput benchmark (30 MB UTF-16LE by default),
# for the commands that read a whole export, beside the file's size.
# Usage: bash benches/peak_memory.sh [MB]
# Needs GNU time as /usr/bin/time (Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-30}"
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo bench --quiet --bench export_file -- "$work/export.reg" "$mb"
size=$(stat -c %s "$work/export.reg")
bin=./target/release/mapiprof

measure() {
  local label="$1"
  shift
  local kb
  # the last line GNU time writes is the figure, whatever the exit code
  kb=$( { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -n 1 )
  awk -v l="$label" -v k="$kb" -v s="$size" \
    'BEGIN { printf "%-34s %6.1f MB  %.2fx the file\n", l, k * 1024 / 1e6, k * 1024 / s }'
}

printf 'export: %.1f MB\n' "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')"
measure "show" "$bin" show "$work/export.reg"
measure "show --sort" "$bin" show --sort "$work/export.reg"
measure "convert --to yaml" "$bin" convert "$work/export.reg" --to yaml -o "$work/out.yaml"
measure "convert --to reg" "$bin" convert "$work/export.reg" --to reg -o "$work/out.reg"
measure "convert YAML --to reg" "$bin" convert "$work/out.yaml" --to reg -o "$work/back.reg"
measure "fmt --check" "$bin" fmt --check "$work/export.reg"
measure "set (one value, in place)" "$bin" set "$work/export.reg" \
  RPCProxyServer=mail.example.com:44300 --in-place --quiet
