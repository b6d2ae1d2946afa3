/* Uses the C API as a firmware would: a blob that is not one must be refused with a status and
 * a message, and the operator tables of both archives must be reachable. */
#include <stdio.h>
#include <string.h>

#include "qrt/qrt.h"
#include "qrt/qrt_float.h"
#include "qrt/qrt_ops.h"

int main(void) {
  static const unsigned char not_a_blob[64] = {0};
  qrt_memory_report plan;
  qrt_error err;
  memset(&err, 0, sizeof err);
  const qrt_status s = qrt_plan_memory(not_a_blob, sizeof not_a_blob, NULL, &plan, &err);
  if (s == QRT_OK || qrt_integer_op_table() == NULL || qrt_float_op_table() == NULL) return 1;
  printf("parent_app: %s (%s)\n", qrt_status_str(s), err.message);
  return 0;
}
