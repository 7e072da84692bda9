#!/usr/bin/env bash
# Files per second for `mapiprof set` over 5,000 small exports, in place,
# beside the floor of the file system: the same number of files replaced the
# same way (written to a temporary sibling, renamed over the file) by a perl
# loop that does nothing else. The files are copied afresh before each round
# (untimed); prints every round and the medians.
# Usage: bash benches/set_batch.sh [FILES] [ROUNDS]   (default 5000 5)
# BENCH_DIR=/dev/shm bash benches/set_batch.sh   runs it on another file system.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-5000}"
rounds="${2:-5}"
cargo build --release --quiet
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/mapiprof-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sample=samples/reg/o2007_wms_proxy_dialog_port.reg

fresh() {
  rm -rf "$work/exports"
  mkdir -p "$work/exports"
  for i in $(seq -w 1 "$count"); do
    cp "$sample" "$work/exports/desk$i.reg"
  done
  sync
}

# files/s of the command in "$@"
timed() {
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(( count * 1000000000 / (end - start) ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

floor_loop() {
  perl -e 'for my $f (@ARGV) {
      open(my $in, "<:raw", $f) or die; local $/; my $b = <$in>; close $in;
      open(my $out, ">:raw", "$f.tmp") or die; print $out $b; close $out or die;
      rename("$f.tmp", $f) or die }' "$work"/exports/*.reg
}

ours=()
floor=()
for round in $(seq "$rounds"); do
  fresh
  rate=$(timed ./target/release/mapiprof set "$work/exports" --recursive \
    RPCProxyServer=mail.example.com:44300 --in-place --quiet)
  ours+=("$rate")
  fresh
  base=$(timed floor_loop)
  floor+=("$base")
  echo "round $round: mapiprof set $rate files/s, bare replace $base files/s"
done
echo "median over $rounds rounds of $count files ($(nproc) cores):" \
  "mapiprof set $(printf '%s\n' "${ours[@]}" | median) files/s," \
  "bare replace $(printf '%s\n' "${floor[@]}" | median) files/s"
