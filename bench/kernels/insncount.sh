#!/bin/sh
# insncount.sh BUILD_DIR PLUGIN
#
# Exact executed instructions of one kernel call, reference vs the target's variants, for every
# layer of bench_kernels, on an emulated target (Cortex-M under qemu-system-arm, Linux/Arm under
# qemu-user). PLUGIN is bench/insncount's libqrt_insncount.so from a host build. Each layer and
# table runs twice under the plugin, with one and with two calls (bench_kernels --layer I --table T
# --runs N); the difference is one call, with start-up and data generation cancelled out.
# Prints a markdown table. A benchmark: it never fails on the figures.
#
#   bench/kernels/insncount.sh build-m4 build/bin/libqrt_insncount.so
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR PLUGIN" >&2
  exit 2
fi
build=$1
plugin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
bench=$build/bin/bench_kernels
emulator=$(cat "$build/bench/kernels/emulator.txt")
if [ -z "$emulator" ]; then
  echo "$build is a host build: run $bench for timings instead" >&2
  exit 2
fi

# Instructions of one run of bench_kernels with the given arguments.
count() {
  case "$emulator" in
    *qemu-cortex-m.sh*)
      QRT_QEMU_PLUGIN=$plugin $emulator "$bench" "$@" 2>&1 >/dev/null | sed -n 's/^insns: //p' ;;
    *)
      # shellcheck disable=SC2086
      env -i $emulator -plugin "$plugin" -d plugin "$bench" "$@" 2>&1 >/dev/null |
        sed -n 's/^insns: //p' ;;
  esac
}

target=$(sed -n 's/^target //p' "$build/bench/footprint/footprint-manifest.txt" 2>/dev/null || true)
# shellcheck disable=SC2086
table=$($emulator "$bench" --runs 1 --filter no-such-layer 2>/dev/null |
        sed -n "s/.*kernels '\([^']*\)'.*/\1/p")
echo "instructions per call on ${target:-$build} (QEMU plugin, exact), kernels '$table' vs 'reference'"
echo
echo "| kernel | model | layer | MACs | reference | optimized | speedup | optimized/MAC |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
# shellcheck disable=SC2086
$emulator "$bench" --list 2>/dev/null | while IFS="$(printf '\t')" read -r index kernel model layer macs; do
  r1=$(count --layer "$index" --table reference --runs 1)
  r2=$(count --layer "$index" --table reference --runs 2)
  o1=$(count --layer "$index" --table port --runs 1)
  o2=$(count --layer "$index" --table port --runs 2)
  ref=$((r2 - r1))
  opt=$((o2 - o1))
  awk -v k="$kernel" -v m="$model" -v l="$layer" -v macs="$macs" -v r="$ref" -v o="$opt" 'BEGIN {
    printf "| %s | %s | %s | %d | %d | %d | %.2fx | %.2f |\n", k, m, l, macs, r, o, r / o, o / macs }'
done
