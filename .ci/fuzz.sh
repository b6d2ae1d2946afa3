#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan, coverage-instrumented), makes
# their seed corpora, runs each for QRT_FUZZ_SECONDS (default 60), QRT_JOBS at a time, and prints
# a table: target, seconds, executions, coverage (edges), corpus, findings (QRT_FUZZ_TARGETS picks
# a subset of the targets). Exits non-zero on any
# finding (crash, sanitizer report, timeout, out of memory): the reproducer is left in
# build-fuzz/artifacts/<target>/. Called by tests/run_all.sh under QRT_HARDENING=1.
# Every run starts from the seeds with -seed=1, so a CI run of 60 s replays the first minute of
# the longer runs made before landing (the same mutations in the same order on this machine kind).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QRT_FUZZ_BUILD:-$root/build-fuzz}
seconds=${QRT_FUZZ_SECONDS:-60}
jobs=${QRT_JOBS:-2}
models=${QRT_MODELS_DIR:-}
echo "=== fuzz: build ($dir)"
if ! CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DQRT_SANITIZE=address,undefined -DQRT_BUILD_FUZZERS=ON -DQRT_MODELS_DIR="$models" \
       >"$dir.log" 2>&1 || ! ninja -C "$dir" -j "$jobs" fuzzers >>"$dir.log" 2>&1; then
  echo "fuzz: build failed; last lines of $dir.log:"; tail -40 "$dir.log"; exit 1
fi
targets=${QRT_FUZZ_TARGETS:-$(ls "$dir/fuzz")}  # QRT_FUZZ_TARGETS: a subset, space-separated
run_one() {
  local t=$1 corpus=$dir/corpus/$1 art=$dir/artifacts/$1/
  rm -rf "$corpus" "$art"; mkdir -p "$corpus" "$art"
  cp -r "$dir/fuzz-seeds/$t/." "$corpus/" 2>/dev/null || true
  # A finding exits non-zero and leaves crash-*/timeout-*/oom-* in $art.
  "$dir/fuzz/$t" "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -seed=1 -print_final_stats=1 -artifact_prefix="$art" >"$dir/logs/$t.log" 2>&1
  echo $? >"$dir/logs/$t.status"
}
mkdir -p "$dir/logs"
echo "=== fuzz: $(echo $targets | wc -w) targets, ${seconds}s each, $jobs at a time"
running=0
for t in $targets; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
failed=0
echo
echo "| target | seconds | executions | coverage (edges) | corpus | findings |"
echo "|---|---:|---:|---:|---:|---|"
for t in $targets; do
  log=$dir/logs/$t.log
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  corp=$(grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
  findings=$(ls "$dir/artifacts/$t" 2>/dev/null | wc -l)
  status=$(cat "$dir/logs/$t.status")
  verdict=none
  if [ "$status" != 0 ] || [ "$findings" != 0 ]; then
    verdict="FOUND (status $status, $(ls "$dir/artifacts/$t" | tr '\n' ' '))"
    failed=1
  fi
  echo "| $t | $seconds | ${runs:-?} | ${cov:-?} | ${corp:-?} | $verdict |"
done
if [ "$failed" != 0 ]; then
  echo "fuzz: FINDINGS (logs in $dir/logs, reproducers in $dir/artifacts)"
  for t in $targets; do
    [ "$(cat "$dir/logs/$t.status")" != 0 ] && { echo "--- $t"; grep -A12 -m1 "ERROR\|==ERROR\|runtime error\|deadly signal\|Abort" "$dir/logs/$t.log" | head -30; }
  done
fi
exit $failed
