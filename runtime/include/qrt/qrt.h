/* qrt: the public C API of the device runtime.
 *
 * A session runs one `.qrt` model blob (format: runtime/FORMAT.md) inside one arena that the
 * caller owns. Nothing is allocated on the heap, nothing is copied out of the blob: weights are
 * read in place, so the blob may sit in flash (execute-in-place).
 *
 *   qrt_memory_report plan;
 *   qrt_plan_memory(blob, blob_bytes, NULL, &plan, &err);        // exact bytes, no allocation
 *   static uint8_t arena[ARENA_BYTES] __attribute__((aligned(16)));
 *   qrt_session* s;
 *   qrt_session_create(blob, blob_bytes, NULL, arena, sizeof arena, &s, &err);
 *   qrt_tensor_view in;  qrt_session_input(s, 0, &in);   fill in.data
 *   qrt_session_invoke(s);
 *   qrt_tensor_view out; qrt_session_output(s, 0, &out); read out.data
 *
 * The arena, from its (16-byte aligned) start:
 *
 *   +--------------------+-------------------+--------------------------+-------------+
 *   | runtime state      | persistent state  | activations              | scratch     |
 *   | session, tensor    | (KV cache, other  | planned offline: tensors | largest     |
 *   | and op tables      | variable tensors) | with disjoint lifetimes  | per-op need |
 *   |                    |                   | share bytes              |             |
 *   +--------------------+-------------------+--------------------------+-------------+
 *   0                                                                  arena_bytes (planned)
 *
 * Every section starts 16-byte aligned. qrt_plan_memory() reports each category before anything
 * is allocated; the session never touches a byte past the planned total. At create the session
 * paints the planned bytes (0xA5) and first uses them as the plan check's workspace, then lays out
 * the tables and regions; qrt_session_memory() measures the high-water mark from the paint.
 *
 * Contracts a firmware must keep:
 *  - The blob starts on a 16-byte boundary (its sections and weights are 16-byte aligned relative
 *    to its start and are read in place). qrt_embed_blob() and qrt_add_model() (CMake) place it
 *    so; a blob elsewhere is refused with QRT_ERR_BAD_ARGUMENT. A blob read from a file needs an
 *    aligned buffer (malloc gives only 8 bytes of alignment on 32-bit targets).
 *  - The arena starts on a 16-byte boundary and holds at least arena_bytes of the plan.
 *  - Size the arena at build time: `qrt plan MODEL.qrt --target <cpu> --c-header -o plan.h` (or
 *    qrt_add_model(), which runs it) gives QRT_PLAN_ARENA_BYTES for that target's kernels, byte
 *    for byte what qrt_plan_memory() computes on the device.
 *  - Invoke consumes its inputs: the activation plan reuses an input's bytes once the input is
 *    dead, so after qrt_session_invoke() the input views hold unspecified bytes. Write every input
 *    again before each invoke. Outputs stay valid until the next invoke.
 *  - The blob and the arena outlive the session; a session is not copied or moved.
 *
 * Errors are values: every function returns a qrt_status. Functions that validate input also
 * fill an optional qrt_error with the failing operator/tensor and a one-line message (messages
 * are empty when the library is built with QRT_ERROR_MESSAGES=OFF).
 *
 * Thread safety: a session is used by one thread at a time; distinct sessions are independent.
 * The library has no global mutable state. */
#ifndef QRT_QRT_H
#define QRT_QRT_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/version.h" /* QRT_VERSION_STRING, qrt_version() */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status ------------------------------------------------------------------------------ */

typedef enum qrt_status {
  QRT_OK = 0,
  QRT_ERR_NULL_ARGUMENT = 1,    /* a required pointer argument is NULL */
  QRT_ERR_TRUNCATED = 2,        /* the blob is shorter than its header or its declared size */
  QRT_ERR_BAD_MAGIC = 3,        /* not a .qrt blob */
  QRT_ERR_BAD_VERSION = 4,      /* a format version this runtime does not read */
  QRT_ERR_BAD_CHECKSUM = 5,     /* CRC32 mismatch: the blob is corrupted */
  QRT_ERR_BAD_SECTION = 6,      /* a section is missing, misaligned, overlapping or out of range */
  QRT_ERR_BAD_TENSOR = 7,       /* a tensor record is inconsistent (type, size, data range) */
  QRT_ERR_BAD_SHAPE = 8,        /* a rank or dimension is out of range or overflows */
  QRT_ERR_BAD_QUANTIZATION = 9, /* scales, zero points, axis or group size are invalid */
  QRT_ERR_BAD_OPERATOR = 10,    /* an operator record is inconsistent (arity, tensor kinds) */
  QRT_ERR_UNSUPPORTED_OP = 11,  /* no kernel for this operator and data type in this build */
  QRT_ERR_BAD_PARAMS = 12,      /* operator attributes are out of range or do not fit the shapes */
  QRT_ERR_BAD_GRAPH = 13,       /* graph inputs/outputs invalid, or a tensor used before defined */
  QRT_ERR_BAD_PLAN = 14,        /* the activation plan overlaps live tensors or exceeds its size */
  QRT_ERR_ARENA_TOO_SMALL = 15, /* the arena is smaller than the planned total */
  QRT_ERR_ARENA_ALIGNMENT = 16, /* the arena does not start on a 16-byte boundary */
  QRT_ERR_BAD_INDEX = 17,       /* an input/output/tensor index is out of range */
  QRT_ERR_BAD_ARGUMENT = 18,    /* an argument value is out of its documented range */
  QRT_ERR_BAD_METADATA = 19,    /* a metadata or string entry is not a terminated string */
  QRT_STATUS_COUNT
} qrt_status;

/* A static, never-NULL English name for a status ("QRT_ERR_BAD_MAGIC: not a .qrt blob"). */
const char* qrt_status_str(qrt_status status);

/* Details of the first problem found while validating a blob. */
typedef struct qrt_error {
  qrt_status status;
  int32_t op_index;     /* operator the problem is in, or -1 */
  int32_t tensor_index; /* tensor the problem is in, or -1 */
  char message[128];    /* one line, NUL-terminated; empty without QRT_ERROR_MESSAGES */
} qrt_error;

/* ---- tensors ----------------------------------------------------------------------------- */

typedef enum qrt_dtype {
  QRT_DTYPE_INT8 = 1,
  QRT_DTYPE_INT16 = 2,
  QRT_DTYPE_INT32 = 3,
  QRT_DTYPE_INT4 = 4, /* two values per byte, low nibble first, rows padded to a whole byte */
  QRT_DTYPE_FLOAT32 = 5,
  QRT_DTYPE_UINT8 = 6
} qrt_dtype;

typedef enum qrt_quant_kind {
  QRT_QUANT_NONE = 0,
  QRT_QUANT_PER_TENSOR = 1,
  QRT_QUANT_PER_CHANNEL = 2, /* one scale/zero point per index of `axis` */
  QRT_QUANT_PER_GROUP = 3    /* one per `group_size` consecutive values along `axis`, per row */
} qrt_quant_kind;

#define QRT_MAX_RANK 5

typedef struct qrt_quantization {
  qrt_quant_kind kind;
  int32_t axis;               /* per-channel / per-group axis, else 0 */
  int32_t group_size;         /* per-group only, else 0 */
  int32_t count;              /* number of scale/zero-point entries (1 for per-tensor) */
  const float* scales;        /* real = scale * (q - zero_point); points into the blob */
  const int32_t* zero_points; /* points into the blob */
} qrt_quantization;

/* A view of one tensor of a session. `data` points into the arena (activations, I/O) or into the
 * blob (constants); it stays valid for the session's lifetime. Activation buffers are shared by
 * tensors whose lifetimes do not overlap, so an intermediate tensor holds its value only from the
 * end of the operator that writes it until its last reader has run (see qrt_observer). */
typedef struct qrt_tensor_view {
  void* data;
  size_t bytes;
  qrt_dtype dtype;
  int32_t rank;
  int32_t dims[QRT_MAX_RANK];
  qrt_quantization quant;
  const char* name; /* NUL-terminated, points into the blob; "" when the blob has no name */
} qrt_tensor_view;

/* ---- memory ------------------------------------------------------------------------------ */

/* Arena bytes by category. All figures are exact for the target the library was built for
 * (the runtime-state part depends on pointer size). */
typedef struct qrt_memory_report {
  size_t runtime_state_bytes; /* session, tensor table, operator table */
  size_t persistent_bytes;    /* variable tensors kept across invokes (KV cache) */
  size_t activation_bytes;    /* planned activation region (graph inputs and outputs included) */
  size_t scratch_bytes;       /* largest per-operator scratch need */
  size_t plan_check_bytes;    /* workspace of the load-time plan check (12 bytes per activation
                                 tensor), reused by the tables and regions afterwards: it raises
                                 arena_bytes only where it exceeds all of them */
  size_t arena_bytes;         /* total the arena must have: the sum of the above with alignment */
  size_t io_bytes;            /* of the activation region: bytes of graph inputs and outputs */
  size_t naive_activation_bytes; /* sum of all activation tensor sizes (no sharing), for scale */
  size_t constant_bytes;      /* bytes of constant tensor data in the blob (weights, biases) */
  size_t blob_bytes;          /* total blob size (flash footprint of the model) */
  size_t arena_high_water;    /* measured: highest arena byte written so far + 1 (0 in plans) */
} qrt_memory_report;

/* ---- sessions ---------------------------------------------------------------------------- */

typedef struct qrt_session qrt_session;
typedef struct qrt_op_table qrt_op_table; /* a set of operator implementations (qrt/qrt_ops.h) */

/* Called around each operator of an invoke, for profiling or per-layer inspection. In op_end the
 * operator's outputs hold their values. The callbacks must not invoke the session. */
typedef struct qrt_observer {
  void* user;
  void (*op_begin)(void* user, const qrt_session* session, int32_t op_index);
  void (*op_end)(void* user, const qrt_session* session, int32_t op_index);
} qrt_observer;

/* Per-operator cycle profile: an observer that adds each operator's qrt_port_cycles() delta to
 * op_cycles[op_index] (for op_index < op_capacity) on every invoke. The caller owns the array and
 * zeroes it to start; `started` is internal. */
typedef struct qrt_profile {
  uint64_t* op_cycles;
  int32_t op_capacity;
  uint64_t started;
} qrt_profile;

/* An observer that fills `profile` (which must outlive the sessions using the observer). */
qrt_observer qrt_profile_observer(qrt_profile* profile);

typedef struct qrt_options {
  /* Operator sets consulted in order (qrt_ops.h); NULL/0 means qrt_default_op_table(): every
   * integer operator, unless the firmware defines its own set. Add qrt_float_op_table()
   * (qrt_float.h) to run float32 models. */
  const qrt_op_table* const* op_tables;
  int32_t op_table_count;
  /* 1 selects the portable reference kernels instead of the port's optimized ones. */
  int32_t use_reference_kernels;
  /* 1 skips the CRC32 check at load (faster boot for blobs already verified once). */
  int32_t skip_checksum;
  /* Optional per-operator callbacks; NULL for none (no overhead beyond one branch per op). */
  const qrt_observer* observer;
} qrt_options;

/* Validates `blob` and computes the exact arena bytes a session needs, by category, without
 * allocating. `options` may be NULL (defaults). `err` may be NULL. Every check of the blob runs
 * here except the plan's byte-overlap check, which needs a workspace and runs in
 * qrt_session_create (inside the arena; see plan_check_bytes). */
qrt_status qrt_plan_memory(const void* blob, size_t blob_bytes, const qrt_options* options,
                           qrt_memory_report* report, qrt_error* err);

/* Validates `blob` and creates a session inside `arena`, which must start on a 16-byte boundary
 * and hold at least qrt_plan_memory()'s arena_bytes. The blob and the arena must outlive the
 * session; the session holds no other resources (there is nothing to destroy: reuse or free the
 * arena). Persistent state (KV cache) starts zeroed. On error *session is set to NULL and the
 * arena content is unspecified. */
qrt_status qrt_session_create(const void* blob, size_t blob_bytes, const qrt_options* options,
                              void* arena, size_t arena_bytes, qrt_session** session,
                              qrt_error* err);

/* Runs every operator once, in order. No validation happens here: the blob was checked at
 * creation. Inputs must have been written through their views since the last invoke: invoke may
 * overwrite them (their bytes are reused once dead), and leaves the outputs valid until the next
 * invoke. */
qrt_status qrt_session_invoke(qrt_session* session);

/* Resets persistent state (KV cache, SVDF and LSTM states) to the start of a new sequence:
 * zero, except that an int8 state holds its zero point (as TFLite Micro resets it). */
qrt_status qrt_session_reset_state(qrt_session* session);

int32_t qrt_session_input_count(const qrt_session* session);
int32_t qrt_session_output_count(const qrt_session* session);
int32_t qrt_session_tensor_count(const qrt_session* session);
int32_t qrt_session_op_count(const qrt_session* session);

/* Views of graph input `index`, graph output `index`, or any tensor by blob index. */
qrt_status qrt_session_input(const qrt_session* session, int32_t index, qrt_tensor_view* view);
qrt_status qrt_session_output(const qrt_session* session, int32_t index, qrt_tensor_view* view);
qrt_status qrt_session_tensor(const qrt_session* session, int32_t index, qrt_tensor_view* view);

/* Inputs/outputs of operator `op_index` as blob tensor indices (for observers). */
qrt_status qrt_session_op_info(const qrt_session* session, int32_t op_index, int32_t* op_code,
                               int32_t* input_count, const int32_t** inputs,
                               int32_t* output_count, const int32_t** outputs);

/* The memory report of a live session. arena_high_water is measured: qrt_session_create fills
 * the arena's planned bytes with 0xA5, and this call scans down from the planned end to the
 * highest byte that no longer holds it (so after invokes it is the real use, at most
 * arena_bytes; a last byte that happens to be written as 0xA5 reads as unused). */
qrt_status qrt_session_memory(const qrt_session* session, qrt_memory_report* report);

/* IEEE CRC-32 (polynomial 0xEDB88320, as zlib's crc32()): pass crc = 0 to start and the previous
 * result to continue over more bytes. The blob header's crc32 is this over the whole blob with
 * the field itself read as zero. */
uint32_t qrt_crc32(uint32_t crc, const void* data, size_t bytes);

/* Looks up a metadata entry of the blob by key; *value points into the blob. */
qrt_status qrt_blob_metadata(const void* blob, size_t blob_bytes, const char* key,
                             const char** value);

#ifdef __cplusplus
}
#endif

#endif /* QRT_QRT_H */
