// bench_models MODELS_DIR [--runs N] [--json]
//
// Imports each TFLite model of the shared models folder, and prints per model: our planned arena
// (exact, from the blob alone) beside TensorFlow Lite Micro's measured arena_used_bytes on x86-64,
// and the host latency of one inference,
// median / min over N runs after a warm-up, with the reference kernels and with this port's
// kernels. A benchmark: it prints figures and ratios, it never passes or fails on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "file_io.h"
#include "json_writer.h"
#include "model_file.h"
#include "qrt/port.h"
#include "tflite_import.h"

namespace {

struct Peer {
  const char* name;
  const char* file;   // under MODELS_DIR
  // TFLM arena_used_bytes on x86-64 from golden/tflm/mlperf/README.md (the shared goldens' run),
  // 0 where no recorded run gives one (the TFLM examples: not measured here, printed as "-").
  size_t tflm_arena;
  double tflm_ms;     // TFLM median latency on x86-64 where the golden README gives one, else 0
};

const Peer kModels[] = {
    {"hello_world", "tflm/hello_world/hello_world_int8.tflite", 0, 0},
    {"micro_speech", "tflm/micro_speech/micro_speech_quantized.tflite", 0, 0},
    {"person_detect", "tflm/person_detection/person_detect.tflite", 0, 0},
    {"ic01", "mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite", 55712, 13.2},
    {"ic01_large", "mlperf_tiny/models/ic01/pretrainedResnet_large_int8.tflite", 133472, 58.9},
    {"kws01", "mlperf_tiny/models/kws01/kws_ref_model.tflite", 24000, 4.50},
    {"ad01", "mlperf_tiny/models/ad01/ad01_int8.tflite", 3424, 0.304},
};

// Median and minimum wall time (microseconds) of `runs` invokes after two warm-up runs.
void time_invokes(qrt::host::HostSession& s, int runs, double* median, double* min) {
  std::string error;
  for (int i = 0; i < 2; ++i) s.invoke(&error);
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    s.invoke(&error);
    const auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  *median = ms[ms.size() / 2];
  *min = ms.front();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_models MODELS_DIR [--runs N] [--json]\n");
    return 2;
  }
  const std::string dir = argv[1];
  int runs = 50;
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--json") == 0) json = true;
    else {
      std::fprintf(stderr, "bench_models: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  qrt::host::JsonWriter j;
  j.begin_object().key("port").value(qrt_port_name()).key("runs").value(runs).key("models").begin_array();
  if (!json) {
    std::printf("bench_models: %d runs per figure, port %s\n\n", runs, qrt_port_name());
    std::printf("| model | qrt arena B | TFLM arena B | qrt/TFLM | activations B | runtime state B | "
                "ref median us | ref min us | port median us | TFLM median us (x86-64, noisy) |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  }
  for (const Peer& m : kModels) {
    std::vector<uint8_t> tflite, blob;
    std::string error;
    qrt::host::ModelFile model;
    if (!qrt::host::read_file_bytes(dir + "/" + m.file, &tflite, &error, qrt::host::kMaxTfliteFileBytes) ||
        !qrt::host::import_tflite(tflite.data(), tflite.size(), m.file, &blob, nullptr, &error) ||
        !qrt::host::load_model_bytes(blob, &model, &error)) {
      std::fprintf(stderr, "bench_models: %s: %s\n", m.name, error.c_str());
      return 1;
    }
    double ref_median = 0, ref_min = 0, port_median = 0, port_min = 0;
    for (int reference = 1; reference >= 0; --reference) {
      qrt_options options{};
      options.use_reference_kernels = reference;
      qrt::host::HostSession s;
      if (!s.open(model, &options, &error)) {
        std::fprintf(stderr, "bench_models: %s: %s\n", m.name, error.c_str());
        return 1;
      }
      // Deterministic non-trivial input (the values hardly matter for latency).
      for (int32_t k = 0; k < qrt_session_input_count(s.get()); ++k) {
        const qrt_tensor_view in = s.input(k);
        auto* p = static_cast<uint8_t*>(in.data);
        for (size_t b = 0; b < in.bytes; ++b) p[b] = static_cast<uint8_t>((b * 37u + 11u) & 0x7Fu);
      }
      time_invokes(s, runs, reference ? &ref_median : &port_median, reference ? &ref_min : &port_min);
    }
    const qrt_memory_report& r = model.plan;
    if (json) {
      j.begin_object().key("model").value(m.name).key("arena_bytes").value(static_cast<uint64_t>(r.arena_bytes));
      j.key("tflm_arena_bytes").value(static_cast<uint64_t>(m.tflm_arena));
      j.key("activation_bytes").value(static_cast<uint64_t>(r.activation_bytes));
      j.key("runtime_state_bytes").value(static_cast<uint64_t>(r.runtime_state_bytes));
      j.key("reference_median_us").value(ref_median).key("reference_min_us").value(ref_min);
      j.key("port_median_us").value(port_median).key("port_min_us").value(port_min);
      j.key("tflm_median_us").value(m.tflm_ms * 1000.0).end_object();
    } else {
      char tflm_ms[32] = "-", tflm_arena[32] = "-", ratio[32] = "-";
      if (m.tflm_ms > 0) std::snprintf(tflm_ms, sizeof tflm_ms, "%.0f", m.tflm_ms * 1000.0);
      if (m.tflm_arena > 0) {
        std::snprintf(tflm_arena, sizeof tflm_arena, "%zu", m.tflm_arena);
        std::snprintf(ratio, sizeof ratio, "%.2f",
                      static_cast<double>(r.arena_bytes) / static_cast<double>(m.tflm_arena));
      }
      std::printf("| %s | %zu | %s | %s | %zu | %zu | %.1f | %.1f | %.1f | %s |\n", m.name,
                  r.arena_bytes, tflm_arena, ratio, r.activation_bytes, r.runtime_state_bytes,
                  ref_median, ref_min, port_median, tflm_ms);
    }
  }
  j.end_array().end_object();
  if (json) std::printf("%s\n", j.str().c_str());
  if (!json) {
    std::printf("\nTFLM figures: golden/tflm/mlperf/README.md (x86-64); '-': no recorded TFLM run.\n");
  }
  return 0;
}
