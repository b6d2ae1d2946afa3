/* qrt evaluation sets: the inputs, labels and optional float reference outputs the acceptance
 * harness feeds to a model. Format specification: models/formats/EVAL-SET.md; the structs below
 * mirror it byte for byte and are shared by the host writer (runtime/host/accept/) and this
 * device reader.
 *
 * The reader works in place: qrt_eval_set_open() validates the whole set once (header, CRC32,
 * sections, tensor descriptors, every sample offset, labels, groups) and then the accessors hand
 * out pointers into the caller's buffer, which may be flash. Nothing is copied or allocated.
 *
 *   qrt_eval_set set;
 *   qrt_eval_set_open(bytes, size, 0, &set, &err);
 *   for (uint32_t s = 0; s < set.sample_count; ++s) {
 *     qrt_eval_tensor in;  qrt_eval_set_input(&set, s, 0, &in);   // in.data points into bytes
 *     ...
 *   }
 *
 * Device code: no heap, no global state; the handle is a plain struct the caller owns. */
#ifndef QRT_EVAL_SET_H
#define QRT_EVAL_SET_H

#include <stddef.h>
#include <stdint.h>

#include "qrt/qrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- on-disk structs (little-endian, read in place) --------------------------------------- */

#define QRT_EVAL_SET_MAGIC 0x31564551u /* "QEV1" */
#define QRT_EVAL_SET_VERSION_MAJOR 1
#define QRT_EVAL_SET_VERSION_MINOR 0
#define QRT_EVAL_SET_ALIGNMENT 16u
#define QRT_EVAL_SET_NONE 0xFFFFFFFFu
#define QRT_EVAL_SET_MAX_TENSORS 8 /* per direction: inputs, reference outputs */
#define QRT_EVAL_SET_MAX_SECTIONS 16

typedef enum qrt_eval_task {
  QRT_EVAL_TASK_NONE = 0,
  QRT_EVAL_TASK_CLASSIFICATION = 1, /* int32 class per sample, top-1 accuracy */
  QRT_EVAL_TASK_ANOMALY = 2,        /* int32 0/1 per unit, reconstruction-error score, ROC AUC */
  QRT_EVAL_TASK_REGRESSION = 3      /* float32 target per sample, MSE */
} qrt_eval_task;

typedef enum qrt_eval_section_kind {
  QRT_EVAL_SECTION_TENSORS = 1,
  QRT_EVAL_SECTION_SAMPLES = 2,
  QRT_EVAL_SECTION_LABELS = 3,
  QRT_EVAL_SECTION_GROUPS = 4,
  QRT_EVAL_SECTION_DATA = 5,
  QRT_EVAL_SECTION_REFERENCE = 6,
  QRT_EVAL_SECTION_STRINGS = 7
} qrt_eval_section_kind;

typedef struct qrt_eval_set_header {
  uint32_t magic;
  uint16_t version_major;
  uint16_t version_minor;
  uint32_t header_bytes;
  uint32_t total_bytes;
  uint32_t crc32; /* of [0, total_bytes) with this field read as 0 */
  uint32_t section_count;
  uint32_t task; /* qrt_eval_task */
  uint32_t sample_count;
  uint32_t input_count;
  uint32_t output_count;
  uint32_t group_count;
  uint32_t label_dtype; /* 0, QRT_DTYPE_INT32 or QRT_DTYPE_FLOAT32 */
  uint32_t class_count;
  uint32_t name; /* offset into STRINGS or QRT_EVAL_SET_NONE */
  uint32_t flags;
  uint32_t reserved;
} qrt_eval_set_header;

typedef struct qrt_eval_section_entry {
  uint32_t kind; /* qrt_eval_section_kind */
  uint32_t offset;
  uint32_t size;
  uint32_t count;
} qrt_eval_section_entry;

typedef struct qrt_eval_tensor_desc {
  uint32_t dtype; /* qrt_dtype */
  uint32_t rank;
  int32_t dims[QRT_MAX_RANK];
  uint32_t sample_bytes;
  float scale; /* 0 = not quantized */
  int32_t zero_point;
  uint32_t name;   /* offset into STRINGS or QRT_EVAL_SET_NONE */
  uint32_t offset; /* reference outputs: block offset in REFERENCE; inputs: 0 */
} qrt_eval_tensor_desc;

typedef struct qrt_eval_group {
  uint32_t first_sample;
  uint32_t sample_count;
} qrt_eval_group;

#ifdef __cplusplus
static_assert(sizeof(qrt_eval_set_header) == 64, "eval-set header is 64 bytes");
static_assert(sizeof(qrt_eval_section_entry) == 16, "section entry is 16 bytes");
static_assert(sizeof(qrt_eval_tensor_desc) == 48, "tensor descriptor is 48 bytes");
static_assert(sizeof(qrt_eval_group) == 8, "group record is 8 bytes");
#endif

/* ---- reader ------------------------------------------------------------------------------- */

/* An opened set: validated pointers into the caller's buffer. Fields are read-only for callers;
 * the buffer must outlive the handle. */
typedef struct qrt_eval_set {
  const uint8_t* base;
  uint32_t total_bytes;
  qrt_eval_task task;
  uint32_t sample_count;
  uint32_t input_count;
  uint32_t output_count;
  uint32_t group_count; /* 0: each sample is its own unit */
  uint32_t unit_count;  /* group_count, or sample_count without groups */
  qrt_dtype label_dtype; /* 0 when the set has no labels */
  uint32_t class_count;
  const char* name; /* "" when the set has no name */
  const qrt_eval_tensor_desc* tensors; /* input_count inputs, then output_count outputs */
  const uint32_t* sample_offsets;      /* [sample_count][input_count] */
  const void* labels;                  /* unit_count int32 or float32, or NULL */
  const qrt_eval_group* groups;        /* group_count records, or NULL */
  const uint8_t* data;
  const uint8_t* reference; /* NULL without reference outputs */
  const char* strings;
  uint32_t strings_bytes;
} qrt_eval_set;

/* One tensor of one sample, as stored in the set. */
typedef struct qrt_eval_tensor {
  const void* data; /* into the set's buffer; aligned to the dtype size */
  size_t bytes;
  qrt_dtype dtype;
  int32_t rank;
  int32_t dims[QRT_MAX_RANK];
  float scale; /* 0 = not quantized */
  int32_t zero_point;
  const char* name; /* "" when unnamed */
} qrt_eval_tensor;

/* Validates the set in `data` (at least `bytes` long, 4-byte aligned) and fills `set`. With
 * `skip_checksum` = 1 the CRC32 is not computed (for a set already verified once: a large set in
 * flash takes a while to checksum on a small core); everything else is always checked. `err` may
 * be NULL. On error `set` is zeroed. */
qrt_status qrt_eval_set_open(const void* data, size_t bytes, int32_t skip_checksum,
                             qrt_eval_set* set, qrt_error* err);

/* Input `input` (< input_count) of sample `sample` (< sample_count). */
qrt_status qrt_eval_set_input(const qrt_eval_set* set, uint32_t sample, uint32_t input,
                              qrt_eval_tensor* view);

/* Reference output `output` (< output_count) of sample `sample`: float32. */
qrt_status qrt_eval_set_reference(const qrt_eval_set* set, uint32_t sample, uint32_t output,
                                  qrt_eval_tensor* view);

/* Label of unit `unit` (< unit_count) as an int32 class (int32 labels) or a float target (float32
 * labels). Return QRT_ERR_BAD_INDEX for an index out of range and QRT_ERR_BAD_ARGUMENT when the
 * set has no labels of that type. */
qrt_status qrt_eval_set_label_class(const qrt_eval_set* set, uint32_t unit, int32_t* label);
qrt_status qrt_eval_set_label_value(const qrt_eval_set* set, uint32_t unit, float* value);

/* Samples of unit `unit`: [*first, *first + *count). Without groups a unit is one sample. */
qrt_status qrt_eval_set_unit_samples(const qrt_eval_set* set, uint32_t unit, uint32_t* first,
                                     uint32_t* count);


/* Bytes per element of a dtype the set may hold (int8/uint8 1, int16 2, int32/float32 4), or 0. */
uint32_t qrt_eval_dtype_size(uint32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* QRT_EVAL_SET_H */
