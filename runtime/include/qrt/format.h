// The .qrt blob layout as C++ structs: the single definition shared by the host writer and the
// device reader. The prose specification is runtime/FORMAT.md; keep the two in step.
//
// All integers are little-endian. Every struct here is read in place from the blob (which is
// 16-byte aligned in memory), so each has a fixed size and only 4-byte fields.
#ifndef QRT_FORMAT_H
#define QRT_FORMAT_H

#include <stdint.h>

namespace qrt {
namespace format {

constexpr uint32_t kMagic = 0x31545251u;  // "QRT1" read as a little-endian u32
constexpr uint16_t kVersionMajor = 1;
constexpr uint16_t kVersionMinor = 0;
constexpr uint32_t kAlignment = 16;  // of every section and of every constant tensor's data
constexpr uint32_t kNone = 0xFFFFFFFFu;
constexpr int kMaxRank = 5;

struct Header {
  uint32_t magic;
  uint16_t version_major;
  uint16_t version_minor;
  uint32_t header_bytes;   // sizeof(Header)
  uint32_t total_bytes;    // whole blob
  uint32_t crc32;          // IEEE CRC32 of bytes [0, total_bytes) with this field read as 0
  uint32_t section_count;  // entries in the section table that follows the header
  uint32_t flags;          // must be 0 in version 1.0
  uint32_t reserved[9];    // must be 0
};
static_assert(sizeof(Header) == 64, "Header is 64 bytes");

enum SectionKind : uint32_t {
  kSectionTensors = 1,    // TensorRecord[count]
  kSectionOperators = 2,  // OperatorRecord[count]
  kSectionIndices = 3,    // int32[count]: operator inputs/outputs, graph inputs/outputs
  kSectionGraph = 4,      // GraphRecord (count 1)
  kSectionQuant = 5,      // QuantRecord blocks, each followed by its arrays
  kSectionParams = 6,     // operator parameter blocks (layouts in ops/include/qrt/ops/params.h)
  kSectionStrings = 7,    // NUL-terminated UTF-8 strings (tensor names)
  kSectionData = 8,       // constant tensor data, each tensor 16-byte aligned
  kSectionMetadata = 9,   // `count` pairs of NUL-terminated key, value strings
};
constexpr uint32_t kSectionKindCount = 9;

struct SectionEntry {
  uint32_t kind;
  uint32_t offset;  // from the blob start, multiple of 16
  uint32_t size;    // bytes
  uint32_t count;   // number of records (meaning per kind)
};
static_assert(sizeof(SectionEntry) == 16, "SectionEntry is 16 bytes");

enum TensorKind : uint32_t {
  kTensorConstant = 0,    // data in the Data section, read in place
  kTensorActivation = 1,  // lives in the activation region at arena_offset during [first_op, last_op]
  kTensorPersistent = 2,  // lives in the persistent region at arena_offset for the whole session
};

struct TensorRecord {
  uint32_t dtype;       // qrt_dtype
  uint32_t kind;        // TensorKind
  uint32_t rank;        // 0..kMaxRank
  int32_t dims[kMaxRank];  // unused trailing dims are 0
  uint32_t name;        // offset into Strings, or kNone
  uint32_t data_offset; // constant: offset into Data; activation/persistent: offset in its region
  uint32_t data_bytes;  // exact byte size (validated against dtype and shape)
  uint32_t quant;       // offset into Quant of a QuantRecord, or kNone
  uint32_t first_op;    // activation lifetime (inclusive); graph inputs start at 0
  uint32_t last_op;     // activation lifetime (inclusive); graph outputs end at op_count - 1
  uint32_t reserved[2]; // must be 0
};
static_assert(sizeof(TensorRecord) == 64, "TensorRecord is 64 bytes");

struct QuantRecord {
  uint32_t kind;        // qrt_quant_kind (not NONE)
  int32_t axis;         // per-channel / per-group axis
  uint32_t group_size;  // per-group only, else 0
  uint32_t count;       // entries in each of the two arrays that follow
  // float32 scale[count]; int32 zero_point[count];
};
static_assert(sizeof(QuantRecord) == 16, "QuantRecord is 16 bytes");

constexpr uint32_t kMaxOperatorInputs = 8;
constexpr uint32_t kMaxOperatorOutputs = 4;
// Graph inputs and outputs each (a cap so that "is t a graph input" is a bounded scan).
constexpr uint32_t kMaxGraphInputs = 64;
constexpr uint32_t kMaxGraphOutputs = 64;

struct OperatorRecord {
  uint32_t op_code;       // qrt::OpCode (ops/include/qrt/ops/op_codes.h)
  uint32_t input_count;   // <= kMaxOperatorInputs
  uint32_t output_count;  // 1..kMaxOperatorOutputs
  uint32_t inputs;        // index into Indices of the first input tensor index
  uint32_t outputs;       // index into Indices of the first output tensor index
  uint32_t params;        // offset into Params (4-byte aligned), or kNone
  uint32_t params_bytes;  // size of the parameter block
  uint32_t flags;         // kOpInPlace: output 0 shares input 0's bytes
};
static_assert(sizeof(OperatorRecord) == 32, "OperatorRecord is 32 bytes");

constexpr uint32_t kOpInPlace = 1u;

struct GraphRecord {
  uint32_t input_count;
  uint32_t inputs;          // index into Indices
  uint32_t output_count;
  uint32_t outputs;         // index into Indices
  uint32_t activation_bytes;  // size of the planned activation region
  uint32_t persistent_bytes;  // size of the persistent region
  uint32_t reserved[2];       // must be 0
};
static_assert(sizeof(GraphRecord) == 32, "GraphRecord is 32 bytes");

}  // namespace format
}  // namespace qrt

#endif  // QRT_FORMAT_H
