#!/usr/bin/env bash
# The examples (ports/examples) built and run as a user's project would, from a folder outside the
# source tree, against the SDKs that `cmake --install` makes of the host build and of the
# cross builds .ci/cross.sh left in build-cross/ (called by tests/run_all.sh after them):
#   (a) Cortex-M4 firmware via find_package(qrt): person_detect under QEMU, scores = TFLM's golden
#   (b) the same firmware via add_subdirectory(qrt), the host qrt built automatically
#   (c) aarch64 Linux program via find_package(qrt) under qemu-aarch64, and the host program
#   (d) on-device acceptance in a Cortex-M4 firmware: the bundled Fashion-MNIST check, PASS
#   and a C program built against the host SDK with pkg-config (qrt.pc)
# Environment: QRT_MODELS_DIR (default ../shared/models), QRT_CROSS_BUILD_ROOT (build-cross/),
# QRT_JOBS (2). Exits non-zero when an example does not build, run or print what it must.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models=$(cd "${QRT_MODELS_DIR:-$root/../shared/models}" && pwd)
cross=${QRT_CROSS_BUILD_ROOT:-$root/build-cross}
jobs=${QRT_JOBS:-2}
work=$(mktemp -d /tmp/qrt-examples.XXXXXX)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
ex=$root/ports/examples
golden=$models/golden/tflm/person_detect_outputs.txt
expected=$(awk '$1 == "person" || $1 == "no_person" { print $1 " notperson " $2 " person " $3 }' "$golden")
person_args=(-DPERSON_DETECT_MODEL="$models/tflm/person_detection/person_detect.tflite"
             -DPERSON_IMAGE="$models/golden/tflm/person_detect_input_person.i8"
             -DNO_PERSON_IMAGE="$models/golden/tflm/person_detect_input_no_person.i8")
qemu_m4=(timeout 300 qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none
         -semihosting-config enable=on,target=native -kernel)

sdk() {  # sdk NAME BUILD_DIR: installs that build's SDK into $work/sdk-NAME
  cmake --install "$2" --prefix "$work/sdk-$1" >"$work/install-$1.log" 2>&1 ||
    { cat "$work/install-$1.log"; echo "examples: installing the $1 SDK FAILED"; exit 1; }
}
build() {  # build DIR SOURCE [cmake args...]
  local dir=$1 source=$2; shift 2
  if ! { cmake -S "$source" -B "$dir" -G Ninja "$@" && cmake --build "$dir" -j "$jobs"; } >"$dir.log" 2>&1; then
    tail -30 "$dir.log"; echo "examples: building $(basename "$dir") FAILED"; exit 1
  fi
}
check_scores() {  # check_scores NAME OUTPUT
  if [ "$(printf '%s\n' "$2" | grep notperson)" != "$expected" ]; then
    printf '%s\n' "$2"; echo "examples: $1 does not print TFLM's golden scores:"; echo "$expected"; exit 1
  fi
  echo "examples: $1: $(printf '%s\n' "$2" | tr '\n' ';')"
}

sdk host "$root/build"
sdk cortex-m4 "$cross/cortex-m4"
sdk aarch64 "$cross/aarch64-linux"
m4=(--toolchain "$root/toolchains/cortex-m4.cmake")

build "$work/a-m4-find-package" "$ex/person_detect" "${m4[@]}" -DCMAKE_PREFIX_PATH="$work/sdk-cortex-m4" "${person_args[@]}"
check_scores "(a) cortex-m4 find_package" "$("${qemu_m4[@]}" "$work/a-m4-find-package/person_detect" 2>&1)"

build "$work/b-m4-add-subdirectory" "$ex/person_detect" "${m4[@]}" -DQRT_SOURCE_DIR="$root" "${person_args[@]}"
grep -q "Completed 'qrt_host_qrt'" "$work/b-m4-add-subdirectory.log" ||
  { echo "examples: (b) did not build its own host qrt"; exit 1; }
check_scores "(b) cortex-m4 add_subdirectory" "$("${qemu_m4[@]}" "$work/b-m4-add-subdirectory/person_detect" 2>&1)"

build "$work/c-aarch64" "$ex/person_detect" --toolchain "$root/toolchains/aarch64-linux.cmake" \
  -DCMAKE_PREFIX_PATH="$work/sdk-aarch64" "${person_args[@]}"
check_scores "(c) aarch64 linux" "$(qemu-aarch64 -L /usr/aarch64-linux-gnu "$work/c-aarch64/person_detect")"
build "$work/c-host" "$ex/person_detect" -DCMAKE_PREFIX_PATH="$work/sdk-host" "${person_args[@]}"
check_scores "(c) host" "$("$work/c-host/person_detect")"

# pkg-config: a C program against the host SDK without CMake.
if command -v pkg-config >/dev/null; then
  flags=$(PKG_CONFIG_PATH="$work/sdk-host/lib/pkgconfig" pkg-config --static --cflags --libs qrt)
  cc -o "$work/pkg-config-app" "$root/tests/integration/add_subdirectory/main.c" $flags ||
    { echo "examples: building against qrt.pc FAILED"; exit 1; }
  out=$("$work/pkg-config-app") || { echo "examples: the pkg-config program FAILED"; exit 1; }
  echo "examples: pkg-config host program: $out"
else
  echo "examples: pkg-config not installed: the qrt.pc check NOT run"
  [ "${QRT_REQUIRE_ALL_TESTS:-0}" = 1 ] && { echo "examples: QRT_REQUIRE_ALL_TESTS=1: failing"; exit 1; }
fi

fashion=$root/models/fashion_mnist
build "$work/d-m4-accept" "$ex/accept_fashion" "${m4[@]}" -DCMAKE_PREFIX_PATH="$work/sdk-cortex-m4" \
  -DMODEL="$fashion/fashion_cnn_int8.qrt" -DFLOAT_MODEL="$fashion/fashion_cnn_f32.qrt" \
  -DEVAL_SET="$fashion/fashion_test_500.qev" -DCRITERIA="$fashion/criteria.txt" -DMAX_UNITS=200
set +e
report=$("${qemu_m4[@]}" "$work/d-m4-accept/accept_fashion" 2>&1)
status=$?
set -e
if [ "$status" != 0 ] || ! printf '%s\n' "$report" | grep -q '^RESULT: PASS$'; then
  printf '%s\n' "$report"; echo "examples: (d) on-device acceptance did not PASS (status $status)"; exit 1
fi
echo "examples: (d) cortex-m4 acceptance: $(printf '%s\n' "$report" | grep -E '^(top-1 accuracy|speedup|RESULT)' | tr -s ' ' | tr '\n' ';')"
echo "examples: all passed in $(( $(date +%s) - start )) s"
