// Every operator table linked into this host build (integer, and float32 / transformer when
// those parts are built), for tools that run any model.
#ifndef QRT_RUNTIME_HOST_OP_REGISTRY_H
#define QRT_RUNTIME_HOST_OP_REGISTRY_H

#include <string>
#include <vector>

#include "qrt/op_api.h"

namespace qrt {
namespace host {

const std::vector<const qrt_op_table*>& all_op_tables();

// Options that make a session accept every operator of this build.
qrt_options all_ops_options();

// The implementation for (op_code, dtype), or nullptr.
const OpImpl* find_any_op(uint32_t op_code, uint32_t dtype);

// The public operator object that runs op_code on `dtype` (a dispatch_dtype, qrt/op_api.h), as
// "qrt_op_conv2d_s8" or, with INT4 weights, "qrt_op_conv2d_s8_w4"; "" for a code not in the
// operator list or a dtype without a suffix.
std::string op_object_name(uint32_t op_code, uint32_t dtype);

}  // namespace host
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_OP_REGISTRY_H
