#!/usr/bin/env bash
# What ctest's fuzz.<target> runs: one libFuzzer target for a fixed time over its seeds, in a
# fresh work folder (new inputs and any crash land there, never among the seeds).
# Usage: run-target.sh BINARY SEEDS_DIR WORK_DIR SECONDS
set -euo pipefail
bin=$1 seeds=$2 work=$3 seconds=$4
if [[ -z "$(ls -A "$seeds" 2>/dev/null)" ]]; then
  echo "no seeds in $seeds: the fuzz.seeds test makes them" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work/corpus" "$work/crashes"
# A crash, a leak, a sanitizer report, an input slower than 10 s or over 2 GB ends the run
# with a non-zero status and leaves the input in $work/crashes.
exec "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/" "$work/corpus" "$seeds"
