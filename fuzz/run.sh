#!/usr/bin/env bash
# Run one fuzz target for a bounded time, seeded with the samples (and the
# shared corpus when it is beside the project).
# Usage: bash fuzz/run.sh TARGET SECONDS [libFuzzer options…]
set -euo pipefail
cd "$(dirname "$0")"
target="$1"
seconds="${2:-60}"
shift 2 || shift $#
seeds="corpus/$target"
mkdir -p "$seeds"
case "$target" in
  reg_reader|migrate) exts="reg" ;;
  prf_reader) exts="prf" ;;
  yaml_reader) exts="yaml" ;;
  hive_reader) exts="dat" ;;
  *) exts="" ;;
esac
for ext in $exts; do
  find ../samples ../../shared/corpus -iname "*.$ext" -type f 2>/dev/null | while read -r f; do
    cp "$f" "$seeds/seed-$(basename "$f")"
  done
done
if [ "$target" = hive_reader ]; then
  # a dirty hive with its first log, read with the log (the last byte says so)
  dirty=../../shared/corpus/hives/ntuser_dirty_with_logs.DAT
  if [ -f "$dirty" ] && [ -f "$dirty.LOG1" ]; then
    { cat "$dirty" "$dirty.LOG1"; printf '\002'; } > "$seeds/seed-dirty-with-log1"
  fi
fi
if [ "$target" = yaml_reader ]; then
  for f in ../samples/reg/*.reg ../samples/prf/*.prf; do
    case "$f" in *err_*) continue ;; esac
    if [ -x ../target/debug/mapiprof ]; then
      ../target/debug/mapiprof show "$f" > "$seeds/seed-$(basename "$f").yaml" 2>/dev/null || true
    else
      cargo run --quiet --manifest-path ../Cargo.toml -- show "$f" > "$seeds/seed-$(basename "$f").yaml" 2>/dev/null || true
    fi
  done
fi
cargo +nightly fuzz run "$target" "$seeds" -- -max_total_time="$seconds" -print_final_stats=1 "$@" 2>&1 | tail -25
