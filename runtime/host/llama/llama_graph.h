// Pieces of the llama .qrt graph shared by the integer and float32 converters (host-only,
// internal to runtime/host/llama): constant tables, caches, the operators without weights,
// metadata, and the float32 converter itself.
#ifndef QRT_RUNTIME_HOST_LLAMA_LLAMA_GRAPH_H
#define QRT_RUNTIME_HOST_LLAMA_LLAMA_GRAPH_H

#include <stdint.h>

#include <string>
#include <vector>

#include "blob_writer.h"
#include "llama/llama_convert.h"

namespace qrt {
namespace llama {

// RoPE table int16 [positions, head_size / 2, 2]: cos and sin of pos * 10000^(-2j / head_size)
// in Q1.14 (round to nearest), computed in double.
int32_t add_rope_table(host::BlobWriter* w, const Config& c, int32_t positions);

// A persistent KV cache tensor [kv_len, kv_dim] with a per-tensor scale (scale 0: float32).
int32_t add_cache(host::BlobWriter* w, const std::string& name, qrt_dtype dtype, int32_t kv_len,
                  int32_t kv_dim, double scale);

// ATTENTION with the integer parameters for these scales: inputs {q, k, v, pos}, outputs
// {out, key cache, value cache}.
bool add_attention(host::BlobWriter* w, const Config& c, int32_t kv_len,
                   const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
                   double q_scale, double k_scale, double v_scale, double out_scale,
                   std::string* error);

// SWIGLU gate, up -> out for these scales.
bool add_swiglu(host::BlobWriter* w, int32_t gate, int32_t up, int32_t out, double gate_scale,
                double up_scale, double out_scale, std::string* error);

// RESIDUAL_ADD x + y -> a new int32 (scale > 0) or float32 (scale 0) tensor; returns it.
int32_t add_residual(host::BlobWriter* w, const std::string& name, int32_t x, int32_t y,
                     int32_t dim, double scale);

// Architecture, quantization description, configuration and source metadata.
void add_common_metadata(host::BlobWriter* w, const Model& m, const ConvertOptions& o,
                         int32_t kv_len);

// The tokenizer file as a uint8 constant named "tokenizer" (nothing when empty).
void add_tokenizer(host::BlobWriter* w, const std::vector<uint8_t>& tokenizer);

// The float32 graph: run.c's arithmetic as operators (ops/float/llm_f32.cpp), float32 weights.
bool convert_llama_float32(const Model& m, const ConvertOptions& o, std::vector<uint8_t>* blob,
                           ConvertReport* report, std::string* error);

// Real multiplier -> (multiplier, shift) with real = multiplier * 2^(shift - 31), the sign in
// the multiplier; fails when it is not finite or too large.
bool make_llm_multiplier(double real, int32_t* multiplier, int32_t* shift, std::string* error);

}  // namespace llama
}  // namespace qrt

#endif  // QRT_RUNTIME_HOST_LLAMA_LLAMA_GRAPH_H
