// The `qrt` command line: convert / inspect / plan / run on real models, and one-line errors with
// a non-zero exit for bad arguments and bad files.
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "file_io.h"
#include "blob_writer.h"
#include "model_file.h"
#include "qrt/version.h"
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
  QRT_EXPECT(p.out.rfind("{\"schema\":\"qrt-plan\",\"schema_version\":1,", 0) == 0);
  const Result i = run("inspect " + blob);
  QRT_EXPECT_EQ(i.status, 0);
  QRT_EXPECT(i.out.find("FULLY_CONNECTED") != std::string::npos);
  const Result ij = run("inspect " + blob + " --json");
  QRT_EXPECT_EQ(ij.status, 0);
  QRT_EXPECT(ij.out.find("\"operators\":[") != std::string::npos);
  QRT_EXPECT(ij.out.rfind("{\"schema\":\"qrt-inspect\",\"schema_version\":1,", 0) == 0);
  QRT_EXPECT(ij.out.find("\"memory\":{\"arena_bytes\":" + std::to_string(model.plan.arena_bytes) +
                         ",\"arena_categories\":{") != std::string::npos);
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
  // Every operator that stands in the way, in one run: 21 of the 22 (RESHAPE alone converts),
  // each with its data input and output tensor and their types.
  QRT_EXPECT(r.out.find("21 of 22 operators cannot be converted: ") != std::string::npos);
  for (int op = 0; op < 22; ++op) {
    const bool named = r.out.find("operator " + std::to_string(op) + " (") != std::string::npos;
    QRT_EXPECT(named == (op != 1));
  }
  QRT_EXPECT(r.out.find("operator 0 (CUSTOM 'SignalWindow'), input tensor 0 "
                        "'serving_default_audio_frame:0' INT16, output tensor 19 'signal_window' INT16: "
                        "int16 activations are not supported for this operator;") != std::string::npos);
  FILE* f = std::fopen(out.c_str(), "rb");
  QRT_EXPECT(f == nullptr);  // nothing half-written
  if (f != nullptr) std::fclose(f);
  // TRANSPOSE_CONV is judged by its data input (2, int16), not by its int32 output-shape input
  // (0): judged by input 0 it would be refused as an int32 operator.
  const Result t = run("convert " + dir + "/tflm/integration_tests_seanet/transpose_conv/transpose_conv0.tflite -o " + out);
  QRT_EXPECT_EQ(t.status, 0);
  f = std::fopen(out.c_str(), "rb");
  QRT_EXPECT(f != nullptr);
  if (f != nullptr) std::fclose(f);
}

// Every command listed by `qrt help` answers `--help` (and -h) with status 0: its usage line, what
// it does, and an options table holding every flag its usage line names.
QRT_TEST(cli, every_command_explains_itself_and_each_option) {
  const Result list = run("help");
  QRT_ASSERT_EQ(list.status, 0);
  std::vector<std::string> names;
  for (size_t at = list.out.find("\n  qrt "); at != std::string::npos; at = list.out.find("\n  qrt ", at + 1)) {
    const size_t from = at + 7;
    names.push_back(list.out.substr(from, list.out.find_first_of(" \n", from) - from));
  }
  QRT_EXPECT(names.size() >= 10);  // convert inspect plan run accept eval-set report generate ...
  for (const std::string& name : names) {
    for (const char* flag : {" --help", " -h"}) {
      const Result h = run(name + flag);
      QRT_EXPECT_EQ(h.status, 0);
      QRT_EXPECT(h.out.find("usage: qrt " + name) == 0);
      QRT_EXPECT(h.out.find("exit status: 0") != std::string::npos);
      const std::string usage = h.out.substr(0, h.out.find('\n'));
      // Each flag of the usage line has its own line in an options table: "  --flag ...".
      for (size_t f = usage.find(" -"); f != std::string::npos; f = usage.find(" -", f + 1)) {
        size_t from = f + 1, end = usage.find_first_of(" ]|\n", from);
        const std::string option = usage.substr(from, end - from);
        if (option.size() < 2 || option[1] == ' ') continue;
        if (h.out.find("\n  " + option + " ") == std::string::npos) {
          std::printf("  qrt %s --help does not explain %s\n", name.c_str(), option.c_str());
          QRT_EXPECT(false);
        }
      }
    }
  }
}

// `qrt --version` names the version of version.h, which the project's CMake version is read from.
QRT_TEST(cli, version_is_the_libraries_and_the_projects) {
  const Result v = run("--version");
  QRT_EXPECT_EQ(v.status, 0);
  QRT_EXPECT(v.out.find(std::string("qrt ") + QRT_TEST_PROJECT_VERSION + " (library " +
                        qrt_version() + ";") == 0);
  QRT_EXPECT(std::string(QRT_VERSION_STRING) == QRT_TEST_PROJECT_VERSION);
  const std::string composed = std::to_string(QRT_VERSION_MAJOR) + "." +
                               std::to_string(QRT_VERSION_MINOR) + "." + std::to_string(QRT_VERSION_PATCH);
  QRT_EXPECT(composed == QRT_VERSION_STRING);
}

// run, inspect and plan take a TFLite file as accept does, recognised by content (here under a
// name without the .tflite extension), and print float outputs as numbers: the float hello_world
// model's y(1.0) is near sin(1).
QRT_TEST(cli, tflite_read_by_content_and_float_outputs_printed_as_numbers) {
  const std::string dir = qrt_test::models_dir();
  if (dir.empty()) return qrt_test::note_skipped("QRT_MODELS_DIR not set");
  std::vector<uint8_t> model;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(dir + "/tflm/hello_world/hello_world_float.tflite", &model, &error));
  const std::string renamed = tmp("hello_float.model"), in = tmp("x.bin");
  QRT_ASSERT(qrt::host::write_file_bytes(renamed, model, &error));
  const float x = 1.0f;
  std::vector<uint8_t> x_bytes(4);
  std::memcpy(x_bytes.data(), &x, 4);
  QRT_ASSERT(qrt::host::write_file_bytes(in, x_bytes, &error));
  const Result r = run("run " + renamed + " --input " + in, false);
  QRT_ASSERT_EQ(r.status, 0);
  const std::string head = "output 0 (float32, 4 bytes): ";
  QRT_ASSERT(r.out.find(head) == 0);
  const double y = std::strtod(r.out.c_str() + head.size(), nullptr);
  QRT_EXPECT(std::fabs(y - std::sin(1.0)) < 0.15);
  QRT_EXPECT_EQ(run("inspect " + renamed).status, 0);
  QRT_EXPECT_EQ(run("plan " + renamed + " --target cortex-m4").status, 0);
  for (const std::string& f : {renamed, in}) std::remove(f.c_str());
}

// accept without any criterion measures but claims no verdict: "NOT JUDGED", JSON judged=false,
// exit 0; "max_accuracy_drop=1" (one point or all?) is a usage error.
QRT_TEST(cli, accept_without_criteria_is_not_judged) {
  const std::string m = cli_test::repo("models/fashion_mnist/");
  const std::string common = "accept " + m + "fashion_cnn_int8.qrt --float " + m +
                             "fashion_cnn_f32.qrt --eval " + m + "fashion_test_500.qev --max-units 20 --layers 0";
  const Result r = run(common, false);
  QRT_EXPECT_EQ(r.status, 0);
  QRT_EXPECT(r.out.find("RESULT: NOT JUDGED (no criterion set") != std::string::npos);
  QRT_EXPECT(r.out.find("RESULT: PASS") == std::string::npos);
  const Result j = run(common + " --json", false);
  QRT_EXPECT(j.out.find("\"pass\":false,\"judged\":false,") != std::string::npos);
  const Result one = run(common + " --criterion max_accuracy_drop=1");
  QRT_EXPECT_EQ(one.status, 2);
  QRT_EXPECT(one.out.find("ambiguous") != std::string::npos);
  const Result judged = run(common + " --max-drop 1%", false);  // one point: judged, PASS or FAIL
  QRT_EXPECT(judged.out.find("RESULT: PASS") != std::string::npos ||
             judged.out.find("RESULT: FAIL") != std::string::npos);
}

// eval-set on a user's own folder: the format from the command line; what is missing is named.
QRT_TEST(cli, eval_set_from_a_users_folder) {
  const std::string dir = tmp("samples");
  QRT_ASSERT(system(("mkdir -p " + dir).c_str()) == 0);
  std::string error;
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/cat.bin", {1, 2, 3, 4}, &error));
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/dog.bin", {5, 6, 7, 8}, &error));
  const std::string csv = "cat.bin,0\ndog.bin,1\n";
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/labels.csv", {csv.begin(), csv.end()}, &error));
  const std::string out = tmp("samples.qev"), base = "eval-set " + dir + " --labels " + dir + "/labels.csv";
  const Result ok = run(base + " --shape 1,2,2,1 --pixels int8 -o " + out);
  QRT_EXPECT_EQ(ok.status, 0);
  QRT_EXPECT(ok.out.find("2 samples in 2 units, 1 input(s)") != std::string::npos);
  QRT_EXPECT_EQ(run(base + " --shape 1,4 --dtype int8 --scale 0.5 --zero-point -3 -o " + out).status, 0);
  const Result no_shape = run(base + " --dtype int8 -o " + out);
  QRT_EXPECT_EQ(no_shape.status, 2);
  QRT_EXPECT(no_shape.out.find("needs --shape") != std::string::npos);
  const Result no_format = run(base + " -o " + out);
  QRT_EXPECT_EQ(no_format.status, 2);
  QRT_EXPECT(no_format.out.find("give --shape and --dtype (or --pixels)") != std::string::npos);
  QRT_EXPECT_EQ(run(base + " --shape 1,4 --pixels int8 --dtype int8 -o " + out).status, 2);
  QRT_EXPECT_EQ(run(base + " --shape 1,4 --dtype int8 --scale 0.5 -o " + out).status, 2);
  const Result wrong = run(base + " --shape 1,5 --dtype int8 -o " + out);
  QRT_EXPECT_EQ(wrong.status, 1);
  QRT_EXPECT(wrong.out.find("4 values, the input has 5") != std::string::npos);
  QRT_EXPECT(system(("rm -rf " + dir + " " + out).c_str()) == 0);
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
  QRT_EXPECT(ref.out.find("\"scratch\":0}") != std::string::npos);  // arena_categories.scratch
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
  // --prefix names the macros (qrt_add_model: QRT_<NAME>_...) and must be a C identifier.
  QRT_ASSERT_EQ(run("plan " + blob + " --target cortex-m4 --c-header --prefix QRT_IC01_ -o " + header).status, 0);
  std::vector<uint8_t> named;
  QRT_ASSERT(qrt::host::read_file_bytes(header, &named, &error));
  const std::string named_text(named.begin(), named.end());
  QRT_EXPECT(named_text.find("#define QRT_IC01_ARENA_BYTES " + arena + "u\n") != std::string::npos);
  QRT_EXPECT(named_text.find("#define QRT_IC01_OPS &qrt_op_") != std::string::npos);
  QRT_EXPECT(named_text.find("QRT_PLAN_") == std::string::npos);
  QRT_EXPECT_EQ(run("plan " + blob + " --c-header --prefix 1X -o " + header).status, 2);
  QRT_EXPECT_EQ(run("plan " + blob + " --prefix QRT_X_").status, 2);
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
