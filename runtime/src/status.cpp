#include "qrt/qrt.h"

extern "C" const char* qrt_status_str(qrt_status status) {
  switch (status) {
    case QRT_OK: return "QRT_OK: success";
    case QRT_ERR_NULL_ARGUMENT: return "QRT_ERR_NULL_ARGUMENT: a required pointer is NULL";
    case QRT_ERR_TRUNCATED: return "QRT_ERR_TRUNCATED: the blob is shorter than it declares";
    case QRT_ERR_BAD_MAGIC: return "QRT_ERR_BAD_MAGIC: not a .qrt blob";
    case QRT_ERR_BAD_VERSION: return "QRT_ERR_BAD_VERSION: unsupported format version";
    case QRT_ERR_BAD_CHECKSUM: return "QRT_ERR_BAD_CHECKSUM: CRC32 mismatch, the blob is corrupted";
    case QRT_ERR_BAD_SECTION: return "QRT_ERR_BAD_SECTION: a section is missing or out of range";
    case QRT_ERR_BAD_TENSOR: return "QRT_ERR_BAD_TENSOR: an inconsistent tensor record";
    case QRT_ERR_BAD_SHAPE: return "QRT_ERR_BAD_SHAPE: a rank or dimension is out of range";
    case QRT_ERR_BAD_QUANTIZATION: return "QRT_ERR_BAD_QUANTIZATION: invalid quantization";
    case QRT_ERR_BAD_OPERATOR: return "QRT_ERR_BAD_OPERATOR: an inconsistent operator record";
    case QRT_ERR_UNSUPPORTED_OP: return "QRT_ERR_UNSUPPORTED_OP: no kernel for this operator";
    case QRT_ERR_BAD_PARAMS: return "QRT_ERR_BAD_PARAMS: operator parameters out of range";
    case QRT_ERR_BAD_GRAPH: return "QRT_ERR_BAD_GRAPH: invalid graph inputs, outputs or order";
    case QRT_ERR_BAD_PLAN: return "QRT_ERR_BAD_PLAN: the activation plan is invalid";
    case QRT_ERR_ARENA_TOO_SMALL: return "QRT_ERR_ARENA_TOO_SMALL: the arena is too small";
    case QRT_ERR_ARENA_ALIGNMENT: return "QRT_ERR_ARENA_ALIGNMENT: the arena is not 16-byte aligned";
    case QRT_ERR_BAD_INDEX: return "QRT_ERR_BAD_INDEX: index out of range";
    case QRT_ERR_BAD_ARGUMENT: return "QRT_ERR_BAD_ARGUMENT: argument out of range";
    case QRT_ERR_BAD_METADATA: return "QRT_ERR_BAD_METADATA: an unterminated string";
    case QRT_STATUS_COUNT: break;
  }
  return "QRT_ERR_UNKNOWN: unknown status code";
}
