#!/usr/bin/env bash
# The hardening cells of CI (tests/run_all.sh runs them under QRT_HARDENING=1, as .ci/run does):
#   1. the whole host suite built with clang under AddressSanitizer + UndefinedBehaviorSanitizer
#      (-fno-sanitize-recover: any report fails its test);
#   2. the device libraries and device tests built with QRT_ERROR_MESSAGES=OFF (the smallest
#      configuration firmware uses);
#   3. every libFuzzer target of tests/fuzz for QRT_FUZZ_SECONDS (default 60) each (.ci/fuzz.sh).
# Environment: QRT_MODELS_DIR, QRT_JOBS (default 2), QRT_HOST_BIN (a host build's bin/ with qrt,
# which the no-messages build uses to convert the shared models).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${QRT_JOBS:-2}
models=${QRT_MODELS_DIR:-}
failed=0
cell() {  # cell NAME BUILD_DIR CMAKE_ARGS...: configure, build, ctest; one summary line
  local name=$1 dir=$2
  shift 2
  local start log="$dir.log" status=ok
  start=$(date +%s)
  if ! cmake -S "$root" -B "$dir" -G Ninja "$@" >"$log" 2>&1; then status="configure failed"
  elif ! ninja -C "$dir" -j "$jobs" >>"$log" 2>&1; then status="build failed"
  elif ! ctest --test-dir "$dir" -j "$jobs" --output-on-failure >>"$log" 2>&1; then status="tests failed"
  elif grep -q '\*\*\*Skipped' "$log"; then status="tests skipped"
  fi
  echo "hardening: $name: $status ($(( $(date +%s) - start )) s; $(grep -E 'tests passed' "$log" | tail -1))"
  if [ "$status" != ok ]; then
    failed=1
    tail -60 "$log"
  fi
}
host_cli=""
[ -n "${QRT_HOST_BIN:-}" ] && [ -x "$QRT_HOST_BIN/qrt" ] && host_cli=$QRT_HOST_BIN/qrt
CC=clang CXX=clang++ cell "asan+ubsan host suite" "$root/build-asan" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQRT_SANITIZE=address,undefined -DQRT_MODELS_DIR="$models"
cell "QRT_ERROR_MESSAGES=OFF device suite" "$root/build-nomsg" \
  -DQRT_ERROR_MESSAGES=OFF -DQRT_BUILD_HOST_TOOLS=OFF -DQRT_MODELS_DIR="$models" \
  -DQRT_HOST_QRT_CLI="$host_cli"
if ! QRT_MODELS_DIR="$models" QRT_JOBS="$jobs" "$root/.ci/fuzz.sh"; then failed=1; fi
exit $failed
