#!/usr/bin/env bash
# Cross targets in CI: for each target, configure + build in its own build folder and run the test
# suite under QEMU with ctest (toolchains/*.cmake set the emulator). Called by .ci/run.
#
#   full  : every test (aarch64 and armhf under qemu-user; Cortex-M4 and Cortex-M55 under
#           qemu-system-arm)
#   smoke : build everything, run the port tests, the shared models from flash (golden outputs
#           and the host-vs-device plan check) and the loader's trust-boundary tests (corrupted
#           blobs, region limits, the firmware's own operator table) only (Cortex-M3, Cortex-M7)
#
# Then it prints the footprint and instruction-count tables of every target (bench/footprint) and
# writes them as JSON to build-cross/footprint.json.
#
# Environment: QRT_MODELS_DIR (default: ../shared/models beside the repository, if present),
# QRT_CROSS_TARGETS (default below; "name:mode" words), QRT_CROSS_BUILD_ROOT (default build-cross/),
# QRT_HOST_BIN (a host build's bin/ with qrt, qrt_footprint and libqrt_insncount.so, to skip the
# small host build made here), QRT_JOBS (default 2), QRT_REQUIRE_ALL_TESTS (1: a skipped test
# fails its target). Exits non-zero if anything fails.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
models=${QRT_MODELS_DIR:-}
if [ -z "$models" ] && [ -d "$root/../shared/models" ]; then
  models=$(cd "$root/../shared/models" && pwd)
fi
build_root=${QRT_CROSS_BUILD_ROOT:-$root/build-cross}
jobs=${QRT_JOBS:-2}
targets=${QRT_CROSS_TARGETS:-"aarch64-linux:full cortex-m4:full cortex-m55:full cortex-m3:smoke cortex-m7:smoke armhf-linux:full"}
smoke_tests='^(test_port|test_port_cortex_m|port_fault_.*|test_model_.*|test_llama_parity|test_plan_target|test_blob_corruption|test_blob_limits|test_default_op_table)$'

echo "cross: models dir '${models}', build root $build_root, $jobs jobs"
summary=()
built=()  # build folders that built (their footprint images exist)
failed=0
total_start=$(date +%s)
mkdir -p "$build_root"

# Host tools the cross builds use: `qrt` converts the shared models to .qrt blobs that the cross
# tests and footprint images link into flash; qrt_footprint and the QEMU plugin make the footprint
# report. QRT_HOST_BIN may name a host build's bin/ that has them; otherwise a small host build of
# just these targets is made here.
host_bin=${QRT_HOST_BIN:-}
if [ -z "$host_bin" ]; then
  start=$(date +%s)
  host_tools=$build_root/host-tools
  echo "=== host tools (qrt, qrt_footprint, libqrt_insncount.so)"
  if cmake -S "$root" -B "$host_tools" -G Ninja -DQRT_BUILD_TESTS=OFF >"$build_root/host-tools.log" 2>&1 &&
     ninja -C "$host_tools" -j "$jobs" qrt_cli qrt_footprint qrt_insncount >>"$build_root/host-tools.log" 2>&1; then
    host_bin=$host_tools/bin
    status=ok
  else
    failed=1
    status="build failed"
    echo "--- host tools: build failed; last lines of $build_root/host-tools.log:"
    tail -40 "$build_root/host-tools.log"
  fi
  printf -v line '%-14s %-6s %-16s %5ss' host-tools build "$status" $(( $(date +%s) - start ))
  echo "$line"
  summary+=("$line")
fi
host_cli=
[ -n "$host_bin" ] && [ -x "$host_bin/qrt" ] && host_cli=$host_bin/qrt
for entry in $targets; do
  target=${entry%%:*}
  mode=${entry#*:}
  dir=$build_root/$target
  log=$build_root/$target.log
  mkdir -p "$build_root"
  start=$(date +%s)
  status=ok
  echo "=== $target ($mode)"
  if ! cmake -S "$root" -B "$dir" -G Ninja --toolchain "$root/toolchains/$target.cmake" \
       -DQRT_MODELS_DIR="$models" -DQRT_HOST_QRT_CLI="$host_cli" >"$log" 2>&1; then
    status="configure failed"
  elif ! ninja -C "$dir" -j "$jobs" >>"$log" 2>&1; then
    status="build failed"
  else
    filter=()
    [ "$mode" = smoke ] && filter=(-R "$smoke_tests")
    if ! ctest --test-dir "$dir" -j "$jobs" --output-on-failure "${filter[@]}" >>"$log" 2>&1; then
      status="tests failed"
    elif [ "${QRT_REQUIRE_ALL_TESTS:-0}" = 1 ] && grep -q '\*\*\*Skipped' "$log"; then
      status="tests skipped"  # CI: every test must run
    fi
  fi
  case $status in ok | "tests failed" | "tests skipped") built+=("$dir") ;; esac
  seconds=$(( $(date +%s) - start ))
  tests_line=$(grep -E "tests passed|No tests were found" "$log" | tail -1)
  skipped_count=$(grep -c '\*\*\*Skipped' "$log" || true)
  [ "$skipped_count" != 0 ] && tests_line="$tests_line, $skipped_count skipped"
  if [ "$status" != ok ]; then
    failed=1
    echo "--- $target: $status; last lines of $log:"
    tail -40 "$log"
  fi
  printf -v line '%-14s %-6s %-16s %5ss  %s' "$target" "$mode" "$status" "$seconds" "$tests_line"
  echo "$line"
  summary+=("$line")
done
# Footprint and instruction-count tables from the images every target built (bench/footprint).
fp_start=$(date +%s)
fp_dirs=()
for dir in "${built[@]}"; do
  [ -f "$dir/bench/footprint/footprint-manifest.txt" ] && fp_dirs+=("$dir")
done
if [ ${#fp_dirs[@]} -gt 0 ] && [ -n "$host_bin" ]; then
  echo "=== footprint (${fp_dirs[*]##*/})"
  if "$host_bin/qrt_footprint" --json "$build_root/footprint.json" \
        --insncount "$host_bin/libqrt_insncount.so" "${fp_dirs[@]}" >"$build_root/footprint.md" 2>"$build_root/footprint.log"; then
    cat "$build_root/footprint.md"
    echo "(JSON: $build_root/footprint.json)"
    summary+=("$(printf '%-14s %-6s %-16s %5ss' footprint report ok $(( $(date +%s) - fp_start )))")
  else
    failed=1
    echo "--- footprint failed; last lines of $build_root/footprint.log:"
    tail -40 "$build_root/footprint.log"
    summary+=("$(printf '%-14s %-6s %-16s %5ss' footprint report failed $(( $(date +%s) - fp_start )))")
  fi
fi

echo
echo "cross summary (target, mode, status, wall time, ctest):"
printf '%s\n' "${summary[@]}"
echo "cross total: $(( $(date +%s) - total_start ))s"
exit $failed
