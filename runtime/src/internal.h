// Runtime internals shared by the loader, the session and the operator adapters.
#ifndef QRT_RUNTIME_SRC_INTERNAL_H
#define QRT_RUNTIME_SRC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/format.h"
#include "qrt/op_api.h"
#include "qrt/qrt.h"

namespace qrt {

// Pointers to the sections of a blob that passed validate_blob(); absent optional sections have
// a null base and zero size.
struct BlobView {
  const uint8_t* base;
  uint32_t total_bytes;
  const format::TensorRecord* tensors;
  uint32_t tensor_count;
  const format::OperatorRecord* ops;
  uint32_t op_count;
  const int32_t* indices;
  uint32_t index_count;
  const format::GraphRecord* graph;
  const uint8_t* quant;
  uint32_t quant_bytes;
  const uint8_t* params;
  uint32_t params_bytes;
  const char* strings;
  uint32_t strings_bytes;
  const uint8_t* data;
  uint32_t data_bytes;
  const char* metadata;
  uint32_t metadata_bytes;
  uint32_t metadata_count;
  uint32_t activation_count;  // tensors of each arena kind (for the plan check's workspace)
  uint32_t persistent_count;
};

// qrt_crc32 of data[0, size) with the four bytes at skip_offset read as zero (the header's own
// crc32 field); size >= skip_offset + 4.
uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t skip_offset);

// Checks the blob's structure: header, sections, tensor records, quantization records, declared
// regions, operator records (arity, index ranges, def-before-use, single writers), graph I/O and
// lifetimes (validate.cpp, validate_graph.cpp). Operator parameter blocks are checked afterwards
// by each operator's prepare step, the plan's byte overlaps by check_plan.
qrt_status validate_blob(const void* blob, size_t blob_bytes, bool check_crc, BlobView* view,
                         qrt_error* err);

// The graph half of validate_blob (validate_graph.cpp).
qrt_status check_graph(const BlobView& v, qrt_error* err);

// The plan check: activation tensors live at the same time, and any two persistent tensors, have
// disjoint bytes (except an in-place pair). Needs plan_check_workspace_bytes(v) bytes of
// 4-byte-aligned workspace (the session takes them from its arena); O(n log n).
size_t plan_check_workspace_bytes(const BlobView& v);
qrt_status check_plan(const BlobView& v, void* workspace, qrt_error* err);

// Finds the implementation of every operator, runs its prepare step and returns the largest
// scratch need with the kernel variants of `isas`.
qrt_status prepare_operators(const BlobView& blob, const qrt_options* options, IsaSet isas,
                             uint32_t* max_scratch_bytes, qrt_error* err);

// Looks up an implementation for (op_code, dtype) in the option's tables (or the default table).
const OpImpl* find_op_impl(const qrt_options* options, uint32_t op_code, uint32_t dtype);

// Fills an OpContext for operator i of a validated blob.
void make_op_context(const BlobView& blob, uint32_t i, void* const* data, void* scratch,
                     IsaSet isas, OpContext* ctx);

inline size_t align16(size_t v) { return (v + 15u) & ~static_cast<size_t>(15u); }

// Sets err's status, indices and (unless compiled out) message prefix in one place.
void set_error_location(qrt_error* err, int32_t op_index, int32_t tensor_index);

}  // namespace qrt

#endif  // QRT_RUNTIME_SRC_INTERNAL_H
