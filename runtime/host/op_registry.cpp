#include "op_registry.h"

#ifdef QRT_HAVE_FLOAT
#include "qrt/qrt_float.h"
#endif
#include "qrt/qrt_llm.h"

namespace qrt {
namespace host {

const std::vector<const qrt_op_table*>& all_op_tables() {
  static const std::vector<const qrt_op_table*> tables = [] {
    std::vector<const qrt_op_table*> t{qrt_integer_op_table()};
#ifdef QRT_HAVE_FLOAT
    t.push_back(qrt_float_op_table());
#endif
    t.push_back(qrt_llm_op_table());
#ifdef QRT_HAVE_LLM_FLOAT
    t.push_back(qrt_llm_float_op_table());
#endif
    return t;
  }();
  return tables;
}

qrt_options all_ops_options() {
  qrt_options o{};
  o.op_tables = all_op_tables().data();
  o.op_table_count = static_cast<int32_t>(all_op_tables().size());
  return o;
}

const OpImpl* find_any_op(uint32_t op_code, uint32_t dtype) {
  for (const qrt_op_table* t : all_op_tables()) {
    for (int32_t i = 0; i < t->count; ++i) {
      if (t->ops[i]->op_code == op_code && t->ops[i]->input_dtype == dtype) return t->ops[i];
    }
  }
  return nullptr;
}

std::string op_object_name(uint32_t op_code, uint32_t dtype) {
  const char* stem = nullptr;
  switch (op_code) {
#define QRT_OP(ident, op_stem, code, name, params, min_in, max_in, outputs, in_place, tflite) \
  case code:                                                                                  \
    stem = #op_stem;                                                                          \
    break;
#include "qrt/ops/op_list.def"
#undef QRT_OP
    default:
      return "";
  }
  const char* suffix = nullptr;
  switch (dtype & ~kInt4WeightsDtype) {
    case QRT_DTYPE_INT8:
      suffix = "s8";
      break;
    case QRT_DTYPE_INT16:
      suffix = "s16";
      break;
    case QRT_DTYPE_INT32:
      suffix = "s32";
      break;
    case QRT_DTYPE_INT4:
      suffix = "s4";
      break;
    case QRT_DTYPE_FLOAT32:
      suffix = "f32";
      break;
    default:
      return "";
  }
  const char* weights = (dtype & kInt4WeightsDtype) != 0 ? "_w4" : "";
  return std::string("qrt_op_") + stem + "_" + suffix + weights;
}

}  // namespace host
}  // namespace qrt
