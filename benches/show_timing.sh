#!/usr/bin/env bash
# Whole-process time of `mapiprof show --sort` (the git textconv) on an export
# of about 100 KB, made from a sample profile repeated under other names.
# Prints the median of RUNS runs (default 50).
# Usage: bash benches/show_timing.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the sample without its header, as UTF-8, repeated with other profile names
body="$(iconv -f UTF-16LE -t UTF-8 samples/reg/o16_exchange_outlook_anywhere.reg | tail -n +2)"
{
  printf 'Windows Registry Editor Version 5.00\r\n'
  for i in $(seq -w 1 13); do
    printf '%s\r\n' "${body//Profiles\\Outlook/Profiles\\Desk$i}"
  done
} | iconv -f UTF-8 -t UTF-16LE > "$work/body.reg"
{ printf '\xff\xfe'; cat "$work/body.reg"; } > "$work/export.reg"
size=$(stat -c %s "$work/export.reg")
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ./target/release/mapiprof show --sort "$work/export.reg" > /dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v s="$size" -v m="$median" -v r="$runs" \
  'BEGIN { printf "show --sort on %.0f KB: median %.2f ms over %d runs\n", s / 1000, m / 1000, r }'
