// qrt quantize: post-training quantization of a float32 TFLite CNN with calibration data
// (runtime/host/quantize/tflite_quantize.h), with every weight's error and every activation's
// range reported (table, and JSON with --json).
#include <cstdio>
#include <string>
#include <vector>

#include "accept/eval_set_builder.h"
#include "blob_writer.h"
#include "command.h"
#include "file_io.h"
#include "json_writer.h"
#include "model_file.h"
#include "progress.h"
#include "quantize/mixed_precision.h"
#include "quantize/sensitivity.h"
#include "quantize/tflite_quantize.h"
#include "tflite_import.h"

namespace qrt {
namespace cli {
namespace {

const Option kQuantizeOptions[] = {
    {"-o", "OUT.qrt", "the quantized blob to write (--output is the same)"},
    {"--output", "OUT.qrt", "the quantized blob to write"},
    {"--calib", "SET.qev|DIR", "calibration data: an evaluation set, or a sample folder (MLPerf Tiny preset by its name)"},
    {"--calib-count", "N", "calibrate on the first N units only (evaluate on the rest: qrt accept --skip-units N)"},
    {"--calib-method", "minmax|percentile|mse|entropy", "how each activation's range is chosen (default minmax)"},
    {"--percentile", "P", "the percentile method's P in (0, 100] (default 99.99)"},
    {"--weights", "int8|int4", "weight type: int8 (default), or packed INT4 for CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (MSE-clipped scales)"},
    {"--granularity", "per-channel|per-tensor", "one weight scale per output channel (default) or per tensor"},
    {"--activations", "int8|int16", "int8 asymmetric (default) or int16 symmetric activations (16x8)"},
    {"--rounding", "nearest|adaround|gptq", "how CONV_2D / FULLY_CONNECTED weights round per channel: nearest (default), or to the least layer output error on the calibration inputs (AdaRound's objective, or GPTQ)"},
    {"--bias-correction", nullptr, "subtract the mean output shift the weight rounding causes from each bias"},
    {"--equalize", nullptr, "cross-layer equalization of consecutive convolutions' channel ranges first (depthwise-separable nets)"},
    {"--mixed", nullptr, "mixed precision: INT4 for the layers whose rounding costs the least output noise per byte, int8 for the rest, to meet --max-flash or --max-drop"},
    {"--max-flash", "BYTES", "--mixed: the fewest INT4 layers whose blob fits BYTES"},
    {"--max-drop", "PTS", "--mixed: the most INT4 layers whose top-1 on the calibration units stays within PTS points of float's"},
    {"--sensitivity", nullptr, "also measure each layer alone with 8- and 4-bit weights, and with its output at 8 / 16 bits: output SNR against float"},
    {"--json", nullptr, "print the report as JSON (models/formats/JSON.md, qrt-quantize) instead of the table"},
    {"--json-out", "FILE", "also write the JSON report to FILE"},
};

bool parse_config(const Args& args, host::CnnQuantConfig* c, std::string* error) {
  const std::string w = args.get("--weights", "int8");
  if (w != "int8" && w != "int4") {
    *error = "--weights is int8 or int4";
    return false;
  }
  c->weight_bits = w == "int4" ? 4 : 8;
  const std::string g = args.get("--granularity", "per-channel");
  if (g != "per-channel" && g != "per-tensor") {
    *error = "--granularity is per-channel or per-tensor";
    return false;
  }
  c->per_channel = g == "per-channel";
  const std::string a = args.get("--activations", "int8");
  if (a != "int8" && a != "int16") {
    *error = "--activations is int8 or int16";
    return false;
  }
  c->activation_bits = a == "int16" ? 16 : 8;
  c->bias_correction = args.has("--bias-correction");
  if (!host::parse_weight_rounding(args.get("--rounding", "nearest"), &c->rounding)) {
    *error = "--rounding is nearest, adaround or gptq";
    return false;
  }
  if (c->rounding != host::WeightRounding::kNearest && !c->per_channel) {
    *error = "--rounding " + args.get("--rounding") + " needs per-channel weights";
    return false;
  }
  c->equalize = args.has("--equalize");
  if (!parse_calibration_method(args.get("--calib-method", "minmax"), &c->calibration.method)) {
    *error = "--calib-method is minmax, percentile, mse or entropy";
    return false;
  }
  if (args.has("--percentile") &&
      (!parse_double(args.get("--percentile"), &c->calibration.percentile) ||
       !(c->calibration.percentile > 0.0 && c->calibration.percentile <= 100.0))) {
    *error = "--percentile expects a number in (0, 100]";
    return false;
  }
  return true;
}

// TFLite joins the names of fused operations with ';': the first is enough for a table.
std::string short_name(const std::string& name) {
  std::string s = name.substr(0, name.find(';'));
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

// --mixed and its goal: usage errors in *error.
bool parse_mixed(const Args& args, const host::CnnQuantConfig& c, host::MixedPrecisionGoal* goal,
                 std::string* error) {
  const bool mixed = args.has("--mixed");
  if (!mixed) {
    if (args.has("--max-flash") || args.has("--max-drop")) *error = "--max-flash and --max-drop go with --mixed";
    return error->empty();
  }
  if (!args.has("--max-flash") && !args.has("--max-drop")) {
    *error = "--mixed needs --max-flash BYTES or --max-drop PTS";
    return false;
  }
  if (args.has("--weights") || c.activation_bits != 8) {
    *error = "--mixed chooses the weights' bits itself, under int8 activations (no --weights, no --activations int16)";
    return false;
  }
  long long bytes = 0;
  if (args.has("--max-flash") && (!count_flag(args, "--max-flash", 0, &bytes, INT32_MAX) || bytes <= 0)) {
    *error = "--max-flash expects a byte count of at least 1";
    return false;
  }
  goal->max_flash_bytes = bytes;
  if (args.has("--max-drop") &&
      (!parse_double(args.get("--max-drop"), &goal->max_drop_pts) || !(goal->max_drop_pts >= 0.0) ||
       goal->max_drop_pts > 100.0)) {
    *error = "--max-drop expects points in [0, 100]";
    return false;
  }
  return true;
}

void print_mixed(const host::MixedPrecisionReport& m) {
  std::printf("\nmixed precision: %s; %d of %zu eligible layers INT4, blob %lld B (all int8 %lld B)\n",
              m.rule.c_str(), m.int4_layers, m.ranked.size(), static_cast<long long>(m.flash_bytes),
              static_cast<long long>(m.int8_flash_bytes));
  if (m.calibration_accuracy >= 0.0) {
    std::printf("calibration top-1 %.2f%% vs float %.2f%%\n", m.calibration_accuracy, m.float_calibration_accuracy);
  }
  std::printf("%4s %-18s %-40s %9s %9s %9s %11s %4s\n", "op", "kind", "weights", "saved B", "W8 dB", "W4 dB",
              "cost", "bits");
  for (const auto& l : m.ranked) {
    std::printf("%4d %-18s %-40s %9lld %9.2f %9.2f %11.3e %4d\n", l.op, l.op_name.c_str(), short_name(l.weights).c_str(),
                static_cast<long long>(l.bytes_saved), l.snr_db_w8, l.snr_db_w4, l.cost, l.bits);
  }
}

std::string report_json(const host::CnnQuantReport& r, const std::vector<host::LayerSensitivity>& sens,
                        const host::MixedPrecisionReport* mixed, const std::string& in, const std::string& out,
                        size_t blob_bytes, const qrt_memory_report& plan) {
  host::JsonWriter j;
  j.begin_object().key("schema").value("qrt-quantize").key("schema_version").value(1);
  j.key("model").value(in).key("output").value(out).key("strategy").value(r.strategy);
  j.key("calibration").begin_object().key("set").value(r.calibration_set);
  j.key("units").value(r.calibration_units).key("samples").value(r.calibration_samples).end_object();
  j.key("equalization").begin_object().key("pairs").value(r.equalization.pairs);
  j.key("worst_channel_spread_before").value(r.equalization.worst_channel_spread_before);
  j.key("worst_channel_spread_after").value(r.equalization.worst_channel_spread_after).end_object();
  j.key("flash_bytes").value(static_cast<uint64_t>(blob_bytes));
  j.key("arena_bytes").value(static_cast<uint64_t>(plan.arena_bytes));
  j.key("weights").begin_array();
  for (const auto& w : r.weights) {
    j.begin_object().key("operator").value(w.op).key("op").value(w.op_name).key("name").value(w.name);
    j.key("bits").value(w.bits).key("scales").value(w.channels).key("elements").value(w.elements);
    j.key("mse").value(w.error.mse).key("snr_db").value(w.error.snr_db).key("max_abs_error").value(w.error.max_abs);
    j.key("bias_shift_max").value(w.bias_shift_max);
    j.end_object();
  }
  j.end_array().key("activations").begin_array();
  for (const auto& a : r.activations) {
    j.begin_object().key("tensor").value(a.tensor).key("name").value(a.name).key("rule").value(a.rule);
    j.key("observed_min").value(a.observed_min).key("observed_max").value(a.observed_max);
    j.key("low").value(a.low).key("high").value(a.high);
    j.key("scale").value(static_cast<double>(a.scale)).key("zero_point").value(a.zero_point);
    j.end_object();
  }
  j.end_array().key("sensitivity").begin_array();
  for (const auto& l : sens) {
    j.begin_object().key("operator").value(l.op).key("op").value(l.op_name).key("name").value(l.weights);
    j.key("elements").value(l.elements).key("snr_db_w8").value(l.snr_db[0]).key("snr_db_w4").value(l.snr_db[1]);
    j.key("snr_db_a8").value(l.snr_db_a8).key("snr_db_a16").value(l.snr_db_a16);
    j.end_object();
  }
  j.end_array();
  if (mixed != nullptr) {
    j.key("mixed").begin_object().key("rule").value(mixed->rule).key("int4_layers").value(mixed->int4_layers);
    j.key("int8_flash_bytes").value(mixed->int8_flash_bytes);
    j.key("calibration_accuracy").value(mixed->calibration_accuracy);
    j.key("float_calibration_accuracy").value(mixed->float_calibration_accuracy).key("layers").begin_array();
    for (const auto& l : mixed->ranked) {
      j.begin_object().key("operator").value(l.op).key("op").value(l.op_name).key("name").value(l.weights);
      j.key("bytes_saved").value(l.bytes_saved).key("snr_db_w8").value(l.snr_db_w8);
      j.key("snr_db_w4").value(l.snr_db_w4).key("cost").value(l.cost).key("bits").value(l.bits).end_object();
    }
    j.end_array().end_object();
  }
  j.end_object();
  return j.str() + "\n";
}

void print_report(const host::CnnQuantReport& r) {
  std::printf("%4s %-18s %-40s %4s %7s %12s %8s\n", "op", "kind", "weights", "bits", "scales", "mse", "snr_db");
  for (const auto& w : r.weights) {
    std::printf("%4d %-18s %-40s %4d %7d %12.4e %8.2f\n", w.op, w.op_name.c_str(), short_name(w.name).c_str(),
                w.bits, w.channels, w.error.mse, w.error.snr_db);
  }
  std::printf("\n%4s %-40s %10s %10s %10s %10s %11s %5s  %s\n", "t", "activation", "min", "max", "low",
              "high", "scale", "zp", "rule");
  for (const auto& a : r.activations) {
    std::printf("%4d %-40s %10.4g %10.4g %10.4g %10.4g %11.5g %5d  %s\n", a.tensor, short_name(a.name).c_str(),
                a.observed_min, a.observed_max, a.low, a.high, static_cast<double>(a.scale), a.zero_point,
                a.rule.c_str());
  }
}

int run_quantize(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kQuantizeOptions), &error)) return usage_error("quantize", error);
  const std::string out = args.get("-o", args.get("--output"));
  if (args.positionals().size() != 1 || out.empty() || !args.has("--calib")) {
    return usage_error("quantize", "expected FLOAT.tflite --calib SET -o OUT.qrt");
  }
  host::CnnQuantConfig config;
  if (!parse_config(args, &config, &error)) return usage_error("quantize", error);
  host::MixedPrecisionGoal goal;
  if (!parse_mixed(args, config, &goal, &error)) return usage_error("quantize", error);
  long long count = 0;
  if (!count_flag(args, "--calib-count", 0, &count, UINT32_MAX) || (args.has("--calib-count") && count == 0)) {
    return usage_error("quantize", "--calib-count expects a count of at least 1");
  }
  const std::string& in = args.positionals()[0];
  std::vector<uint8_t> tflite, set_raw;
  if (!host::read_file_bytes(in, &tflite, &error, host::kMaxTfliteFileBytes)) return failure("quantize", error);
  if (!host::is_tflite_bytes(tflite.data(), tflite.size())) {
    return failure("quantize", in + ": not a TFLite flatbuffer (qrt quantize takes a float32 .tflite)");
  }
  bool built = false;
  if (!host::accept::read_or_build_eval_set(args.get("--calib"), {}, &set_raw, &built, &error)) {
    return failure("quantize", error);
  }
  host::AlignedBytes set_bytes;
  set_bytes.assign(set_raw.data(), set_raw.size());
  qrt_eval_set set;
  qrt_error err{};
  const qrt_status st = qrt_eval_set_open(set_bytes.data(), set_bytes.size(), 0, &set, &err);
  if (st != QRT_OK) return failure("quantize", args.get("--calib") + ": " + host::describe_error(st, err));
  if (static_cast<unsigned long long>(count) > set.unit_count) {
    return usage_error("quantize", "--calib-count " + std::to_string(count) + " exceeds the set's " +
                                       std::to_string(set.unit_count) + " units");
  }
  const std::string name = in.substr(in.find_last_of('/') == std::string::npos ? 0 : in.find_last_of('/') + 1);
  std::vector<uint8_t> blob;
  host::CnnQuantReport report;
  host::Progress bar;
  host::MixedPrecisionReport mixed;
  const bool ok = args.has("--mixed")
                      ? host::quantize_tflite_mixed(tflite.data(), tflite.size(), name, set,
                                                    static_cast<uint32_t>(count), config, goal,
                                                    bar.callback(), &blob, &report, &mixed, &error)
                      : host::quantize_tflite(tflite.data(), tflite.size(), name, set,
                                              static_cast<uint32_t>(count), config, bar.callback(),
                                              &blob, &report, &error);
  if (!ok) return failure("quantize", in + ": " + error);
  std::vector<host::LayerSensitivity> sensitivity;
  if (args.has("--sensitivity") &&
      (!host::layer_sensitivity(tflite.data(), tflite.size(), set, static_cast<uint32_t>(count), {8, 4},
                                bar.callback(), &sensitivity, &error) ||
       !host::layer_activation_sensitivity(tflite.data(), tflite.size(), set, static_cast<uint32_t>(count),
                                           bar.callback(), &sensitivity, &error))) {
    return failure("quantize", in + ": " + error);
  }
  bar.finish();
  host::ModelFile model;
  if (!host::load_model_bytes(blob, &model, &error)) return failure("quantize", in + ": " + error);
  if (!host::write_file_bytes(out, blob, &error)) return failure("quantize", error);
  const std::string json = report_json(report, sensitivity, args.has("--mixed") ? &mixed : nullptr, in, out,
                                       blob.size(), model.plan);
  if (args.has("--json-out") &&
      !host::write_file_bytes(args.get("--json-out"), std::vector<uint8_t>(json.begin(), json.end()), &error)) {
    return failure("quantize", error);
  }
  if (args.has("--json")) {
    std::fputs(json.c_str(), stdout);
    return 0;
  }
  print_report(report);
  if (args.has("--mixed")) print_mixed(mixed);
  if (!sensitivity.empty()) {
    std::printf("\nsensitivity: output SNR vs float with only this layer's weights rounded (per channel), or only its\n"
                "output activation rounded to int8 / int16\n");
    std::printf("%4s %-18s %-40s %9s %9s %9s %9s %9s\n", "op", "kind", "weights", "elements", "W8 dB", "W4 dB",
                "A8 dB", "A16 dB");
    for (const auto& l : sensitivity) {
      std::printf("%4d %-18s %-40s %9lld %9.2f %9.2f %9.2f %9.2f\n", l.op, l.op_name.c_str(),
                  short_name(l.weights).c_str(), static_cast<long long>(l.elements), l.snr_db[0], l.snr_db[1],
                  l.snr_db_a8, l.snr_db_a16);
    }
  }
  if (config.equalize) {
    std::printf("\nequalized %d layer pairs: widest / narrowest channel range of their first layers %.1f -> %.1f\n",
                report.equalization.pairs, report.equalization.worst_channel_spread_before,
                report.equalization.worst_channel_spread_after);
  }
  std::printf("\n%s -> %s (%s): calibrated on %u units (%u samples) of '%s'; blob %zu bytes, "
              "weights %zu bytes, arena %zu bytes\n",
              in.c_str(), out.c_str(), report.strategy.c_str(), report.calibration_units,
              report.calibration_samples, report.calibration_set.c_str(), blob.size(),
              model.plan.constant_bytes, model.plan.arena_bytes);
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("quantize",
                "quantize FLOAT.tflite --calib SET.qev|DIR [--calib-count N] [--calib-method M] "
                "[--weights int8|int4 | --mixed --max-flash B|--max-drop PTS] [--granularity per-channel|per-tensor] "
                "[--activations int8|int16] [--json] [--json-out FILE] -o OUT.qrt",
                "Post-training quantization of a float32 TFLite model: runs it over the calibration "
                "data, chooses every activation's range,\nquantizes weights (int8, INT4 or mixed, per channel or "
                "per tensor) and biases, and writes an integer blob with TFLite's int8 / 16x8 semantics.",
                options_of(kQuantizeOptions), run_quantize);

}  // namespace cli
}  // namespace qrt
