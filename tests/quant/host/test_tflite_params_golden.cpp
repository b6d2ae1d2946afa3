// End-to-end check of quant/host/tflite_params + the reference kernels (ops/ref) on real int8
// models against TensorFlow Lite Micro's output bytes (shared/models/golden/tflm): a minimal
// host-side interpreter walks each model's operators in order, computes every operator's
// parameters with tflite_params and runs the matching *_ref kernel. It is not the product's
// importer / runtime (runtime/host/tflite_import, runtime/src): it exists so that kernel and
// parameter bit-exactness is proven on real graphs independently of them. Skips cleanly without
// QRT_MODELS_DIR.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include "qrt/ops/kernels_s8.h"
#include "qrt_test.h"
#include "tflite/tflite_model.h"
#include "tflite_params.h"

namespace {

struct Model {
  std::vector<uint8_t> file;
  qrt::TfliteModel tflite;
};

bool load_model(const std::string& relative, Model* m) {
  const std::string path = std::string(qrt_test::models_dir()) + "/" + relative;
  m->file.resize(4u << 20);
  const long n = qrt_test::read_file(path.c_str(), m->file.data(), m->file.size());
  if (n <= 0) return false;
  m->file.resize(static_cast<size_t>(n));
  std::string err;
  if (!qrt::read_tflite(m->file.data(), m->file.size(), &m->tflite, &err)) {
    printf("read_tflite(%s): %s\n", path.c_str(), err.c_str());
    return false;
  }
  return true;
}

bool load_bytes(const std::string& relative, std::vector<int8_t>* out) {
  const std::string path = std::string(qrt_test::models_dir()) + "/" + relative;
  out->resize(16u << 20);  // the largest golden text is ~5 MB
  const long n = qrt_test::read_file(path.c_str(), out->data(), out->size());
  if (n <= 0) return false;
  out->resize(static_cast<size_t>(n));
  return true;
}

qrt::Shape4 shape4(const qrt::TfliteTensor& t) {
  int32_t d[4] = {1, 1, 1, 1};
  const size_t rank = t.shape.size();
  for (size_t i = 0; i < rank && i < 4; ++i) d[4 - rank + i] = t.shape[i];
  return {d[0], d[1], d[2], d[3]};
}

int32_t zp(const qrt::TfliteTensor& t) { return t.zero_points.empty() ? 0 : static_cast<int32_t>(t.zero_points[0]); }
float scale(const qrt::TfliteTensor& t) { return t.scales.empty() ? 0.0f : t.scales[0]; }

template <typename T>
std::vector<T> constant(const qrt::TfliteTensor& t) {
  std::vector<T> v(t.data_bytes / sizeof(T));
  if (!v.empty()) memcpy(v.data(), t.data, v.size() * sizeof(T));
  return v;
}

// Runs the int8 graph on `input` and returns the output tensor's bytes, or fails with a message.
class MiniInterpreter {
 public:
  explicit MiniInterpreter(const qrt::TfliteModel& m) : m_(m), values_(m.tensors.size()) {}

  bool run(const std::vector<int8_t>& input, std::vector<int8_t>* output, std::string* err) {
    values_[static_cast<size_t>(m_.inputs[0])] = input;
    for (size_t i = 0; i < m_.operators.size(); ++i) {
      if (!run_op(m_.operators[i], err)) {
        *err = "operator " + std::to_string(i) + " (" + qrt::tflite_builtin_name(m_.operators[i].builtin_code) +
               "): " + *err;
        return false;
      }
    }
    *output = values_[static_cast<size_t>(m_.outputs[0])];
    return true;
  }

 private:
  const qrt::TfliteTensor& t(int32_t i) const { return m_.tensors[static_cast<size_t>(i)]; }
  // An int8 tensor's bytes: a computed activation or a constant.
  const int8_t* in8(int32_t i) {
    std::vector<int8_t>& v = values_[static_cast<size_t>(i)];
    if (v.empty() && t(i).data != nullptr) v = constant<int8_t>(t(i));
    return v.data();
  }
  int8_t* out8(int32_t i) {
    std::vector<int8_t>& v = values_[static_cast<size_t>(i)];
    v.assign(static_cast<size_t>(t(i).element_count), 0);
    return v.data();
  }

  bool run_op(const qrt::TfliteOperator& op, std::string* err) {
    const int32_t code = op.builtin_code;
    const int32_t o = op.outputs[0];
    switch (code) {
      case qrt::kTfliteOpConv2d:
      case qrt::kTfliteOpDepthwiseConv2d: {
        const bool dw = code == qrt::kTfliteOpDepthwiseConv2d;
        const qrt::TfliteTensor& in = t(op.inputs[0]);
        const qrt::TfliteTensor& filter = t(op.inputs[1]);
        qrt::TfliteConvSpec s{};
        s.input = shape4(in);
        s.filter = shape4(filter);
        s.output = shape4(t(o));
        if (dw) {
          const auto& opt = op.options.depthwise_conv_2d;
          s.padding = opt.padding;
          s.stride_h = opt.stride_h;
          s.stride_w = opt.stride_w;
          s.dilation_h = opt.dilation_h;
          s.dilation_w = opt.dilation_w;
          s.activation = opt.activation;
          s.depth_multiplier = s.output.c / s.input.c;  // TFLM derives it from the shapes
        } else {
          const auto& opt = op.options.conv_2d;
          s.padding = opt.padding;
          s.stride_h = opt.stride_h;
          s.stride_w = opt.stride_w;
          s.dilation_h = opt.dilation_h;
          s.dilation_w = opt.dilation_w;
          s.activation = opt.activation;
          s.depth_multiplier = 1;
        }
        s.input_scale = scale(in);
        s.input_zero_point = zp(in);
        s.filter_scales = filter.scales.data();
        s.filter_scale_count = static_cast<int32_t>(filter.scales.size());
        s.output_scale = scale(t(o));
        s.output_zero_point = zp(t(o));
        qrt::ConvParams p{};
        std::vector<int32_t> mult, shift;
        if (!qrt::tflite_conv_params(s, dw, &p, &mult, &shift, err)) return false;
        const std::vector<int32_t> bias =
            op.inputs.size() > 2 && op.inputs[2] >= 0 ? constant<int32_t>(t(op.inputs[2])) : std::vector<int32_t>();
        qrt::ConvS8Args a{};
        a.params = &p;
        a.multipliers = mult.data();
        a.shifts = shift.data();
        a.input = s.input;
        a.input_data = in8(op.inputs[0]);
        a.filter = s.filter;
        a.filter_data = in8(op.inputs[1]);
        a.bias = bias.empty() ? nullptr : bias.data();
        a.output = s.output;
        a.output_data = out8(o);
        if (dw) {
          qrt::depthwise_conv2d_s8_ref(a);
        } else {
          qrt::conv2d_s8_ref(a);
        }
        return true;
      }
      case qrt::kTfliteOpFullyConnected: {
        const qrt::TfliteTensor& in = t(op.inputs[0]);
        const qrt::TfliteTensor& w = t(op.inputs[1]);
        const bool has_bias = op.inputs.size() > 2 && op.inputs[2] >= 0;
        qrt::TfliteFullyConnectedSpec s{};
        s.activation = op.options.fully_connected.activation;
        s.input_scale = scale(in);
        s.input_zero_point = zp(in);
        s.filter_scales = w.scales.data();
        s.filter_scale_count = static_cast<int32_t>(w.scales.size());
        s.filter_zero_point = zp(w);
        s.output_scale = scale(t(o));
        s.output_zero_point = zp(t(o));
        s.has_bias = has_bias;
        s.bias_scale = has_bias ? scale(t(op.inputs[2])) : 0.0f;
        qrt::FullyConnectedParams p{};
        std::vector<int32_t> mult, shift;
        if (!qrt::tflite_fully_connected_params(s, &p, &mult, &shift, err)) return false;
        const std::vector<int32_t> bias = has_bias ? constant<int32_t>(t(op.inputs[2])) : std::vector<int32_t>();
        qrt::FullyConnectedS8Args a{};
        a.params = &p;
        a.multipliers = mult.data();
        a.shifts = shift.data();
        a.input_depth = w.shape[1];
        a.output_depth = w.shape[0];
        a.batches = static_cast<int32_t>(in.element_count) / a.input_depth;
        a.input = in8(op.inputs[0]);
        a.weights = in8(op.inputs[1]);
        a.bias = has_bias ? bias.data() : nullptr;
        a.output = out8(o);
        qrt::fully_connected_s8_ref(a);
        return true;
      }
      case qrt::kTfliteOpAveragePool2d:
      case qrt::kTfliteOpMaxPool2d: {
        const auto& opt = op.options.pool_2d;
        const qrt::Shape4 is = shape4(t(op.inputs[0]));
        qrt::PoolParams p{};
        int32_t oh = 0, ow = 0;
        if (!qrt::tflite_pool_params(opt.padding, opt.stride_h, opt.stride_w, opt.filter_h, opt.filter_w, is.h, is.w,
                                     opt.activation, scale(t(o)), zp(t(o)), &p, &oh, &ow, err)) {
          return false;
        }
        const qrt::PoolS8Args a{&p, is, in8(op.inputs[0]), shape4(t(o)), out8(o)};
        if (code == qrt::kTfliteOpAveragePool2d) {
          qrt::average_pool2d_s8_ref(a);
        } else {
          qrt::max_pool2d_s8_ref(a);
        }
        return true;
      }
      case qrt::kTfliteOpReshape:
      case qrt::kTfliteOpSqueeze: {
        const int8_t* src = in8(op.inputs[0]);
        memcpy(out8(o), src, static_cast<size_t>(t(o).element_count));
        return true;
      }
      case qrt::kTfliteOpSoftmax: {
        const qrt::TfliteTensor& in = t(op.inputs[0]);
        qrt::SoftmaxParams p{};
        if (!qrt::tflite_softmax_params(op.options.softmax.beta, scale(in), scale(t(o)), zp(t(o)), &p, err)) {
          return false;
        }
        const int32_t depth = in.shape.back();
        qrt::softmax_s8_ref(p, static_cast<int32_t>(in.element_count) / depth, depth, in8(op.inputs[0]), out8(o));
        return true;
      }
      case qrt::kTfliteOpAdd:
      case qrt::kTfliteOpMul: {
        const qrt::TfliteTensor& a1 = t(op.inputs[0]);
        const qrt::TfliteTensor& a2 = t(op.inputs[1]);
        qrt::AddParams ap{};
        qrt::MulParams mp{};
        const bool add = code == qrt::kTfliteOpAdd;
        const bool ok = add ? qrt::tflite_add_params(scale(a1), zp(a1), scale(a2), zp(a2), scale(t(o)), zp(t(o)),
                                                     op.options.add.activation, &ap, err)
                            : qrt::tflite_mul_params(scale(a1), zp(a1), scale(a2), zp(a2), scale(t(o)), zp(t(o)),
                                                     op.options.mul.activation, &mp, err);
        if (!ok) return false;
        const qrt::BinaryS8Args a{add ? static_cast<const void*>(&ap) : static_cast<const void*>(&mp),
                                  shape4(a1), in8(op.inputs[0]), shape4(a2), in8(op.inputs[1]),
                                  shape4(t(o)), out8(o)};
        if (add) {
          qrt::add_s8_ref(a);
        } else {
          qrt::mul_s8_ref(a);
        }
        return true;
      }
      default:
        *err = "not supported by this test's interpreter";
        return false;
    }
  }

  const qrt::TfliteModel& m_;
  std::vector<std::vector<int8_t>> values_;
};

// Parses the int8 values that follow `skip` leading tokens on a line.
std::vector<int8_t> parse_bytes(const char* line, int skip) {
  std::vector<int8_t> v;
  const char* p = line;
  char* end = nullptr;
  for (int i = 0; i < skip; ++i) {
    while (*p == ' ') ++p;
    while (*p != ' ' && *p != '\0' && *p != '\n') ++p;
  }
  for (;;) {
    const long x = strtol(p, &end, 10);
    if (end == p) break;
    v.push_back(static_cast<int8_t>(x));
    p = end;
  }
  return v;
}

// The line of a golden text file whose first token is `key`.
std::string golden_line(const std::string& relative, const std::string& key) {
  std::vector<int8_t> text;
  if (!load_bytes(relative, &text)) return "";
  const std::string s(text.begin(), text.end());
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t eol = s.find('\n', pos);
    const std::string line = s.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (line.compare(0, key.size() + 1, key + " ") == 0) return line;
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return "";
}

bool models_available() {
  if (qrt_test::models_dir()[0] == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return false;
  }
  return true;
}

}  // namespace

QRT_TEST(tflm_golden, hello_world_all_256_inputs) {
  if (!models_available()) return;
  Model m;
  QRT_ASSERT(load_model("tflm/hello_world/hello_world_int8.tflite", &m));
  std::vector<int8_t> text;
  QRT_ASSERT(load_bytes("golden/tflm/hello_world_int8_outputs.txt", &text));
  const std::string s(text.begin(), text.end());
  MiniInterpreter interp(m.tflite);
  int checked = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t eol = s.find('\n', pos);
    const std::string line = s.substr(pos, eol - pos);
    pos = eol == std::string::npos ? s.size() : eol + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<int8_t> xy = parse_bytes(line.c_str(), 0);
    QRT_ASSERT_EQ(xy.size(), 2u);
    std::vector<int8_t> out;
    std::string err;
    QRT_ASSERT(interp.run({xy[0]}, &out, &err));
    QRT_ASSERT_EQ(out.size(), 1u);
    QRT_EXPECT_EQ(out[0], xy[1]);
    ++checked;
  }
  QRT_EXPECT_EQ(checked, 256);
}

QRT_TEST(tflm_golden, micro_speech) {
  if (!models_available()) return;
  Model m;
  QRT_ASSERT(load_model("tflm/micro_speech/micro_speech_quantized.tflite", &m));
  const char* clips[] = {"yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"};
  for (const char* clip : clips) {
    std::vector<int8_t> input;
    QRT_ASSERT(load_bytes(std::string("golden/tflm/micro_speech_features_") + clip + ".i8", &input));
    const std::string line = golden_line("golden/tflm/micro_speech_outputs.txt", clip);
    QRT_ASSERT(!line.empty());
    std::vector<int8_t> expected = parse_bytes(line.c_str(), 1);
    expected.resize(4);  // the line ends with "(features 49 frames)"
    MiniInterpreter interp(m.tflite);
    std::vector<int8_t> out;
    std::string err;
    QRT_ASSERT(interp.run(input, &out, &err));
    QRT_ASSERT_EQ(out.size(), 4u);
    for (size_t i = 0; i < 4; ++i) QRT_EXPECT_EQ(out[i], expected[i]);
  }
}

QRT_TEST(tflm_golden, person_detect) {
  if (!models_available()) return;
  Model m;
  QRT_ASSERT(load_model("tflm/person_detection/person_detect.tflite", &m));
  const char* images[] = {"person", "no_person"};
  for (const char* image : images) {
    std::vector<int8_t> input;
    QRT_ASSERT(load_bytes(std::string("golden/tflm/person_detect_input_") + image + ".i8", &input));
    const std::vector<int8_t> expected =
        parse_bytes(golden_line("golden/tflm/person_detect_outputs.txt", image).c_str(), 1);
    QRT_ASSERT_EQ(expected.size(), 2u);
    MiniInterpreter interp(m.tflite);
    std::vector<int8_t> out;
    std::string err;
    if (!interp.run(input, &out, &err)) printf("%s\n", err.c_str());
    QRT_ASSERT(out.size() == 2);
    QRT_EXPECT_EQ(out[0], expected[0]);
    QRT_EXPECT_EQ(out[1], expected[1]);
  }
}

QRT_TEST(tflm_golden, mlperf_tiny_models) {
  if (!models_available()) return;
  struct Case {
    const char* model;
    const char* prefix;  // golden file prefix
    const char* samples[3];
  };
  const Case cases[] = {
      {"mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite", "ic01",
       {"lippizaner_s_000613", "toy_spaniel_s_000285", "felis_domesticus_s_000074"}},
      {"mlperf_tiny/models/ic01/pretrainedResnet_large_int8.tflite", "ic01_large",
       {"lippizaner_s_000613", "toy_spaniel_s_000285", "felis_domesticus_s_000074"}},
      {"mlperf_tiny/models/kws01/kws_ref_model.tflite", "kws01",
       {"tst_000000_Stop_7", "tst_000001_Left_2", "tst_000002_Right_6"}},
  };
  for (const Case& c : cases) {
    Model m;
    QRT_ASSERT(load_model(c.model, &m));
    for (const char* sample : c.samples) {
      std::vector<int8_t> input;
      QRT_ASSERT(load_bytes(std::string("golden/tflm/mlperf/") + c.prefix + "_input_" + sample + ".i8", &input));
      const std::string line =
          golden_line(std::string("golden/tflm/mlperf/") + c.prefix + "_outputs.txt", std::string(sample) + ".bin");
      const std::vector<int8_t> expected = parse_bytes(line.c_str(), 2);
      QRT_ASSERT(!expected.empty());
      MiniInterpreter interp(m.tflite);
      std::vector<int8_t> out;
      std::string err;
      if (!interp.run(input, &out, &err)) printf("%s: %s\n", c.model, err.c_str());
      QRT_ASSERT_EQ(out.size(), expected.size());
      for (size_t i = 0; i < out.size(); ++i) QRT_EXPECT_EQ(out[i], expected[i]);
    }
  }
  // ad01 (FULLY_CONNECTED autoencoder): the first window of three files, 640 output bytes each.
  Model ad;
  QRT_ASSERT(load_model("mlperf_tiny/models/ad01/ad01_int8.tflite", &ad));
  const char* files[] = {"normal_id_01_00000003_hist_librosa", "normal_id_01_00000013_hist_librosa",
                         "normal_id_01_00000023_hist_librosa"};
  for (const char* f : files) {
    std::vector<int8_t> input;
    QRT_ASSERT(load_bytes(std::string("golden/tflm/mlperf/ad01_input_") + f + ".i8", &input));
    const std::string line =
        golden_line("golden/tflm/mlperf/ad01_outputs_first10files.txt", std::string(f) + ".bin:w000");
    const std::vector<int8_t> expected = parse_bytes(line.c_str(), 2);
    QRT_ASSERT_EQ(expected.size(), 640u);
    MiniInterpreter interp(ad.tflite);
    std::vector<int8_t> out;
    std::string err;
    QRT_ASSERT(interp.run(input, &out, &err));
    QRT_ASSERT_EQ(out.size(), 640u);
    int mismatches = 0;
    for (size_t i = 0; i < 640; ++i) mismatches += out[i] != expected[i] ? 1 : 0;
    QRT_EXPECT_EQ(mismatches, 0);
  }
}
