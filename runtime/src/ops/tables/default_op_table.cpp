// The library's default operator set: every integer operator. In an object file of its own, so
// that a firmware defining qrt_default_op_table() (QRT_DEFAULT_OP_TABLE, qrt/qrt_ops.h) never
// pulls it, nor through it the operators it does not list.
#include "qrt/qrt_ops.h"

extern "C" const qrt_op_table* qrt_default_op_table(void) { return qrt_integer_op_table(); }
