#!/usr/bin/env bash
# Files per second and peak memory of `mapiprof inventory` over a fleet of
# COUNT copies (default 5000) of one ~100 KB Regedit export (UTF-16 LE, a
# full Exchange profile padded with sections of 1 KB binary values, as
# a real profile's client and store sections hold), on 2 cores (taskset, RAYON_NUM_THREADS=2).
# The peak memory is measured for a tenth of the fleet too: rows are
# streamed, so it should not grow with the number of files.
# Usage: bash benches/inventory.sh [COUNT] [ROUNDS]   (default 5000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-5000}"
rounds="${2:-3}"
[ -x /usr/bin/time ] || { echo "GNU time is needed for the peak memory (Debian: time)" >&2; exit 1; }
cargo build --release --quiet
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/mapiprof-inventory.XXXXXX")"
trap 'rm -rf "$work"' EXIT
one="$work/export.reg"
# the sample export, then sections of 1 KB binary values up to ~100 KB
perl -e '
  use strict; use warnings;
  open(my $in, "<:raw", $ARGV[0]) or die; local $/; my $raw = <$in>; close $in;
  my $text = join("", map { chr } unpack("v*", $raw)); $text =~ s/^\x{feff}//;
  my $root = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook";
  my $n = 0;
  while (length($text) * 2 < 100_000) {
    my $uid = sprintf("%032x", 0xabc000 + $n++);
    my @bytes = map { sprintf("%02x", ($_ * 7 + $n) % 256) } 0 .. 1023;
    my $hex = join(",", @bytes);
    $hex =~ s/(.{75},)/$1\\\r\n  /g;
    my $tag = sprintf("0102%04x", 0x0600 + $n);
    $text .= "[$root\\$uid]\r\n\"$tag\"=hex:$hex\r\n\r\n";
  }
  open(my $out, ">:raw", $ARGV[1]) or die;
  print $out "\xff\xfe", pack("v*", map { ord } split //, $text);
' samples/reg/o16_exchange_outlook_anywhere.reg "$one"
mkdir -p "$work/fleet"
for i in $(seq -w 1 "$count"); do cp "$one" "$work/fleet/desk$i.reg"; done
mkdir -p "$work/tenth"
for i in $(seq -w 1 $(( count / 10 ))); do cp "$one" "$work/tenth/desk$i.reg"; done
sync
run() { RAYON_NUM_THREADS=2 taskset -c 0,1 ./target/release/mapiprof inventory "$1" -r -q > "$work/out.csv"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rates=()
for r in $(seq "$rounds"); do
  start=$(date +%s%N); run "$work/fleet"; end=$(date +%s%N)
  rate=$(( count * 1000000000 / (end - start) ))
  echo "round $r: $rate files/s"
  rates+=("$rate")
done
rows=$(( $(wc -l < "$work/out.csv") - 1 ))
peak=$(RAYON_NUM_THREADS=2 /usr/bin/time -f %M taskset -c 0,1 ./target/release/mapiprof inventory "$work/fleet" -r -q 2>&1 >/dev/null | tail -1)
tenth=$(RAYON_NUM_THREADS=2 /usr/bin/time -f %M taskset -c 0,1 ./target/release/mapiprof inventory "$work/tenth" -r -q 2>&1 >/dev/null | tail -1)
size=$(stat -c %s "$one")
echo "export: $size bytes; $count files, $rows rows"
echo "median: $(printf '%s\n' "${rates[@]}" | median) files/s on 2 cores"
echo "peak memory: $(( peak / 1024 )) MB for $count files, $(( tenth / 1024 )) MB for $(( count / 10 ))"
