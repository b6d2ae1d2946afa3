#!/bin/sh
# Runs a bare-metal Cortex-M program under qemu-system-arm, as CMAKE_CROSSCOMPILING_EMULATOR for
# ctest and by hand:   toolchains/qemu-cortex-m.sh BOARD program.elf [args...]
#
# - semihosting (target=native): the program's stdout/stderr are ours, it opens host files (tests
#   read QRT_MODELS_DIR), its arguments arrive through the semihosting command line, and main's
#   return value becomes our exit status (SYS_EXIT_EXTENDED); a fault exits with 128+n.
# - -icount shift=0: one instruction = 1 ns of virtual time, so SysTick (qrt_port_cycles) counts
#   instructions deterministically (1 tick = 40 instructions on MPS2, 31.25 on the AN547).
# Environment: QRT_QEMU_TIMEOUT (seconds, default 900) guards against a hang; QRT_QEMU_PLUGIN=path
# loads a TCG plugin (bench/insncount), QRT_QEMU_PLUGIN_ARGS its ",key=value" arguments.
set -e
if [ $# -lt 2 ]; then
  echo "usage: $0 BOARD program.elf [args...]" >&2
  exit 2
fi
board=$1
program=$2
shift 2
# Each argument is one semihosting "arg="; a comma inside a value is written as ",," for QEMU.
semihosting="enable=on,target=native,arg=$(printf '%s' "$program" | sed 's/,/,,/g')"
for a in "$@"; do
  semihosting="$semihosting,arg=$(printf '%s' "$a" | sed 's/,/,,/g')"
done
set -- -M "$board" -nographic -monitor none -serial none -icount shift=0 \
  -semihosting-config "$semihosting" -kernel "$program"
if [ -n "$QRT_QEMU_PLUGIN" ]; then
  set -- "$@" -plugin "$QRT_QEMU_PLUGIN$QRT_QEMU_PLUGIN_ARGS" -d plugin
fi
exec timeout "${QRT_QEMU_TIMEOUT:-900}" qemu-system-arm "$@"
