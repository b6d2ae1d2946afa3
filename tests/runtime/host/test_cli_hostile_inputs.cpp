// The `qrt` tools on the inputs a careless user or an attacker gives them: a directory, /dev/zero
// or a FIFO where a file is expected, a full disk, an output that is the input, absurd report
// values, numbers past 32 bits, CRLF or blank-line-free text, empty text, a 120 K-character
// prompt. Each must end quickly with one line and exit 1 (2 for usage), never a crash, a hang
// (CTest's timeout would catch one) or a half-written file.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "file_io.h"
#include "qrt_test.h"

namespace {

using cli_test::line_count;
using cli_test::Result;
using cli_test::run;
using cli_test::tmp;

// The bundled Fashion-MNIST model and its files (this file is tests/runtime/host/<name>.cpp).
using cli_test::repo;

std::string models(const std::string& relative) { return std::string(qrt_test::models_dir()) + "/" + relative; }

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

// Exit status `status` with one line of message (usage errors, status 2, add the usage line).
void expect_one_line_failure(qrt_test::Context* qrt_test_ctx, const Result& r, const char* what,
                             int status = 1) {
  const int lines = status == 2 ? 2 : 1;
  if (r.status != status || line_count(r.out) != lines) {
    printf("  %s: status %d, output: %s\n", what, r.status, r.out.c_str());
  }
  QRT_EXPECT_EQ(r.status, status);
  QRT_EXPECT_EQ(line_count(r.out), lines);
}

// `qrt accept` could not run: status 1 like every other failure (its message says why; a FAIL
// verdict prints the report instead).
constexpr int kAcceptError = 1;

int expected_status(const std::string& command) { return command.rfind("accept ", 0) == 0 ? kAcceptError : 1; }

}  // namespace

QRT_TEST(cli_hostile, directory_where_a_file_is_expected) {
  const std::string model = repo("models/fashion_mnist/fashion_cnn_int8.qrt");
  const std::string set = repo("models/fashion_mnist/fashion_test_500.qev");
  const std::string dir = tmp("dir");
  QRT_ASSERT(system(("mkdir -p " + dir).c_str()) == 0);
  const std::string cases[] = {
      "inspect " + dir,
      "plan " + dir,
      "run " + model + " --input " + dir,
      "accept " + model + " --eval " + set + " --criteria " + dir,
      "report " + dir + " -o " + tmp("report_out"),
      "convert " + dir + " -o " + tmp("x.qrt"),
  };
  for (const std::string& c : cases) {
    const Result r = run(c);
    expect_one_line_failure(qrt_test_ctx, r, c.c_str(), expected_status(c));
    QRT_EXPECT(r.out.find("is a directory") != std::string::npos);
  }
}

QRT_TEST(cli_hostile, dev_zero_and_fifo_are_not_read) {
  const std::string model = repo("models/fashion_mnist/fashion_cnn_int8.qrt");
  const std::string set = repo("models/fashion_mnist/fashion_test_500.qev");
  const std::string fifo = tmp("fifo");
  unlink(fifo.c_str());
  QRT_ASSERT(mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& odd : {std::string("/dev/zero"), fifo}) {
    const std::string cases[] = {
        "inspect " + odd,
        "run " + model + " --input " + odd,
        "accept " + model + " --eval " + odd,
        "accept " + model + " --eval " + set + " --criteria " + odd,
        "report " + odd + " -o " + tmp("report_out"),
    };
    for (const std::string& c : cases) {
      const Result r = run(c);
      expect_one_line_failure(qrt_test_ctx, r, c.c_str(), expected_status(c));
      QRT_EXPECT(r.out.find("not a regular file") != std::string::npos);
    }
  }
  unlink(fifo.c_str());
}

QRT_TEST(cli_hostile, full_disk_leaves_no_output_and_fails) {
  // RLIMIT_FSIZE 0 makes every write fail (EFBIG; SIGXFSZ ignored), as a full disk would.
  const std::string model = repo("models/fashion_mnist/fashion_cnn_int8.qrt");
  const std::string input = tmp("image.bin");
  std::string error;
  QRT_ASSERT(qrt::host::write_file_bytes(input, std::vector<uint8_t>(784, 0), &error));
  const std::string out_dir = tmp("full");
  QRT_ASSERT(system(("rm -rf " + out_dir + " && mkdir -p " + out_dir).c_str()) == 0);
  const std::string out = out_dir + "/y.bin";
  const Result r = run("run " + model + " --input " + input + " --output " + out, true,
                       "trap '' XFSZ; ulimit -f 0; ");
  expect_one_line_failure(qrt_test_ctx, r, "run --output on a full disk");
  QRT_EXPECT(!exists(out));
  QRT_EXPECT(system(("test -z \"$(ls -A " + out_dir + ")\"").c_str()) == 0);  // no temporary left
  // The same command with room succeeds and writes the 10 logits.
  const Result ok = run("run " + model + " --input " + input + " --output " + out);
  QRT_EXPECT_EQ(ok.status, 0);
  std::vector<uint8_t> y;
  QRT_EXPECT(qrt::host::read_file_bytes(out, &y, &error) && y.size() == 10);
  unlink(input.c_str());
}

QRT_TEST(cli_hostile, output_that_is_an_input_is_refused) {
  const std::string copy = tmp("model.qrt");
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(qrt::host::read_file_bytes(repo("models/fashion_mnist/fashion_cnn_int8.qrt"), &bytes,
                                        &error, qrt::host::kMaxBlobFileBytes));
  QRT_ASSERT(qrt::host::write_file_bytes(copy, bytes, &error));
  const Result r = run("run " + copy + " --input " + copy + " --output " + copy);
  expect_one_line_failure(qrt_test_ctx, r, "--output is the model", 2);
  QRT_EXPECT(r.out.find("is also an input") != std::string::npos);
  std::vector<uint8_t> after;
  QRT_EXPECT(qrt::host::read_file_bytes(copy, &after, &error, qrt::host::kMaxBlobFileBytes) && after == bytes);
  unlink(copy.c_str());
}

QRT_TEST(cli_hostile, report_values_are_validated_and_outputs_all_or_none) {
  const std::string json = tmp("huge.json");
  std::string error;
  const std::string text =
      "{\"schema\": \"qrt-accept-report\", \"model\": \"m\", \"accuracy_metric\": \"top1\", "
      "\"accuracy\": 1e14, \"latency_cycles\": {\"median\": 10}, \"flash_bytes\": 100}";
  QRT_ASSERT(qrt::host::write_file_bytes(json, std::vector<uint8_t>(text.begin(), text.end()), &error));
  const Result r = run("report " + json + " -o " + tmp("report_huge"));
  expect_one_line_failure(qrt_test_ctx, r, "report accuracy 1e14");
  QRT_EXPECT(r.out.find("outside") != std::string::npos);
  // A valid report whose report.md cannot be written (a folder is in the way) leaves no SVG.
  const std::string good = tmp("good.json");
  const std::string ok_text =
      "{\"schema\": \"qrt-accept-report\", \"model\": \"m\", \"accuracy_metric\": \"top1\", "
      "\"accuracy\": 0.5, \"latency_cycles\": {\"median\": 10}, \"flash_bytes\": 100}";
  QRT_ASSERT(qrt::host::write_file_bytes(good, std::vector<uint8_t>(ok_text.begin(), ok_text.end()), &error));
  const std::string out = tmp("report_blocked");
  QRT_ASSERT(system(("rm -rf " + out + " && mkdir -p " + out + "/report.md").c_str()) == 0);
  const Result blocked = run("report " + good + " -o " + out);
  QRT_EXPECT_EQ(blocked.status, 1);
  QRT_EXPECT(!exists(out + "/accuracy_vs_latency.svg"));
  QRT_EXPECT(!exists(out + "/accuracy_vs_size.svg"));
  unlink(json.c_str());
  unlink(good.c_str());
}

QRT_TEST(cli_hostile, numeric_flags_are_range_checked) {
  const std::string model = repo("models/fashion_mnist/fashion_cnn_int8.qrt");
  const std::string set = repo("models/fashion_mnist/fashion_test_500.qev");
  // 2^32 + 1 would have become 1 when truncated to 32 bits.
  for (const char* flag : {"--warmup 4294967297", "--layers 4294967297", "--max-units 4294967297"}) {
    const Result r = run("accept " + model + " --eval " + set + " " + flag);
    expect_one_line_failure(qrt_test_ctx, r, flag, 2);
  }
}

// Text inputs of the llama commands (needs stories260K from the shared models).
QRT_TEST(cli_hostile, llama_text_crlf_no_blank_lines_empty_and_huge_prompt) {
  if (qrt_test::models_dir()[0] == '\0') return qrt_test::note_skipped("QRT_MODELS_DIR not configured");
  const std::string blob = tmp("f32.qrt");
  const Result conv = run("convert " + models("llm/stories260K/stories260K.bin") + " --tokenizer " +
                          models("llm/stories260K/tok512.bin") + " --quant f32 -o " + blob);
  QRT_ASSERT(conv.status == 0);
  std::string lf = "Once upon a time, there was a cat.\nIt was happy.\n\nThe dog ran home.\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string error;
  const std::string lf_path = tmp("lf.txt"), crlf_path = tmp("crlf.txt");
  QRT_ASSERT(qrt::host::write_file_bytes(lf_path, {lf.begin(), lf.end()}, &error));
  QRT_ASSERT(qrt::host::write_file_bytes(crlf_path, {crlf.begin(), crlf.end()}, &error));
  const Result a = run("perplexity " + blob + " --text " + lf_path, false);
  const Result b = run("perplexity " + blob + " --text " + crlf_path, false);
  QRT_EXPECT_EQ(a.status, 0);
  QRT_EXPECT_EQ(b.status, 0);
  const size_t at = a.out.find("perplexity ");
  QRT_ASSERT(at != std::string::npos && b.out.find("perplexity ") != std::string::npos);
  // The same two paragraphs and the same figure: the result line up to the (timed) tokens/s.
  auto figure = [](const std::string& out) {
    const std::string line = out.substr(out.find("\nperplexity ") + 1);
    return line.substr(0, line.find("nats)"));
  };
  QRT_EXPECT(figure(a.out).find("over 26 predicted tokens") != std::string::npos);
  QRT_EXPECT(figure(a.out) == figure(b.out));
  // One 300 KB paragraph: finishes, says it was cut at the context.
  std::string giant;
  while (giant.size() < 300000) giant += "the cat sat on the mat and it was happy ";
  const std::string giant_path = tmp("giant.txt");
  QRT_ASSERT(qrt::host::write_file_bytes(giant_path, {giant.begin(), giant.end()}, &error));
  const Result g = run("perplexity " + blob + " --text " + giant_path, false);
  QRT_EXPECT_EQ(g.status, 0);
  QRT_EXPECT(g.out.find("1 of 1 paragraphs were longer than the 512-token context") != std::string::npos);
  // Empty text: an error, not "perplexity 0".
  const std::string empty_path = tmp("empty.txt");
  QRT_ASSERT(qrt::host::write_file_bytes(empty_path, {' ', '\n', '\n'}, &error));
  const Result e = run("perplexity " + blob + " --text " + empty_path);
  expect_one_line_failure(qrt_test_ctx, e, "empty text");
  QRT_EXPECT(e.out.find("no paragraphs") != std::string::npos);
  // A directory or /dev/zero as the model, tokenizer or text of the llama commands.
  const std::string dir = tmp("llama_dir");
  QRT_ASSERT(system(("mkdir -p " + dir).c_str()) == 0);
  for (const std::string& odd : {dir, std::string("/dev/zero")}) {
    const std::string cases[] = {
        "generate " + odd + " --prompt hi",
        "perplexity " + blob + " --text " + odd,
        "convert " + models("llm/stories260K/stories260K.bin") + " --tokenizer " + odd +
            " --quant f32 -o " + tmp("never.qrt"),
    };
    for (const std::string& c : cases) {
      const Result r = run(c);
      expect_one_line_failure(qrt_test_ctx, r, c.c_str());
      QRT_EXPECT(r.out.find(odd) != std::string::npos);
    }
  }
  QRT_EXPECT(!exists(tmp("never.qrt")));
  // A 120 K-character prompt: refused before anything runs.
  const Result p = run("generate " + blob + " --prompt \"$(head -c 120000 " + giant_path + ")\"");
  expect_one_line_failure(qrt_test_ctx, p, "120 K prompt");
  QRT_EXPECT(p.out.find("context") != std::string::npos);
  for (const std::string& f : {blob, lf_path, crlf_path, giant_path, empty_path}) unlink(f.c_str());
}
