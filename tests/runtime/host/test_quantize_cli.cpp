// `qrt quantize` from the command line: usage errors exit 2 with a one-line message (and the
// usage line) and write
// nothing; a real run writes the blob, the report table and the JSON, and `qrt accept
// --skip-units` evaluates on the units calibration did not see, naming the split in the report.
#include <cstdio>
#include <string>

#include "cli_test_util.h"
#include "file_io.h"
#include "qrt_test.h"

namespace {

std::string models(const std::string& rel) { return std::string(qrt_test::models_dir()) + "/" + rel; }

bool exists(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f != nullptr) std::fclose(f);
  return f != nullptr;
}

}  // namespace

QRT_TEST(quantize_cli, usage_errors_exit_2_and_write_nothing) {
  const std::string out = cli_test::tmp("usage.qrt");
  std::remove(out.c_str());
  const char* cases[] = {
      "quantize model.tflite -o OUT",                                  // no --calib
      "quantize model.tflite --calib set.qev -o OUT --weights int2",
      "quantize model.tflite --calib set.qev -o OUT --mixed",                  // no goal
      "quantize model.tflite --calib set.qev -o OUT --max-flash 50000",        // without --mixed
      "quantize model.tflite --calib set.qev -o OUT --mixed --max-flash 0",
      "quantize model.tflite --calib set.qev -o OUT --mixed --max-drop -1",
      "quantize model.tflite --calib set.qev -o OUT --mixed --max-drop 2 --weights int4",
      "quantize model.tflite --calib set.qev -o OUT --mixed --max-drop 2 --activations int16",
      "quantize model.tflite --calib set.qev -o OUT --granularity group",
      "quantize model.tflite --calib set.qev -o OUT --activations int4",
      "quantize model.tflite --calib set.qev -o OUT --calib-method best",
      "quantize model.tflite --calib set.qev -o OUT --percentile 120",
      "quantize model.tflite --calib set.qev -o OUT --calib-count 0",
      "quantize model.tflite --calib set.qev -o OUT --bogus 1",
  };
  for (const char* c : cases) {
    std::string args = c;
    args.replace(args.find("OUT"), 3, out);
    const cli_test::Result r = cli_test::run(args);
    QRT_EXPECT_EQ(r.status, 2);
    QRT_EXPECT_EQ(cli_test::line_count(r.out), 2);  // the message, then the usage line
    QRT_EXPECT(r.out.rfind("qrt quantize: ", 0) == 0);
    QRT_EXPECT(r.out.find("usage: qrt quantize") != std::string::npos);
  }
  QRT_EXPECT(!exists(out));
  const cli_test::Result help = cli_test::run("quantize --help");
  QRT_EXPECT_EQ(help.status, 0);
  QRT_EXPECT(help.out.find("--calib-method") != std::string::npos);
}

QRT_TEST(quantize_cli, ic01_quantize_then_accept_on_the_held_out_units) {
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  const std::string out = cli_test::tmp("ic01.qrt"), json = cli_test::tmp("ic01.json");
  const std::string fmodel = models("mlperf_tiny/models/ic01/pretrainedResnet.tflite");
  const std::string set = models("mlperf_tiny/datasets/ic01");
  // An integer model, or more calibration units than the set has: exit 1 / 2, nothing written.
  cli_test::Result r = cli_test::run("quantize " + models("mlperf_tiny/models/ic01/pretrainedResnet_quant.tflite") +
                                     " --calib " + set + " -o " + out);
  QRT_EXPECT_EQ(r.status, 1);
  QRT_EXPECT(r.out.find("float32 model") != std::string::npos);
  r = cli_test::run("quantize " + fmodel + " --calib " + set + " --calib-count 500 -o " + out);
  QRT_EXPECT_EQ(r.status, 2);
  QRT_EXPECT(!exists(out));

  r = cli_test::run("quantize " + fmodel + " --calib " + set + " --calib-count 50 --calib-method percentile --sensitivity -o " +
                    out + " --json-out " + json);
  QRT_ASSERT(r.status == 0);
  QRT_EXPECT(r.out.find("W8A8 per-channel percentile 99.99") != std::string::npos);
  QRT_EXPECT(r.out.find("calibrated on 50 units (50 samples) of 'ic01'") != std::string::npos);
  QRT_EXPECT(r.out.find("fixed by SOFTMAX") != std::string::npos);
  std::string text, error;
  QRT_ASSERT(qrt::host::read_text_file(json, &text, &error));
  QRT_EXPECT(text.rfind("{\"schema\":\"qrt-quantize\",\"schema_version\":1,", 0) == 0);
  QRT_EXPECT(text.find("\"strategy\":\"W8A8 per-channel percentile 99.99\"") != std::string::npos);
  QRT_EXPECT(text.find("\"snr_db\":") != std::string::npos);
  QRT_EXPECT(text.find("\"zero_point\":-128") != std::string::npos);
  QRT_EXPECT(text.find("\"sensitivity\":[{\"operator\":0,\"op\":\"CONV_2D\"") != std::string::npos);
  QRT_EXPECT(r.out.find("W4 dB") != std::string::npos);

  r = cli_test::run("inspect " + out);
  QRT_EXPECT(r.out.find("quantization = W8A8 per-channel percentile 99.99 (qrt quantize)") != std::string::npos);

  r = cli_test::run("accept " + out + " --float " + fmodel + " --eval " + set + " --skip-units 50 --layers 0");
  QRT_EXPECT(r.status == 0 || r.status == 1);
  QRT_EXPECT(r.out.find("ic01 [units 50..200): 150 samples") != std::string::npos);
  // A .qev cannot be split (it is used whole): a one-line error.
  r = cli_test::run("accept " + out + " --eval " + json + " --skip-units 5");
  QRT_EXPECT_EQ(r.status, 1);
  QRT_EXPECT(r.out.find("skipping units needs a sample folder") != std::string::npos);
  std::remove(out.c_str());
  std::remove(json.c_str());
}
