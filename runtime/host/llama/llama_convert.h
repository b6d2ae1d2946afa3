// llama2.c checkpoint -> .qrt blob (host-only): weight quantization, activation calibration and
// the transformer graph for the transformer operators of libqrt.a (or their float32 counterparts in libqrt_float.a).
//
// The graph runs one token per invoke. Graph inputs: token id and position (int32 [1] each);
// graph output: next-token logits [vocab] (int32 with one per-tensor scale, or float32). The KV
// cache is one pair of persistent tensors per layer. Per layer:
//
//   xn  = RMS_NORM(x)                       int8    (static scale per layer)
//   q,k = MATMUL(xn, wq | wk)               int16   -> ROPE -> int16 (the key cache's type)
//   v   = MATMUL(xn, wv)                    int8    (the value cache's scale)
//   a   = ATTENTION(q, k, v, pos)           int8    (writes row pos of both caches)
//   x   = RESIDUAL_ADD(x, MATMUL(a, wo))    int32   (the residual stream, in place)
//   xn  = RMS_NORM(x)                       int8
//   h   = SWIGLU(MATMUL(xn, w1), MATMUL(xn, w3))    int16 gate, up and output
//   x   = RESIDUAL_ADD(x, MATMUL(h, w2))    int32
//
// then RMS_NORM (int16) and the classifier MATMUL (int32 logits). Matrix inputs are int8 except
// the SwiGLU output and the final norm, which are int16; these widths are the defaults of
// ActivationPlan, chosen where an int8 static scale cost most KL divergence (measured: the key
// cache, the SwiGLU output, the final norm; the residual stream is int32 throughout).
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_CONVERT_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_CONVERT_H

#include <stdint.h>

#include <string>
#include <vector>

#include "calibration.h"
#include "llama/llama_model.h"
#include "progress.h"
#include "weight_quant.h"

namespace qrt {
namespace llama {

// Integer width (8 or 16) of each activation site.
struct ActivationPlan {
  int32_t norm_bits = 8;         // attention / FFN RMS_NORM outputs (inputs of wq, wk, wv, w1, w3)
  int32_t qk_bits = 16;          // q and k, before and after ROPE (k after ROPE: key_cache_bits)
  int32_t key_cache_bits = 16;   // the key cache (and the new key written into it)
  int32_t attn_out_bits = 8;     // ATTENTION output (input of wo)
  int32_t ffn_bits = 16;         // gate, up and SWIGLU output (input of w2)
  int32_t final_norm_bits = 16;  // final RMS_NORM output (input of the classifier)
};

// Every site int8 (a strict A8 plan, for comparison).
ActivationPlan all_int8_activation_plan();

struct ConvertOptions {
  bool float32 = false;              // --quant f32: float32 weights and operators, no calibration
  WeightQuantConfig weights;         // bits 8/4, group size (0 = per-channel), asymmetric, clip
  bool gptq = false;                 // GPTQ rounding of the layer matrices (embedding stays RTN)
  double gptq_damp = 0.01;
  int32_t embedding_bits = 0;        // 0: as weights.bits; 8 keeps embedding/classifier int8
  CalibrationOptions calibration;    // method for the int8 sites (int16 sites use min-max)
  ActivationPlan plan;
  int32_t kv_len = 0;                // KV cache rows; 0: the model's seq_len
  std::vector<uint8_t> tokenizer;    // tokenizer file bytes, stored as constant "tokenizer"
  std::string source;                // metadata: the checkpoint's file name
  host::ProgressFn progress;         // optional: calibration, then quantization layer by layer
};

struct WeightReport {
  std::string name;
  int32_t rows = 0, cols = 0;
  WeightError error;
  int64_t bytes = 0;  // data + integer side tables + requantization pairs
};

struct ScaleReport {
  std::string name;
  int32_t bits = 0;
  double abs_max = 0.0;  // largest |x| seen in calibration
  double clip = 0.0;     // chosen clipping threshold (scale = clip / qmax)
};

struct ConvertReport {
  std::vector<WeightReport> weights;
  std::vector<ScaleReport> scales;
  int64_t weight_bytes = 0;      // sum over the weight tensors (shared classifier counted once)
  int64_t calibration_tokens = 0;
  size_t blob_bytes = 0;
};

// Builds the blob. `calibration` ([BOS] + ids sequences) is required unless float32.
bool convert_llama(const Model& model, const std::vector<std::vector<int32_t>>& calibration,
                   const ConvertOptions& options, std::vector<uint8_t>* blob,
                   ConvertReport* report, std::string* error);

// Metadata keys the converter writes (values are decimal strings or names).
constexpr const char* kMetaArchitecture = "llama.architecture";  // "llama2c"
// "f32", or e.g. "w8 channel sym calib=mse act=8/16/8/16/16 kv=16/8": weights, calibration,
// activation widths (norm/qk/attn_out/ffn/final_norm) and key/value cache widths.
constexpr const char* kMetaQuant = "llama.quant";
constexpr const char* kMetaBosToken = "llama.bos";
constexpr const char* kTokenizerTensorName = "tokenizer";

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_CONVERT_H
