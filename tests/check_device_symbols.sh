#!/usr/bin/env bash
# check_device_symbols.sh NM OBJDUMP ARCHIVE...
# Proves from the archives themselves that the device libraries use no heap, no exceptions, no
# RTTI and no mutable globals: no undefined reference to malloc/free/new/delete, to the C++
# exception runtime or to typeinfo, and no symbol in .data or .bss.
set -euo pipefail
nm_tool=$1
objdump_tool=$2
shift 2
status=0
for archive in "$@"; do
  undefined=$("$nm_tool" -u "$archive" 2>/dev/null | awk '{print $NF}' | sort -u)
  bad=$(printf '%s\n' "$undefined" | grep -E '^(malloc|calloc|realloc|free|_Zn[wa][jm]|_Zd[la]Pv|__cxa_throw|__cxa_allocate_exception|__cxa_begin_catch|__gxx_personality_v0|_Unwind_Resume|__cxa_guard_acquire|_ZTI|__dynamic_cast|__cxa_atexit|atexit)' || true)
  # Objects in writable sections: .data / .bss / COMMON, but not .data.rel.ro (constant tables of
  # pointers, read-only after relocation in position-independent code).
  writable=$("$objdump_tool" -t "$archive" 2>/dev/null | awk -F'\t' '
      / O / { n = split($1, f, " "); sec = f[n]; split($2, g, " ");
              if (sec ~ /^(\.data|\.bss|\.sdata|\.sbss|\*COM\*)/ && sec !~ /^\.data\.rel\.ro/) print g[2] }' | sort -u || true)
  if [ -n "$bad" ]; then
    echo "FAIL $archive references heap / exception / RTTI symbols:"; printf '  %s\n' $bad; status=1
  fi
  if [ -n "$writable" ]; then
    echo "FAIL $archive defines mutable globals (.data/.bss):"; printf '  %s\n' $writable; status=1
  fi
  [ -z "$bad" ] && [ -z "$writable" ] && echo "ok   $archive: no heap, exception, RTTI or mutable-global symbols"
done
exit $status
