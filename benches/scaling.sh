#!/usr/bin/env bash
# How time and peak memory grow with the size of one document: `show`,
# `check`, `set`, `diff` and `fmt` on a .reg holding one Outlook profile of
# 5,000 to 40,000 sections (keys) and on a .prf of 12,500 to 100,000 value
# sections, both generated (benches/support, `one_profile` and `prf`) into a
# temporary folder. Every file a command writes is in that folder.
# Prints, for each run, the wall time, the peak resident set (GNU time's %M),
# the file's size and their ratio, then for each command the ratio of the
# largest input's time to the smallest's and the largest RSS/file ratio.
# The targets: 8x the input costs at most 10x the time, and the peak RSS
# stays within 3x the file.
# Usage: bash benches/scaling.sh [reg|prf|all]   (default all)
#   REG_SIZES="5000 10000 20000 40000" PRF_SIZES="12500 25000 50000 100000"
#   BENCH_TIMEOUT=300 (seconds a run may take before it is stopped)
#   MAPIPROF_BIN=path/to/mapiprof (another build to measure, e.g. an older one)
# Needs GNU time as /usr/bin/time (Debian package "time": apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
which_forms="${1:-all}"
reg_sizes="${REG_SIZES:-5000 10000 20000 40000}"
prf_sizes="${PRF_SIZES:-12500 25000 50000 100000}"
limit="${BENCH_TIMEOUT:-300}"
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
cargo build --release --quiet
bin="${MAPIPROF_BIN:-$PWD/target/release/mapiprof}"
work="$(mktemp -d "${TMPDIR:-/tmp}/mapiprof-scaling.XXXXXX")"
trap 'rm -rf "$work"' EXIT
results="$work/results"
: > "$results"

# run LABEL FORM N FILE COMMAND...: time and peak RSS of one run, a row of
# the table and a line of $results
run() {
  local label="$1" form="$2" n="$3" file="$4"
  shift 4
  local start end rc kb secs size
  start=$(date +%s%N)
  rc=0
  # the last line GNU time writes is the figure, whatever the exit code
  kb=$( { /usr/bin/time -f %M timeout "$limit" "$@" 2>&1 >/dev/null || rc=$?; } | tail -n 1 )
  end=$(date +%s%N)
  size=$(stat -c %s "$file")
  if [ "$(( (end - start) / 1000000000 ))" -ge "$limit" ]; then
    secs="timeout"
  else
    secs=$(awk -v d="$(( end - start ))" 'BEGIN { printf "%.3f", d / 1e9 }')
  fi
  awk -v l="$label" -v f="$form" -v n="$n" -v t="$secs" -v k="$kb" -v s="$size" \
    'BEGIN { printf "%-4s %-10s %7d %9s %9.1f %8.1f %7.2f\n",
             f, l, n, t, k * 1024 / 1e6, s / 1e6, k * 1024 / s }'
  echo "$form $label $n $secs $kb $size" >> "$results"
}

# measure FORM N FILE: every command on FILE
measure() {
  local form="$1" n="$2" file="$3"
  local edited="$work/edited.$form" copy="$work/copy.$form"
  run show "$form" "$n" "$file" "$bin" show "$file"
  run check "$form" "$n" "$file" "$bin" check "$file"
  run set "$form" "$n" "$file" "$bin" set "$file" TCPExchangePort=7001 -o "$edited" --quiet
  run set-dry "$form" "$n" "$file" "$bin" set "$file" TCPExchangePort=7001 --dry-run --quiet
  # compare with the edited copy; the one written by set above, else a copy
  [ -s "$edited" ] || cp "$file" "$edited"
  run diff "$form" "$n" "$file" "$bin" diff "$file" "$edited"
  run fmt-check "$form" "$n" "$file" "$bin" fmt --check "$file"
  # fmt rewrites in place: a copy in the temporary folder
  cp "$file" "$copy"
  run fmt "$form" "$n" "$file" "$bin" fmt --in-place "$copy"
  rm -f "$edited" "$copy"
}

# what the process takes before it reads anything (code, libraries, stacks):
# the "net" ratio leaves it out, which matters for the small inputs
base_kb=$( { /usr/bin/time -f %M "$bin" --version 2>&1 >/dev/null; } | tail -n 1 )
echo "baseline: $(awk -v k="$base_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }') MB resident for \`mapiprof --version\`"
printf '%-4s %-10s %7s %9s %9s %8s %7s\n' form command N seconds "RSS MB" "file MB" RSS/file
for form in reg prf; do
  [ "$which_forms" = all ] || [ "$which_forms" = "$form" ] || continue
  if [ "$form" = reg ]; then sizes="$reg_sizes"; else sizes="$prf_sizes"; fi
  for n in $sizes; do
    file="$work/scaling-$n.$form"
    cargo bench --quiet --bench scaling_input -- "$form" "$n" "$file"
    measure "$form" "$n" "$file"
    rm -f "$file"
  done
done

echo
echo "largest/smallest input: time ratio (target <= 10 for 8x the input), worst RSS/file (target <= 3), and without the baseline"
awk -v base="$base_kb" '
  { key = $1 " " $2
    if (!(key in first)) { order[++count] = key; first[key] = $3; tfirst[key] = $4 }
    last[key] = $3; tlast[key] = $4
    r = $5 * 1024 / $6; if (r > worst[key]) worst[key] = r
    net = ($5 - base) * 1024 / $6; if (net > wnet[key]) wnet[key] = net }
  END {
    for (i = 1; i <= count; i++) {
      k = order[i]
      if (tfirst[k] == "timeout" || tlast[k] == "timeout") ratio = "timeout"
      else if (tfirst[k] + 0 == 0) ratio = "n/a"
      else ratio = sprintf("%.1fx", tlast[k] / tfirst[k])
      printf "%-4s %-10s %6dx the input: %8s the time, RSS up to %.2fx the file (%.2fx net)\n",
        substr(k, 1, index(k, " ") - 1), substr(k, index(k, " ") + 1),
        last[k] / first[k], ratio, worst[k], wnet[k]
    }
  }' "$results"
