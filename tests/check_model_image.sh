#!/usr/bin/env bash
# check_model_image.sh NM SIZE IMAGE ALL_IMAGE PLAN_HEADER BLOB
# Proves that a firmware listing its model's operators (QRT_DEFAULT_OP_TABLE(QRT_PLAN_OPS),
# qrt/qrt_ops.h) links exactly those operator objects, no transformer or float32 code, and that
# its code (.text + .rodata without the embedded model) is at least 20% smaller than the image
# with the library's default table (every integer operator).
set -euo pipefail
nm_tool=$1 size_tool=$2 image=$3 all_image=$4 header=$5 blob=$6
status=0
expected=$(grep '^#define QRT_PLAN_OPS ' "$header" | grep -o 'qrt_op_[a-z0-9_]*' | sort -u)
linked=$("$nm_tool" "$image" | awk '$3 ~ /^qrt_op_/ {print $3}' | sort -u)
if [ "$expected" != "$linked" ]; then
  echo "FAIL $image links operator objects other than its model's:"
  diff <(printf '%s\n' "$expected") <(printf '%s\n' "$linked") | sed 's/^/  /' || true
  status=1
fi
# Symbol names only (argument lists stripped: a parameter type is not code).
other=$("$nm_tool" -C "$image" | sed 's/(.*//' | grep -Ei 'llm|_f32|float' || true)
if [ -n "$other" ]; then
  echo "FAIL $image links transformer or float32 code:"; printf '  %s\n' "$other"; status=1
fi
text() { "$size_tool" "$1" | awk 'NR == 2 {print $1}'; }
code=$(( $(text "$image") - $(stat -c %s "$blob") ))
all=$(text "$all_image")
if [ $((code * 10)) -gt $((all * 8)) ]; then
  echo "FAIL $image: $code bytes of code vs $all with every operator (more than 80%)"; status=1
fi
echo "$(basename "$image"): operators $(echo $linked | tr ' ' ','); code $code B vs $all B with every operator ($((100 - code * 100 / all))% less)"
exit $status
