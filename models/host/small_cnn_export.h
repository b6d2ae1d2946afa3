// .qrt blobs of the bundled CNN (host-only): the int8 model (TFLite integer semantics, per-channel
// weights) and its float32 twin, the same graph with the same op codes on float32 tensors:
//
//   image [1,28,28,1] -> CONV_2D (RELU) -> [1,14,14,8] -> CONV_2D (RELU) -> [1,7,7,16]
//                     -> FULLY_CONNECTED -> logits [1,10]
//
// FULLY_CONNECTED reads the [1,7,7,16] tensor as [1,784] (its depth is the weights' second
// dimension), so no RESHAPE is needed. The output is the logits, not softmax probabilities: the
// top-1 class is their argmax, and int8 logits keep more resolution than softmax's fixed 1/256
// output grid, where close classes would tie.
#ifndef QRT_MODELS_HOST_SMALL_CNN_EXPORT_H
#define QRT_MODELS_HOST_SMALL_CNN_EXPORT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "small_cnn.h"
#include "small_cnn_int8.h"

namespace qrt {
namespace models {

// Metadata shared by both blobs: class names (comma-separated), input encoding, provenance.
struct ExportInfo {
  std::string description;  // one line, stored as metadata "description"
  std::string producer;     // "qrt_fashion_export 0.1.0"
};

// Class names of Fashion-MNIST labels 0..9, comma-separated.
extern const char* const kFashionClassNames;

bool build_int8_blob(const QuantizedSmallCnn& q, const ExportInfo& info, std::vector<uint8_t>* blob,
                     std::string* error);
bool build_float_blob(const SmallCnn& net, const ExportInfo& info, std::vector<uint8_t>* blob,
                      std::string* error);

}  // namespace models
}  // namespace qrt

#endif  // QRT_MODELS_HOST_SMALL_CNN_EXPORT_H
