#!/usr/bin/env bash
# Reading the Outlook profiles out of an offline hive, against hivex's
# reader of the same subtree, measured side by side in one run: the median
# whole-process time of `mapiprof show HIVE` and of `hivexregedit --export
# HIVE PROFILES-KEY` over RUNS runs each (default 30), and the peak memory
# (maximum resident set) of one run of each, beside the hive's size.
# The hive is the first argument, else the 6.5 MB corpus hive with an
# Outlook 16.0 profile; the key is its profile root.
# Usage: bash benches/hive.sh [HIVE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
hive="${1:-../shared/corpus/hives/ntuser_o16_profile_pst_contab.DAT}"
runs="${2:-30}"
key='\SOFTWARE\Microsoft\Office\16.0\Outlook\Profiles'
command -v hivexregedit >/dev/null || { echo "hivexregedit is needed (Debian: libwin-hivex-perl)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed for the peak memory (Debian: time)" >&2; exit 1; }
cargo build --release --quiet
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | median
}
rss_of() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
mapiprof_us=$(time_of ./target/release/mapiprof show "$hive")
hivex_us=$(time_of hivexregedit --export --prefix HKEY_CURRENT_USER "$hive" "$key")
mapiprof_kb=$(rss_of ./target/release/mapiprof show "$hive")
hivex_kb=$(rss_of hivexregedit --export --prefix HKEY_CURRENT_USER "$hive" "$key")
size=$(stat -c %s "$hive")
awk -v m="$mapiprof_us" -v h="$hivex_us" -v mk="$mapiprof_kb" -v hk="$hivex_kb" -v s="$size" -v r="$runs" 'BEGIN {
  printf "hive: %.1f MB; median of %d runs each\n", s / 1e6, r
  printf "mapiprof show:          %7.1f ms, peak %6.1f MB (%.2fx the hive)\n", m / 1000, mk / 1024, mk * 1024 / s
  printf "hivexregedit --export:  %7.1f ms, peak %6.1f MB\n", h / 1000, hk / 1024
  printf "mapiprof is %.1fx faster\n", h / m
}'
