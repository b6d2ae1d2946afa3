// qrt inspect / plan / run: look inside a .qrt blob and run it on the host.
#include <cctype>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

#include "blob_writer.h"
#include "command.h"
#include "file_io.h"
#include "json_writer.h"
#include "memory_json.h"
#include "model_file.h"
#include "op_registry.h"
#include "plan_targets.h"
#include "qrt/format.h"
#include "qrt/ops/op_codes.h"

namespace qrt {
namespace cli {
namespace {

using host::JsonWriter;

const char* dtype_name(uint32_t dtype) {
  switch (dtype) {
    case QRT_DTYPE_INT8: return "int8";
    case QRT_DTYPE_INT16: return "int16";
    case QRT_DTYPE_INT32: return "int32";
    case QRT_DTYPE_INT4: return "int4";
    case QRT_DTYPE_FLOAT32: return "float32";
    case QRT_DTYPE_UINT8: return "uint8";
    default: return "?";
  }
}

const char* kind_name(uint32_t kind) {
  switch (kind) {
    case format::kTensorConstant: return "const";
    case format::kTensorActivation: return "act";
    case format::kTensorPersistent: return "state";
    default: return "?";
  }
}

const char* quant_name(uint32_t kind) {
  switch (kind) {
    case QRT_QUANT_PER_TENSOR: return "per-tensor";
    case QRT_QUANT_PER_CHANNEL: return "per-channel";
    case QRT_QUANT_PER_GROUP: return "per-group";
    default: return "none";
  }
}

// Read-only walk over a blob that qrt_plan_memory() has validated.
struct BlobTables {
  const format::TensorRecord* tensors = nullptr;
  uint32_t tensor_count = 0;
  const format::OperatorRecord* ops = nullptr;
  uint32_t op_count = 0;
  const int32_t* indices = nullptr;
  const format::GraphRecord* graph = nullptr;
  const uint8_t* quant = nullptr;
  const char* strings = nullptr;
  const char* metadata = nullptr;
  uint32_t metadata_count = 0;
};

BlobTables tables_of(const uint8_t* blob) {
  BlobTables t;
  const auto* h = reinterpret_cast<const format::Header*>(blob);
  const auto* s = reinterpret_cast<const format::SectionEntry*>(blob + sizeof(format::Header));
  for (uint32_t i = 0; i < h->section_count; ++i) {
    const uint8_t* p = blob + s[i].offset;
    switch (s[i].kind) {
      case format::kSectionTensors:
        t.tensors = reinterpret_cast<const format::TensorRecord*>(p);
        t.tensor_count = s[i].count;
        break;
      case format::kSectionOperators:
        t.ops = reinterpret_cast<const format::OperatorRecord*>(p);
        t.op_count = s[i].count;
        break;
      case format::kSectionIndices: t.indices = reinterpret_cast<const int32_t*>(p); break;
      case format::kSectionGraph: t.graph = reinterpret_cast<const format::GraphRecord*>(p); break;
      case format::kSectionQuant: t.quant = p; break;
      case format::kSectionStrings: t.strings = reinterpret_cast<const char*>(p); break;
      case format::kSectionMetadata:
        t.metadata = reinterpret_cast<const char*>(p);
        t.metadata_count = s[i].count;
        break;
      default: break;
    }
  }
  return t;
}

std::string shape_text(const format::TensorRecord& r) {
  std::string s = "[";
  for (uint32_t d = 0; d < r.rank; ++d) s += (d ? "," : "") + std::to_string(r.dims[d]);
  return s + "]";
}

const format::QuantRecord* quant_of(const BlobTables& t, const format::TensorRecord& r) {
  return r.quant == format::kNone ? nullptr
                                  : reinterpret_cast<const format::QuantRecord*>(t.quant + r.quant);
}

void memory_text(const qrt_memory_report& m) {
  std::printf("arena bytes            %zu\n", m.arena_bytes);
  std::printf("  runtime state        %zu\n", m.runtime_state_bytes);
  std::printf("  persistent (KV)      %zu\n", m.persistent_bytes);
  std::printf("  activations          %zu  (unshared sum %zu, graph I/O %zu)\n",
              m.activation_bytes, m.naive_activation_bytes, m.io_bytes);
  std::printf("  scratch              %zu\n", m.scratch_bytes);
  std::printf("  plan check           %zu  (workspace at create, reused by the above)\n",
              m.plan_check_bytes);
  std::printf("flash: blob bytes      %zu  (constants %zu)\n", m.blob_bytes, m.constant_bytes);
}

// The plan's region sizes as C macros with this prefix, for a firmware's arena declaration and
// for tests that check a device against the host.
void memory_macros(std::string* out, const char* prefix, const qrt_memory_report& m) {
  const struct {
    const char* name;
    size_t value;
  } fields[] = {{"ARENA_BYTES", m.arena_bytes},           {"RUNTIME_STATE_BYTES", m.runtime_state_bytes},
                {"PERSISTENT_BYTES", m.persistent_bytes}, {"ACTIVATION_BYTES", m.activation_bytes},
                {"SCRATCH_BYTES", m.scratch_bytes},       {"PLAN_CHECK_BYTES", m.plan_check_bytes}};
  for (const auto& f : fields) {
    *out += "#define " + std::string(prefix) + f.name + " " + std::to_string(f.value) + "u\n";
  }
}

// The model's operator set for a firmware (qrt/qrt_ops.h): QRT_PLAN_OPS, the operator objects
// (QRT_DEFAULT_OP_TABLE(QRT_PLAN_OPS)), and QRT_PLAN_OP_NAMES, their names for reports, in op
// code order without repeats.
void op_set_macros(std::string* h, const std::string& prefix, const BlobTables& t) {
  // (op code, dispatch dtype): what a session looks an operator up by.
  std::set<std::pair<uint32_t, uint32_t>> used;
  for (uint32_t i = 0; i < t.op_count; ++i) {
    used.insert({t.ops[i].op_code, dispatch_dtype(t.ops[i], t.indices, t.tensors)});
  }
  std::string objects, names;
  for (const auto& [code, dtype] : used) {
    const std::string object = host::op_object_name(code, dtype);  // "qrt_op_conv2d_s8"
    objects += (objects.empty() ? "&" : ", &") + object;
    names += (names.empty() ? "" : ",") + object.substr(sizeof("qrt_op_") - 1);
  }
  *h += "#define " + prefix + "OPS " + objects + "\n";
  *h += "#define " + prefix + "OP_NAMES \"" + names + "\"\n";
}

const Option kPlanOptions[] = {
    {"--target", "T", "the target whose kernels size the scratch: host (default), cortex-m3, cortex-m4, cortex-m7, cortex-m55, aarch64, armhf"},
    {"--reference", nullptr, "the plan with qrt_options.use_reference_kernels (the reference kernels' scratch)"},
    {"--json", nullptr, "print the plan as JSON"},
    {"--c-header", nullptr, "write the plan as C macros (QRT_PLAN_ARENA_BYTES, ..., QRT_PLAN_OPS) to -o FILE"},
    {"-o", "FILE.h", "the header --c-header writes"},
    {"--prefix", "NAME_", "the --c-header macros' prefix (default QRT_PLAN_): NAME_ARENA_BYTES, NAME_OPS, ..."},
};

const Option kInspectOptions[] = {
    {"--json", nullptr, "print everything as JSON"},
};

const Option kRunOptions[] = {
    {"--input", "IN.bin", "raw bytes of the next graph input in its stored type (one per input, in order)"},
    {"--output", "OUT.bin", "write the next graph output's raw bytes (repeatable); without it output 0 is printed"},
    {"--reference", nullptr, "run the reference kernels instead of the optimized ones"},
};

bool is_c_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) != 0) return false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

// qrt plan MODEL [--target T] [--reference] [--json | --c-header -o FILE]
int run_plan(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kPlanOptions), &error)) {
    return usage_error("plan", error);
  }
  if (args.positionals().size() != 1) return usage_error("plan", "expected one MODEL.qrt");
  if (args.has("--c-header") != args.has("-o")) {
    return usage_error("plan", "--c-header and -o FILE go together");
  }
  if (args.has("--c-header") && (args.has("--json") || args.has("--reference"))) {
    return usage_error("plan", "--c-header writes both kernel choices; no --json or --reference");
  }
  if (args.has("--prefix") && (!args.has("--c-header") || !is_c_identifier(args.get("--prefix")))) {
    return usage_error("plan", "--prefix goes with --c-header and is a C identifier (QRT_PERSON_)");
  }
  const std::string target_name = args.get("--target", "host");
  PlanTarget target, reference;
  if (!host::plan_target(target_name, args.has("--reference"), &target) ||
      !host::plan_target(target_name, true, &reference)) {
    return usage_error("plan", "unknown --target '" + target_name + "' (" +
                                   host::plan_target_names() + ")");
  }
  host::ModelFile model;
  qrt_memory_report plan{}, reference_plan{};
  if (!host::load_model_file(args.positionals()[0], &model, &error) ||
      !host::plan_model_for(model, target, &plan, &error) ||
      !host::plan_model_for(model, reference, &reference_plan, &error)) {
    return failure("plan", error);
  }
  const IsaSet isas = target.isas;
  if (args.has("--c-header")) {
    const std::string prefix = args.get("--prefix", "QRT_PLAN_");
    std::string h = "/* qrt plan " + args.positionals()[0] + " --target " + target_name +
                    " (generated; do not edit). " + prefix + "*: the target's kernels;\n * " +
                    prefix + "REFERENCE_*: with qrt_options.use_reference_kernels. */\n";
    memory_macros(&h, prefix.c_str(), plan);
    memory_macros(&h, (prefix + "REFERENCE_").c_str(), reference_plan);
    op_set_macros(&h, prefix, tables_of(model.blob.data()));
    if (!host::write_file_bytes(args.get("-o"), {h.begin(), h.end()}, &error)) {
      return failure("plan", error);
    }
    return 0;
  }
  if (args.has("--json")) {
    JsonWriter j;
    j.begin_object();
    j.key("schema").value("qrt-plan").key("schema_version").value(1);
    j.key("target").value(target_name);
    j.key("conv2d_kernels").value(isa_name(conv2d_s8_variant(isas)));
    j.key("matmul_kernels").value(isa_name(llm_matvec_variant(isas)));
    host::write_memory_json(j, plan);
    j.end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("target %s (%u-byte pointers; CONV_2D kernels %s, MATMUL kernels %s)\n",
                target_name.c_str(), target.pointer_bytes, isa_name(conv2d_s8_variant(isas)),
                isa_name(llm_matvec_variant(isas)));
    memory_text(plan);
  }
  return 0;
}

int run_inspect(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kInspectOptions), &error)) return usage_error("inspect", error);
  if (args.positionals().size() != 1) return usage_error("inspect", "expected one MODEL.qrt");
  host::ModelFile model;
  if (!host::load_model_file(args.positionals()[0], &model, &error)) {
    return failure("inspect", error);
  }
  const BlobTables t = tables_of(model.blob.data());
  auto name_of = [&](const format::TensorRecord& r) {
    return r.name == format::kNone ? std::string() : std::string(t.strings + r.name);
  };
  if (args.has("--json")) {
    JsonWriter j;
    j.begin_object().key("schema").value("qrt-inspect").key("schema_version").value(1);
    j.key("metadata").begin_object();
    const char* m = t.metadata;
    for (uint32_t i = 0; i < t.metadata_count; ++i) {
      const char* v = m + std::strlen(m) + 1;
      j.key(m).value(v);
      m = v + std::strlen(v) + 1;
    }
    j.end_object().key("tensors").begin_array();
    for (uint32_t i = 0; i < t.tensor_count; ++i) {
      const format::TensorRecord& r = t.tensors[i];
      j.begin_object().key("index").value(i).key("name").value(name_of(r));
      j.key("dtype").value(dtype_name(r.dtype)).key("kind").value(kind_name(r.kind));
      j.key("shape").begin_array();
      for (uint32_t d = 0; d < r.rank; ++d) j.value(r.dims[d]);
      j.end_array().key("bytes").value(r.data_bytes).key("offset").value(r.data_offset);
      if (r.kind == format::kTensorActivation) {
        j.key("first_op").value(r.first_op).key("last_op").value(r.last_op);
      }
      if (const format::QuantRecord* q = quant_of(t, r)) {
        const float* scales = reinterpret_cast<const float*>(q + 1);
        const int32_t* zps = reinterpret_cast<const int32_t*>(q + 1) + q->count;
        j.key("quantization").begin_object().key("kind").value(quant_name(q->kind));
        j.key("axis").value(q->axis).key("group_size").value(q->group_size);
        j.key("scales").begin_array();
        for (uint32_t k = 0; k < q->count; ++k) j.value(static_cast<double>(scales[k]));
        j.end_array().key("zero_points").begin_array();
        for (uint32_t k = 0; k < q->count; ++k) j.value(zps[k]);
        j.end_array().end_object();
      }
      j.end_object();
    }
    j.end_array().key("operators").begin_array();
    for (uint32_t i = 0; i < t.op_count; ++i) {
      const format::OperatorRecord& o = t.ops[i];
      j.begin_object().key("index").value(i).key("op").value(op_code_name(o.op_code));
      j.key("inputs").begin_array();
      for (uint32_t k = 0; k < o.input_count; ++k) j.value(t.indices[o.inputs + k]);
      j.end_array().key("outputs").begin_array();
      for (uint32_t k = 0; k < o.output_count; ++k) j.value(t.indices[o.outputs + k]);
      j.end_array().key("in_place").value((o.flags & format::kOpInPlace) != 0);
      j.key("params_bytes").value(o.params_bytes).end_object();
    }
    j.end_array().key("memory").begin_object();
    host::write_memory_json(j, model.plan);
    j.end_object().end_object();
    std::printf("%s\n", j.str().c_str());
    return 0;
  }
  std::printf("model %s: %u tensors, %u operators\n", args.positionals()[0].c_str(),
              t.tensor_count, t.op_count);
  const char* m = t.metadata;
  for (uint32_t i = 0; i < t.metadata_count; ++i) {
    const char* v = m + std::strlen(m) + 1;
    std::printf("  %s = %s\n", m, v);
    m = v + std::strlen(v) + 1;
  }
  std::printf("\noperators\n");
  for (uint32_t i = 0; i < t.op_count; ++i) {
    const format::OperatorRecord& o = t.ops[i];
    std::string ins, outs;
    for (uint32_t k = 0; k < o.input_count; ++k) ins += (k ? "," : "") + std::to_string(t.indices[o.inputs + k]);
    for (uint32_t k = 0; k < o.output_count; ++k) outs += (k ? "," : "") + std::to_string(t.indices[o.outputs + k]);
    std::printf("  %3u %-18s (%s) -> (%s)%s\n", i, op_code_name(o.op_code), ins.c_str(),
                outs.c_str(), (o.flags & format::kOpInPlace) ? "  in place" : "");
  }
  std::printf("\ntensors\n  idx kind  dtype    shape            bytes    offset  life     quantization  name\n");
  for (uint32_t i = 0; i < t.tensor_count; ++i) {
    const format::TensorRecord& r = t.tensors[i];
    std::string life = r.kind == format::kTensorActivation
                           ? std::to_string(r.first_op) + "-" + std::to_string(r.last_op)
                           : "";
    std::string quant = "-";
    if (const format::QuantRecord* q = quant_of(t, r)) {
      const float* scales = reinterpret_cast<const float*>(q + 1);
      const int32_t* zps = reinterpret_cast<const int32_t*>(q + 1) + q->count;
      char buf[96];
      if (q->count == 1) {
        std::snprintf(buf, sizeof buf, "s=%.6g zp=%d", static_cast<double>(scales[0]), zps[0]);
      } else {
        std::snprintf(buf, sizeof buf, "%s x%u", quant_name(q->kind), q->count);
      }
      quant = buf;
    }
    std::printf("  %3u %-5s %-8s %-16s %-8u %-7u %-8s %-13s %s\n", i, kind_name(r.kind),
                dtype_name(r.dtype), shape_text(r).c_str(), r.data_bytes, r.data_offset,
                life.c_str(), quant.c_str(), name_of(r).c_str());
  }
  std::printf("\nmemory plan\n");
  memory_text(model.plan);
  return 0;
}

// "label (dtype, N bytes): v0 v1 ...": the first 64 elements as numbers of their type.
void print_values(const char* label, const qrt_tensor_view& t) {
  std::printf("%s (%s, %zu bytes):", label, dtype_name(t.dtype), t.bytes);
  size_t element = 1;
  if (t.dtype == QRT_DTYPE_INT16) element = 2;
  if (t.dtype == QRT_DTYPE_INT32 || t.dtype == QRT_DTYPE_FLOAT32) element = 4;
  const size_t count = t.bytes / element;
  for (size_t k = 0; k < count && k < 64; ++k) {
    const uint8_t* p = static_cast<const uint8_t*>(t.data) + k * element;
    if (t.dtype == QRT_DTYPE_INT8) {
      std::printf(" %d", static_cast<int8_t>(*p));
    } else if (t.dtype == QRT_DTYPE_INT16) {
      int16_t v;
      std::memcpy(&v, p, 2);
      std::printf(" %d", v);
    } else if (t.dtype == QRT_DTYPE_UINT8) {
      std::printf(" %u", unsigned{*p});
    } else if (t.dtype == QRT_DTYPE_INT32) {
      int32_t v;
      std::memcpy(&v, p, 4);
      std::printf(" %d", v);
    } else if (t.dtype == QRT_DTYPE_FLOAT32) {
      float v;
      std::memcpy(&v, p, 4);
      std::printf(" %.7g", static_cast<double>(v));
    } else {
      std::printf(" %02x", *p);
    }
  }
  std::printf("%s\n", count > 64 ? " ..." : "");
}

int run_run(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.parse(argc, argv, options_of(kRunOptions), &error)) {
    return usage_error("run", error);
  }
  if (args.positionals().size() != 1) return usage_error("run", "expected one MODEL.qrt");
  host::ModelFile model;
  if (!host::load_model_file(args.positionals()[0], &model, &error)) return failure("run", error);
  const char* quant = nullptr;
  if (qrt_blob_metadata(model.blob.data(), model.blob.size(), "llama.quant", &quant) == QRT_OK) {
    return failure("run", args.positionals()[0] + " is a language model: run it token by token "
                          "with 'qrt generate' or score it with 'qrt perplexity'");
  }
  qrt_options options = {};
  options.use_reference_kernels = args.has("--reference") ? 1 : 0;
  host::HostSession session;
  if (!session.open(model, &options, &error)) return failure("run", error);
  const std::vector<std::string> inputs = args.all("--input");
  const int32_t input_count = qrt_session_input_count(session.get());
  if (static_cast<int32_t>(inputs.size()) != input_count) {
    return usage_error("run", "the model has " + std::to_string(input_count) +
                                  " input(s); give one --input file each");
  }
  for (int32_t i = 0; i < input_count; ++i) {
    std::vector<uint8_t> bytes;
    if (!host::read_file_bytes(inputs[static_cast<size_t>(i)], &bytes, &error)) {
      return failure("run", error);
    }
    const qrt_tensor_view in = session.input(i);
    if (bytes.size() != in.bytes) {
      return failure("run", inputs[static_cast<size_t>(i)] + " has " + std::to_string(bytes.size()) +
                                " bytes; input " + std::to_string(i) + " needs " +
                                std::to_string(in.bytes));
    }
    std::memcpy(in.data, bytes.data(), bytes.size());
  }
  if (!session.invoke(&error)) return failure("run", error);
  const std::vector<std::string> outputs = args.all("--output");
  const int32_t output_count = qrt_session_output_count(session.get());
  if (static_cast<int32_t>(outputs.size()) > output_count) {
    return usage_error("run", "more --output files than model outputs");
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    const qrt_tensor_view out = session.output(static_cast<int32_t>(i));
    const auto* p = static_cast<const uint8_t*>(out.data);
    if (!host::write_file_bytes(outputs[i], std::vector<uint8_t>(p, p + out.bytes), &error)) {
      return failure("run", error);
    }
  }
  if (outputs.empty()) {
    const qrt_tensor_view out = session.output(0);
    print_values("output 0", out);
  }
  return 0;
}

}  // namespace

QRT_CLI_COMMAND("inspect", "inspect MODEL.qrt [--json]",
                "Lists the blob's operators, tensors, quantization, lifetimes and memory plan.",
                options_of(kInspectOptions), run_inspect);
QRT_CLI_COMMAND("plan",
                "plan MODEL.qrt [--target host|cortex-m3|cortex-m4|cortex-m7|cortex-m55|aarch64|armhf] "
                "[--reference] [--json | --c-header -o FILE.h [--prefix NAME_]]",
                "The exact arena bytes by category (runtime state, persistent, activations, scratch) "
                "that qrt_plan_memory() computes\non the target, from the blob alone; --c-header "
                "writes them and the model's operator set for a firmware's build.",
                options_of(kPlanOptions), run_plan);
QRT_CLI_COMMAND("run", "run MODEL.qrt --input IN.bin [--input IN2.bin] [--output OUT.bin] [--reference]",
                "Runs one inference on the host and prints each output.",
                options_of(kRunOptions), run_run);

}  // namespace cli
}  // namespace qrt
