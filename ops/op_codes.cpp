// The operator list as data (op_list.def), for lookups by code.
#include "qrt/ops/op_codes.h"

#include "qrt/ops/llm_params.h"
#include "qrt/ops/params.h"

namespace qrt {
namespace {

// Operators without a parameter block.
struct NoParams {};
template <typename T>
constexpr uint32_t params_size() {
  return sizeof(T);
}
template <>
constexpr uint32_t params_size<NoParams>() {
  return 0;
}

constexpr OpInfo kOps[] = {
#define QRT_OP(ident, stem, code, name, params, min_in, max_in, outputs, in_place, tflite) \
  {code, name, params_size<params>(), min_in, max_in, outputs, in_place, tflite},
#include "qrt/ops/op_list.def"
#undef QRT_OP
};

}  // namespace

const OpInfo* op_info(uint32_t op_code) {
  for (const OpInfo& o : kOps) {
    if (o.code == op_code) return &o;
  }
  return nullptr;
}

const char* op_code_name(uint32_t op_code) {
  const OpInfo* o = op_info(op_code);
  return o != nullptr ? o->name : "UNKNOWN";
}

}  // namespace qrt
