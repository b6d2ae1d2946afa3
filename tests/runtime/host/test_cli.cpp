// The `qrt` command line: convert / inspect / plan / run on real models, and one-line errors with
// a non-zero exit for bad arguments and bad files.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "file_io.h"
#include "blob_writer.h"
#include "model_file.h"
#include "qrt_test.h"

namespace {

using cli_test::Result;
using cli_test::line_count;
using cli_test::run;
using cli_test::tmp;

QRT_TEST(cli, usage_errors_exit_2_with_one_line) {
  QRT_EXPECT_EQ(run("").status, 2);
  const Result unknown = run("frobnicate");
  QRT_EXPECT_EQ(unknown.status, 2);
  QRT_EXPECT_EQ(line_count(unknown.out), 1);
  const Result missing = run("plan");
  QRT_EXPECT_EQ(missing.status, 2);
  QRT_EXPECT(missing.out.find("qrt plan:") == 0);
  QRT_EXPECT_EQ(run("inspect a.qrt --bogus").status, 2);
  QRT_EXPECT_EQ(run("run a.qrt --input").status, 2);
  QRT_EXPECT_EQ(run("help").status, 0);
  const Result no_input = run("convert");
  QRT_EXPECT_EQ(no_input.status, 2);
  QRT_EXPECT_EQ(line_count(no_input.out), 1);
  const Result help = run("convert --help");  // lists every importer's command line
  QRT_EXPECT_EQ(help.status, 0);
  QRT_EXPECT(help.out.find("qrt convert IN.tflite -o OUT.qrt") != std::string::npos);
  QRT_EXPECT(help.out.find("--tokenizer") != std::string::npos);
}

QRT_TEST(cli, bad_files_exit_1_with_one_line) {
  const Result r = run("plan /nonexistent/model.qrt");
  QRT_EXPECT_EQ(r.status, 1);
  QRT_EXPECT_EQ(line_count(r.out), 1);
  // A corrupted blob: the loader's status and message appear.
  const std::string bad = tmp("bad.qrt");
  std::string error;
  qrt::host::write_file_bytes(bad, std::vector<uint8_t>(100, 0x42), &error);
  const Result b = run("inspect " + bad);
  QRT_EXPECT_EQ(b.status, 1);
  QRT_EXPECT(b.out.find("QRT_ERR_BAD_MAGIC") != std::string::npos);
  QRT_EXPECT_EQ(line_count(b.out), 1);
  std::remove(bad.c_str());
  const Result c = run("convert /nonexistent.tflite -o " + tmp("x.qrt"));
  QRT_EXPECT_EQ(c.status, 1);
}

QRT_TEST(cli, convert_plan_inspect_run_hello_world) {
  const std::string dir = qrt_test::models_dir();
  if (dir.empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const std::string blob = tmp("hello.qrt");
  const Result c = run("convert " + dir + "/tflm/hello_world/hello_world_int8.tflite -o " + blob);
  QRT_ASSERT_EQ(c.status, 0);
  // plan --json: one object whose arena_bytes equals the library's plan.
  const Result p = run("plan " + blob + " --json");
  QRT_ASSERT_EQ(p.status, 0);
  qrt::host::ModelFile model;
  std::string error;
  QRT_ASSERT(qrt::host::load_model_file(blob, &model, &error));
  const std::string key = "\"arena_bytes\":" + std::to_string(model.plan.arena_bytes);
  QRT_EXPECT(p.out.find(key) != std::string::npos);
  QRT_EXPECT(p.out[0] == '{');
  const Result i = run("inspect " + blob);
  QRT_EXPECT_EQ(i.status, 0);
  QRT_EXPECT(i.out.find("FULLY_CONNECTED") != std::string::npos);
  const Result ij = run("inspect " + blob + " --json");
  QRT_EXPECT_EQ(ij.status, 0);
  QRT_EXPECT(ij.out.find("\"operators\":[") != std::string::npos);
  // run: x = -128 gives TFLM's y = 4 (golden/tflm/hello_world_int8_outputs.txt, first line).
  const std::string in = tmp("in.bin"), out = tmp("out.bin");
  qrt::host::write_file_bytes(in, {0x80}, &error);
  const Result r = run("run " + blob + " --input " + in + " --output " + out);
  QRT_EXPECT_EQ(r.status, 0);
  std::vector<uint8_t> y;
  QRT_ASSERT(qrt::host::read_file_bytes(out, &y, &error));
  QRT_ASSERT_EQ(y.size(), 1);
  QRT_EXPECT_EQ(static_cast<int8_t>(y[0]), 4);
  // Wrong input size and missing --input are refused.
  qrt::host::write_file_bytes(in, {1, 2}, &error);
  QRT_EXPECT_EQ(run("run " + blob + " --input " + in).status, 1);
  QRT_EXPECT_EQ(run("run " + blob).status, 2);
  for (const std::string& f : {blob, in, out}) std::remove(f.c_str());
}

QRT_TEST(cli, unsupported_operator_names_op_index_and_tensor_and_writes_nothing) {
  const std::string dir = qrt_test::models_dir();
  if (dir.empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const std::string out = tmp("audio.qrt");
  const Result r = run("convert " + dir + "/tflm/micro_speech/audio_preprocessor_int8.tflite -o " + out);
  QRT_EXPECT_EQ(r.status, 1);
  QRT_EXPECT_EQ(line_count(r.out), 1);
  QRT_EXPECT(r.out.find("operator 0") != std::string::npos);
  QRT_EXPECT(r.out.find("SignalWindow") != std::string::npos);
  QRT_EXPECT(r.out.find("tensor 0") != std::string::npos);
  FILE* f = std::fopen(out.c_str(), "rb");
  QRT_EXPECT(f == nullptr);
  if (f != nullptr) std::fclose(f);
}

}  // namespace

// plan --target: another target's arena (its pointer size and kernel variants), as JSON or as a C
// header with both kernel choices and the model's operator set; unknown targets and half-given
// header flags are usage errors.
QRT_TEST(cli, plan_for_other_targets) {
  const std::string dir = qrt_test::models_dir();
  if (dir.empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  const std::string blob = tmp("ic01.qrt"), header = tmp("ic01.plan.h");
  QRT_ASSERT_EQ(run("convert " + dir + "/mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite -o " + blob).status, 0);
  const Result m4 = run("plan " + blob + " --target cortex-m4 --json");
  QRT_ASSERT_EQ(m4.status, 0);
  QRT_EXPECT(m4.out.find("\"target\":\"cortex-m4\"") != std::string::npos);
  QRT_EXPECT(m4.out.find("\"conv2d_kernels\":\"arm-dsp\"") != std::string::npos);
  const Result ref = run("plan " + blob + " --target cortex-m4 --reference --json");
  QRT_EXPECT(ref.out.find("\"conv2d_kernels\":\"reference\"") != std::string::npos);
  QRT_EXPECT(ref.out.find("\"scratch_bytes\":0,") != std::string::npos);
  QRT_ASSERT_EQ(run("plan " + blob + " --target cortex-m4 --c-header -o " + header).status, 0);
  std::vector<uint8_t> h;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(header, &h, &error));
  const std::string text(h.begin(), h.end());
  const size_t at = m4.out.find("\"arena_bytes\":");
  QRT_ASSERT(at != std::string::npos);
  const std::string arena = m4.out.substr(at + 14, m4.out.find(',', at) - at - 14);
  QRT_EXPECT(text.find("#define QRT_PLAN_ARENA_BYTES " + arena + "u\n") != std::string::npos);
  QRT_EXPECT(text.find("#define QRT_PLAN_REFERENCE_SCRATCH_BYTES 0u\n") != std::string::npos);
  // ic01.tflite's operators (ADD, AVERAGE_POOL_2D, CONV_2D, FULLY_CONNECTED, RESHAPE, SOFTMAX, all
  // int8), once each, in op code order: the set a firmware lists (qrt/qrt_ops.h).
  QRT_EXPECT(text.find("#define QRT_PLAN_OPS &qrt_op_conv2d_s8, &qrt_op_fully_connected_s8, "
                       "&qrt_op_average_pool2d_s8, &qrt_op_add_s8, &qrt_op_softmax_s8, "
                       "&qrt_op_reshape_s8\n") != std::string::npos);
  QRT_EXPECT(text.find("#define QRT_PLAN_OP_NAMES \"conv2d_s8,fully_connected_s8,average_pool2d_s8,"
                       "add_s8,softmax_s8,reshape_s8\"\n") != std::string::npos);
  const Result unknown = run("plan " + blob + " --target cortex-m99");
  QRT_EXPECT_EQ(unknown.status, 2);
  QRT_EXPECT(unknown.out.find("unknown --target 'cortex-m99'") != std::string::npos);
  QRT_EXPECT_EQ(run("plan " + blob + " --c-header").status, 2);
  QRT_EXPECT_EQ(run("plan " + blob + " --c-header -o " + header + " --json").status, 2);
  for (const std::string& f : {blob, header}) std::remove(f.c_str());
}
