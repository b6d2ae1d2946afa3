#!/usr/bin/env bash
# Runs every test: the host suite (unit, golden against TFLM/llama2.c, host tools) and, when the
# cross compilers and QEMU are installed, the same suite on aarch64, Cortex-M4 and Cortex-M55 under
# emulation plus Cortex-M3/M7/armhf builds (.ci/cross.sh), then the examples against the installed
# SDKs (.ci/examples.sh). Models come from QRT_MODELS_DIR
# (default: ../shared/models beside the repository). A test that cannot run is reported as
# skipped (never as passed); with QRT_REQUIRE_ALL_TESTS=1 (CI) any skipped test is a failure.
# With QRT_HARDENING=1 (CI) it also runs .ci/hardening.sh: the host suite under ASan + UBSan, the
# device suite with QRT_ERROR_MESSAGES=OFF, and every fuzz target for QRT_FUZZ_SECONDS (60) each.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models=${QRT_MODELS_DIR:-$root/../shared/models}
if [ -d "$models" ]; then models=$(cd "$models" && pwd); else
  echo "run_all: models folder '$models' not found; golden tests will be skipped"; models=""; fi
jobs=${QRT_JOBS:-2}
start=$(date +%s)
cmake -S "$root" -B "$root/build" -DQRT_MODELS_DIR="$models"
cmake --build "$root/build" -j "$jobs"
set +e
ctest --test-dir "$root/build" --output-on-failure -j "$jobs" 2>&1 | tee "$root/build/ctest.log"
ctest_status=${PIPESTATUS[0]}
set -e
[ "$ctest_status" = 0 ] || { echo "run_all: host suite FAILED"; exit 1; }
skipped=$(grep -c '\*\*\*Skipped' "$root/build/ctest.log" || true)
if [ "$skipped" != 0 ]; then
  echo "run_all: $skipped host test(s) SKIPPED (see above)"
  if [ "${QRT_REQUIRE_ALL_TESTS:-0}" = 1 ]; then
    echo "run_all: QRT_REQUIRE_ALL_TESTS=1: a skipped test is a failure"; exit 1
  fi
fi
echo "run_all: host suite passed in $(( $(date +%s) - start )) s ($skipped skipped)"
if command -v arm-none-eabi-g++ >/dev/null && command -v qemu-system-arm >/dev/null &&
   command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64 >/dev/null; then
  # The host build above already made the host tools the cross run needs (qrt, qrt_footprint,
  # the QEMU instruction-count plugin): reuse them.
  host_bin=""
  if [ -x "$root/build/bin/qrt" ] && [ -x "$root/build/bin/qrt_footprint" ]; then host_bin="$root/build/bin"; fi
  # (cross.sh also applies QRT_REQUIRE_ALL_TESTS to each target's skipped tests)
  QRT_MODELS_DIR="$models" QRT_JOBS="$jobs" QRT_HOST_BIN="$host_bin" "$root/.ci/cross.sh"
  # The examples as users build them, outside the tree, against the installed SDKs.
  cross_root=${QRT_CROSS_BUILD_ROOT:-$root/build-cross}
  if [ -n "$models" ] && [ -d "$cross_root/cortex-m4" ] && [ -d "$cross_root/aarch64-linux" ]; then
    QRT_MODELS_DIR="$models" QRT_JOBS="$jobs" "$root/.ci/examples.sh"
  else
    echo "run_all: examples NOT run (they need the models and the cortex-m4 and aarch64 builds)"
    [ "${QRT_REQUIRE_ALL_TESTS:-0}" = 1 ] && { echo "run_all: QRT_REQUIRE_ALL_TESTS=1: failing"; exit 1; }
  fi
else
  echo "run_all: cross targets NOT run (install the packages listed in .ci/run to run them)"
  [ "${QRT_REQUIRE_ALL_TESTS:-0}" = 1 ] && { echo "run_all: QRT_REQUIRE_ALL_TESTS=1: failing"; exit 1; }
fi
if [ "${QRT_HARDENING:-0}" = 1 ]; then
  # Sanitizers, the no-messages build and the fuzz targets (.ci/hardening.sh; needs clang).
  QRT_MODELS_DIR="$models" QRT_JOBS="$jobs" QRT_HOST_BIN="$root/build/bin" "$root/.ci/hardening.sh"
fi
echo "run_all: all passed in $(( $(date +%s) - start )) s"
