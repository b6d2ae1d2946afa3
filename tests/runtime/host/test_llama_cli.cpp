// The llama commands of the qrt CLI end to end: convert (f32 and w8), generate, perplexity with
// --float and --json, and their usage errors (exit status 2) and failures (1). Skips without
// QRT_MODELS_DIR.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "cli_test_util.h"
#include "accept/json_value.h"
#include "file_io.h"
#include "qrt_test.h"

using namespace qrt::host::accept;

namespace {

using cli_test::Result;

// Runs the CLI; captures stdout (stderr goes to /dev/null).
Result run(const std::string& args) { return cli_test::run(args, false); }

std::string models(const char* relative) { return std::string(qrt_test::models_dir()) + "/" + relative; }

}  // namespace

QRT_TEST(llama_cli, convert_generate_perplexity) {
  if (qrt_test::models_dir()[0] == '\0') {
    qrt_test::note_skipped("QRT_MODELS_DIR not configured");
    return;
  }
  const std::string dir = "/tmp/qrt_llama_cli_" + std::to_string(getpid());
  QRT_ASSERT(system(("mkdir -p " + dir).c_str()) == 0);
  const std::string ck = models("llm/stories260K/stories260K.bin");
  const std::string tok = models("llm/stories260K/tok512.bin");
  const std::string val = models("text/tinystories_validation_prefix.txt");
  const std::string cal = models("text/tinystories_sample_cs336.txt");

  Result r = run("convert " + ck + " --tokenizer " + tok + " --quant f32 -o " + dir + "/f32.qrt");
  QRT_ASSERT_EQ(r.status, 0);
  r = run("convert " + ck + " --tokenizer " + tok + " --quant w8 --granularity g32 --kv-len 128 --calib " +
          cal + " -o " + dir + "/w8.qrt");
  QRT_ASSERT_EQ(r.status, 0);
  // The per-tensor weight report: one line per matrix with its SNR.
  QRT_EXPECT(r.out.find("layers.4.w2") != std::string::npos);
  QRT_EXPECT(r.out.find("snr_db") != std::string::npos);

  // Greedy from the prompt reproduces llama2.c's text (the float blob computes run.c's logits).
  r = run("generate " + dir + "/f32.qrt --prompt \"Once upon a time\" --steps 12");
  QRT_ASSERT_EQ(r.status, 0);
  QRT_EXPECT(r.out.rfind("Once upon a time, there was a little girl named Lily.", 0) == 0);
  r = run("generate " + dir + "/w8.qrt --prompt \"Once upon a time\" --steps 8");
  QRT_ASSERT_EQ(r.status, 0);
  QRT_EXPECT(r.out.rfind("Once upon a time", 0) == 0);
  // `qrt run` on a language model points to the commands that run one.
  r = cli_test::run("run " + dir + "/w8.qrt --input " + tok);  // with stderr
  QRT_EXPECT_EQ(r.status, 1);
  QRT_EXPECT(r.out.find("qrt generate") != std::string::npos);

  r = run("perplexity " + dir + "/w8.qrt --text " + val + " --paragraphs 5 --float " + dir +
          "/f32.qrt --rouge-prompts 2 --rouge-tokens 16 --json-out " + dir + "/w8.json");
  QRT_ASSERT_EQ(r.status, 0);
  QRT_EXPECT(r.out.find("KL(float || model)") != std::string::npos);
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(dir + "/w8.json", &bytes, &error));
  JsonValue json;
  QRT_ASSERT(parse_json(std::string(bytes.begin(), bytes.end()), &json, &error));
  // The shared vocabulary (models/formats/JSON.md): the accept report's names for the same things.
  QRT_EXPECT(json_string(json, "schema") == "qrt-perplexity");
  QRT_EXPECT(json_number(json, "samples") > 100);
  QRT_EXPECT_NEAR(json_number(json, "units"), 5.0, 0.0);
  QRT_EXPECT(json_number(json, "kl_mean") >= 0 && json_number(json, "kl_mean") < 0.01);
  QRT_EXPECT(json_number(json, "agreement") > 0.9);
  QRT_EXPECT(json_number(json, "perplexity_increase") > -0.05 && json_number(json, "perplexity_increase") < 0.05);
  // --kv-len 128: the KV cache is 5 layers x 128 positions x 32 x (2 + 1) bytes.
  QRT_ASSERT(json.get("arena_categories") != nullptr);
  QRT_EXPECT_NEAR(json_number(*json.get("arena_categories"), "persistent"), 5.0 * 128 * 32 * 3, 0.0);
  // --json: stdout is the JSON document alone.
  r = run("perplexity " + dir + "/w8.qrt --text " + val + " --paragraphs 2 --json");
  QRT_ASSERT_EQ(r.status, 0);
  QRT_EXPECT(parse_json(r.out, &json, &error));
  QRT_EXPECT(json.get("kl_mean") == nullptr);  // no float model: no comparison keys

  // Usage errors exit with 2, failures with 1.
  QRT_EXPECT_EQ(run("convert " + ck + " --quant w8 --calib " + cal + " -o " + dir + "/x.qrt").status, 2);
  QRT_EXPECT_EQ(run("convert " + ck + " --tokenizer " + tok + " --granularity g0 --calib " + cal + " -o " + dir + "/x.qrt").status, 2);
  QRT_EXPECT_EQ(run("convert " + ck + " --tokenizer " + tok + " --quant w8 -o " + dir + "/x.qrt").status, 2);
  QRT_EXPECT_EQ(run("perplexity " + dir + "/w8.qrt").status, 2);
  QRT_EXPECT_EQ(run("generate " + dir + "/missing.qrt --prompt x").status, 1);
  QRT_EXPECT_EQ(system(("rm -rf " + dir).c_str()), 0);
}
