// Host evaluation-set writer and builders: write -> read round trips through the device reader,
// corrupted files rejected, and the MLPerf Tiny / IDX builders checked against data prepared
// independently (TFLM golden input files, hand-made IDX files).
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmath>
#include <string>
#include <vector>

#include "file_io.h"
#include "accept/eval_set_builder.h"
#include "accept/eval_set_writer.h"
#include "blob_writer.h"
#include "qrt_test.h"

using qrt::host::AlignedBytes;
using namespace qrt::host::accept;

namespace {

bool open_bytes(const std::vector<uint8_t>& bytes, AlignedBytes* storage, qrt_eval_set* set) {
  storage->assign(bytes.data(), bytes.size());
  return qrt_eval_set_open(storage->data(), storage->size(), 0, set, nullptr) == QRT_OK;
}

std::string temp_dir() {
  char templ[] = "/tmp/qrt_accept_test_XXXXXX";
  const char* d = mkdtemp(templ);
  return d != nullptr ? d : "/tmp";
}

std::string models(const char* rel) { return std::string(qrt_test::models_dir()) + "/" + rel; }

}  // namespace

QRT_TEST(accept_eval_set_writer, round_trip_two_inputs_references_labels) {
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_CLASSIFICATION, 4, QRT_DTYPE_INT32);
  w.set_name("round trip");
  EvalTensorSpec a;
  a.dtype = QRT_DTYPE_INT8;
  a.dims = {1, 3};
  a.scale = 0.25f;
  a.zero_point = -3;
  a.name = "a";
  EvalTensorSpec b;
  b.dtype = QRT_DTYPE_FLOAT32;
  b.dims = {2};
  b.name = "b";
  EvalTensorSpec out;
  out.dtype = QRT_DTYPE_FLOAT32;
  out.dims = {1, 4};
  out.name = "logits";
  w.add_input(a);
  w.add_input(b);
  w.add_reference_output(out);
  for (int s = 0; s < 5; ++s) {
    const int8_t av[3] = {static_cast<int8_t>(s), static_cast<int8_t>(-s), 100};
    const float fs = static_cast<float>(s);
    const float bv[2] = {fs * 0.5f, -1.0f};
    w.add_sample_copy({av, bv});
    w.add_reference({{fs, fs * 2.0f, fs * 3.0f, fs * 4.0f}});
    w.add_label_class(s % 4);
  }
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(w.finish(&bytes, &error));
  QRT_EXPECT_EQ(bytes.size() % 16, 0u);
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT(strcmp(set.name, "round trip") == 0);
  QRT_EXPECT_EQ(set.sample_count, 5u);
  QRT_EXPECT_EQ(set.input_count, 2u);
  QRT_EXPECT_EQ(set.output_count, 1u);
  QRT_EXPECT_EQ(set.class_count, 4u);
  for (uint32_t s = 0; s < 5; ++s) {
    qrt_eval_tensor t;
    QRT_ASSERT_EQ(qrt_eval_set_input(&set, s, 0, &t), QRT_OK);
    QRT_EXPECT_EQ(t.bytes, 3u);
    QRT_EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data) % 16, 0u);  // each copy 16-byte aligned
    QRT_EXPECT_EQ(static_cast<const int8_t*>(t.data)[1], -static_cast<int>(s));
    QRT_EXPECT_NEAR(t.scale, 0.25, 0.0);
    QRT_EXPECT_EQ(t.zero_point, -3);
    QRT_EXPECT(strcmp(t.name, "a") == 0);
    QRT_ASSERT_EQ(qrt_eval_set_input(&set, s, 1, &t), QRT_OK);
    QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[0], s * 0.5, 0.0);
    QRT_EXPECT_EQ(t.rank, 1);
    QRT_ASSERT_EQ(qrt_eval_set_reference(&set, s, 0, &t), QRT_OK);
    QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[3], s * 4.0, 0.0);
    QRT_EXPECT(strcmp(t.name, "logits") == 0);
    int32_t label = -1;
    QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, s, &label), QRT_OK);
    QRT_EXPECT_EQ(label, static_cast<int32_t>(s % 4));
  }
}

QRT_TEST(accept_eval_set_writer, groups_share_data_and_float_labels) {
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_ANOMALY, 0, QRT_DTYPE_INT32);
  EvalTensorSpec win;
  win.dtype = QRT_DTYPE_FLOAT32;
  win.dims = {1, 4};
  w.add_input(win);
  const float file0[6] = {0, 1, 2, 3, 4, 5};
  const uint32_t base = w.add_data(file0, sizeof file0);
  for (uint32_t k = 0; k < 3; ++k) w.add_sample({base + 4 * k});
  w.end_group();
  w.add_label_class(1);
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(w.finish(&bytes, &error));
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.unit_count, 1u);
  qrt_eval_tensor t;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 2, 0, &t), QRT_OK);
  QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[3], 5.0, 0.0);
  // Regression: float labels.
  EvalSetWriter r;
  r.set_task(QRT_EVAL_TASK_REGRESSION, 0, QRT_DTYPE_FLOAT32);
  EvalTensorSpec x;
  x.dtype = QRT_DTYPE_INT8;
  x.dims = {1, 1};
  x.scale = 0.0245f;
  x.zero_point = -128;
  r.add_input(x);
  const int8_t q = 7;
  r.add_sample_copy({&q});
  r.add_label_value(0.75f);
  QRT_ASSERT(r.finish(&bytes, &error));
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  float v = 0;
  QRT_ASSERT_EQ(qrt_eval_set_label_value(&set, 0, &v), QRT_OK);
  QRT_EXPECT_NEAR(v, 0.75, 0.0);
}

QRT_TEST(accept_eval_set_writer, inconsistent_content_is_refused) {
  EvalTensorSpec in;
  in.dims = {1, 2};
  std::vector<uint8_t> bytes;
  std::string error;
  {
    EvalSetWriter w;  // no samples
    w.add_input(in);
    QRT_EXPECT(!w.finish(&bytes, &error));
  }
  {
    EvalSetWriter w;  // 2 samples, 1 label
    w.set_task(QRT_EVAL_TASK_CLASSIFICATION, 2, QRT_DTYPE_INT32);
    w.add_input(in);
    const int8_t v[2] = {1, 2};
    w.add_sample_copy({v});
    w.add_sample_copy({v});
    w.add_label_class(0);
    QRT_EXPECT(!w.finish(&bytes, &error));
    QRT_EXPECT(error.find("1 labels for 2 units") != std::string::npos);
  }
  {
    EvalSetWriter w;  // label out of range: the device reader refuses the written set
    w.set_task(QRT_EVAL_TASK_CLASSIFICATION, 2, QRT_DTYPE_INT32);
    w.add_input(in);
    const int8_t v[2] = {1, 2};
    w.add_sample_copy({v});
    w.add_label_class(5);
    QRT_EXPECT(!w.finish(&bytes, &error));
    QRT_EXPECT(error.find("does not validate") != std::string::npos);
  }
}

QRT_TEST(accept_eval_set_writer, corrupted_files_are_rejected) {
  EvalSetWriter w;
  w.set_task(QRT_EVAL_TASK_CLASSIFICATION, 2, QRT_DTYPE_INT32);
  EvalTensorSpec in;
  in.dims = {1, 8};
  w.add_input(in);
  const int8_t v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  w.add_sample_copy({v});
  w.add_label_class(1);
  std::vector<uint8_t> bytes;
  std::string error;
  QRT_ASSERT(w.finish(&bytes, &error));
  const std::string dir = temp_dir();
  const std::string path = dir + "/set.qev";
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(qrt::host::write_file_bytes(path, bytes, &error));
  QRT_EXPECT(load_eval_set_file(path, &storage, &set, &error));
  struct Corruption {
    size_t offset;
    uint8_t value;
    const char* status;
  } cases[] = {{0, 'X', "BAD_MAGIC"},        {4, 2, "BAD_VERSION"},
               {8, 65, "BAD_VERSION"},        {28, 3, "BAD_CHECKSUM"},
               {bytes.size() - 1, 0x55, "BAD_CHECKSUM"}};
  for (const Corruption& c : cases) {
    std::vector<uint8_t> bad = bytes;
    bad[c.offset] = c.value;
    QRT_ASSERT(qrt::host::write_file_bytes(path, bad, &error));
    QRT_EXPECT(!load_eval_set_file(path, &storage, &set, &error));
    QRT_EXPECT(error.find(c.status) != std::string::npos);
  }
  std::vector<uint8_t> truncated(bytes.begin(), bytes.end() - 16);
  QRT_ASSERT(qrt::host::write_file_bytes(path, truncated, &error));
  QRT_EXPECT(!load_eval_set_file(path, &storage, &set, &error));
  QRT_EXPECT(error.find("TRUNCATED") != std::string::npos);
  unlink(path.c_str());
  rmdir(dir.c_str());
}

QRT_TEST(accept_eval_set_builder, evenly_spaced_units) {
  const std::vector<size_t> a = evenly_spaced(10, 4);  // floor(i * 10 / 4): 0, 2, 5, 7
  QRT_ASSERT_EQ(a.size(), 4u);
  QRT_EXPECT_EQ(a[0], 0u);
  QRT_EXPECT_EQ(a[1], 2u);
  QRT_EXPECT_EQ(a[2], 5u);
  QRT_EXPECT_EQ(a[3], 7u);
  QRT_EXPECT_EQ(evenly_spaced(3, 0).size(), 3u);
  QRT_EXPECT_EQ(evenly_spaced(3, 5).size(), 3u);
}

QRT_TEST(accept_eval_set_builder, idx_files_plain_and_gzip) {
  // Two 2x3 images and labels {4, 1}, written by hand in IDX (big-endian header).
  const std::string dir = temp_dir();
  const uint8_t images[] = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
                            0, 1, 2, 3, 4, 255, 10, 20, 30, 40, 50, 128};
  const uint8_t labels[] = {0, 0, 8, 1, 0, 0, 0, 2, 4, 1};
  std::string error;
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/img", {images, images + sizeof images}, &error));
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/lab", {labels, labels + sizeof labels}, &error));
  QRT_ASSERT(system(("gzip -c " + dir + "/img > " + dir + "/img.gz").c_str()) == 0);
  std::vector<uint8_t> bytes;
  AlignedBytes storage;
  qrt_eval_set set;
  BuildOptions all;
  for (int variant = 0; variant < 3; ++variant) {
    const IdxPixels px = variant == 0 ? IdxPixels::kInt8
                         : variant == 1 ? IdxPixels::kUint8 : IdxPixels::kFloat32;
    const std::string img = dir + (variant == 1 ? "/img.gz" : "/img");
    QRT_ASSERT(build_idx_eval_set(img, dir + "/lab", px, "tiny", all, &bytes, &error));
    QRT_ASSERT(open_bytes(bytes, &storage, &set));
    QRT_EXPECT_EQ(set.sample_count, 2u);
    QRT_EXPECT_EQ(set.class_count, 5u);  // max label + 1
    qrt_eval_tensor t;
    QRT_ASSERT_EQ(qrt_eval_set_input(&set, 1, 0, &t), QRT_OK);
    QRT_EXPECT_EQ(t.rank, 4);
    QRT_EXPECT_EQ(t.dims[1], 2);
    QRT_EXPECT_EQ(t.dims[2], 3);
    if (variant == 0) {
      QRT_EXPECT_EQ(static_cast<const int8_t*>(t.data)[5], 0);  // 128 - 128
      QRT_EXPECT_EQ(static_cast<const int8_t*>(t.data)[0], 10 - 128);
      QRT_EXPECT_EQ(t.zero_point, -128);
      QRT_EXPECT_NEAR(t.scale, 1.0 / 255.0, 1e-9);
    } else if (variant == 1) {
      QRT_EXPECT_EQ(static_cast<const uint8_t*>(t.data)[5], 128);
    } else {
      QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[5], 128.0 / 255.0, 1e-7);
    }
    int32_t label = 0;
    QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 0, &label), QRT_OK);
    QRT_EXPECT_EQ(label, 4);
  }
  QRT_EXPECT(!build_idx_eval_set(dir + "/lab", dir + "/lab", IdxPixels::kInt8, "x", all, &bytes,
                                 &error));
  QRT_EXPECT(error.find("0x00000803") != std::string::npos);
  QRT_EXPECT(!build_idx_eval_set(dir + "/none.gz", dir + "/lab", IdxPixels::kInt8, "x", all,
                                 &bytes, &error));
  QRT_ASSERT(system(("rm -rf " + dir).c_str()) == 0);
}

QRT_TEST(accept_eval_set_builder, fashion_mnist_test_set) {
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  std::vector<uint8_t> bytes;
  std::string error;
  BuildOptions opt;
  opt.max_units = 1000;
  QRT_ASSERT(build_idx_eval_set(models("fashion_mnist_debian/t10k-images-idx3-ubyte.gz"),
                                models("fashion_mnist_debian/t10k-labels-idx1-ubyte.gz"),
                                IdxPixels::kInt8, "fashion-mnist", opt, &bytes, &error));
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.sample_count, 1000u);
  QRT_EXPECT_EQ(set.class_count, 10u);
  // The Fashion-MNIST test set is balanced (1000 per class); every 10th image keeps all classes.
  int seen[10] = {};
  for (uint32_t u = 0; u < set.unit_count; ++u) {
    int32_t label = -1;
    QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, u, &label), QRT_OK);
    ++seen[label];
  }
  for (int c = 0; c < 10; ++c) QRT_EXPECT(seen[c] > 50);
}

QRT_TEST(accept_eval_set_builder, mlperf_ic01_and_kws01_match_tflm_inputs) {
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  struct Case {
    const char* folder;
    uint32_t samples, classes;
    const char* golden;  // the converted input TFLM was fed for the first csv row
    int32_t first_label;
  } cases[] = {
      {"mlperf_tiny/datasets/ic01", 200, 10,
       "golden/tflm/mlperf/ic01_input_lippizaner_s_000613.i8", 7},
      {"mlperf_tiny/datasets/kws01", 1000, 12,
       "golden/tflm/mlperf/kws01_input_tst_000000_Stop_7.i8", 7},
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> bytes, golden;
    std::string error;
    QRT_ASSERT(build_folder_eval_set(models(c.folder), nullptr, BuildOptions{}, &bytes, &error));
    AlignedBytes storage;
    qrt_eval_set set;
    QRT_ASSERT(open_bytes(bytes, &storage, &set));
    QRT_EXPECT_EQ(set.task, QRT_EVAL_TASK_CLASSIFICATION);
    QRT_EXPECT_EQ(set.sample_count, c.samples);
    QRT_EXPECT_EQ(set.class_count, c.classes);
    qrt_eval_tensor t;
    QRT_ASSERT_EQ(qrt_eval_set_input(&set, 0, 0, &t), QRT_OK);
    QRT_ASSERT(qrt::host::read_file_bytes(models(c.golden), &golden, &error));
    QRT_ASSERT_EQ(golden.size(), t.bytes);
    QRT_EXPECT(memcmp(golden.data(), t.data, t.bytes) == 0);
    int32_t label = -1;
    QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 0, &label), QRT_OK);
    QRT_EXPECT_EQ(label, c.first_label);
  }
}

QRT_TEST(accept_eval_set_builder, mlperf_ad01_windows_and_groups) {
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  std::vector<uint8_t> bytes, raw;
  std::string error;
  BuildOptions opt;
  opt.max_units = 8;  // files 0, 31, 62, ... 217 of 248: normals and anomalies
  QRT_ASSERT(build_folder_eval_set(models("mlperf_tiny/datasets/ad01"), nullptr, opt, &bytes,
                                   &error));
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.task, QRT_EVAL_TASK_ANOMALY);
  QRT_EXPECT_EQ(set.unit_count, 8u);
  QRT_EXPECT_EQ(set.sample_count, 8u * 196u);  // (25600 - 640) / 128 + 1 windows per file
  // Stored once per file: 8 x 102400 bytes of data plus headers, not 196 x 2560 per file.
  QRT_EXPECT(bytes.size() < 8u * 102400u + 16384u);
  int anomalies = 0;
  for (uint32_t u = 0; u < 8; ++u) {
    int32_t label = -1;
    uint32_t first = 0, count = 0;
    QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, u, &label), QRT_OK);
    QRT_ASSERT_EQ(qrt_eval_set_unit_samples(&set, u, &first, &count), QRT_OK);
    QRT_EXPECT_EQ(first, u * 196u);
    QRT_EXPECT_EQ(count, 196u);
    anomalies += label;
  }
  QRT_EXPECT(anomalies > 0 && anomalies < 8);
  // Window 5 of the first file (normal_id_01_00000003) = file values [640, 1280).
  QRT_ASSERT(qrt::host::read_file_bytes(
      models("mlperf_tiny/datasets/ad01/normal_id_01_00000003_hist_librosa.bin"), &raw, &error));
  qrt_eval_tensor t;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 5, 0, &t), QRT_OK);
  QRT_ASSERT_EQ(t.bytes, 2560u);
  QRT_EXPECT(memcmp(t.data, raw.data() + 5 * 128 * 4, 2560) == 0);
  QRT_EXPECT_EQ(t.dtype, QRT_DTYPE_FLOAT32);
}

namespace {

// A .npy file written by hand: version 1 header padded to 64 bytes, as numpy.save does.
std::vector<uint8_t> npy(const std::string& descr, const std::string& shape, const void* data,
                         size_t bytes, bool fortran = false) {
  std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = std::string("\x93NUMPY\x01", 7) + '\0';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(static_cast<const char*>(data), bytes);
  return std::vector<uint8_t>(out.begin(), out.end());
}

}  // namespace

// A user's own folder: "file,label" rows in a CSV of any name, the shape and the file type given;
// pixels converted as the IDX builder does, or int8 files stored as they are with the given
// quantization.
QRT_TEST(accept_eval_set_builder, folder_with_explicit_format) {
  const std::string dir = temp_dir();
  std::string error;
  const uint8_t a[] = {0, 16, 32, 255}, b[] = {128, 129, 130, 131};
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/a.raw", {a, a + 4}, &error));
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/b.raw", {b, b + 4}, &error));
  const std::string csv = "a.raw,3\nb.raw,1\n";
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/mine.csv", {csv.begin(), csv.end()}, &error));
  FolderFormat f;
  set_pixels(IdxPixels::kInt8, &f);
  f.dims = {1, 2, 2, 1};
  f.labels_csv = dir + "/mine.csv";
  std::vector<uint8_t> bytes;
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(build_folder_eval_set(dir, &f, BuildOptions{}, &bytes, &error));
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.sample_count, 2u);
  QRT_EXPECT_EQ(set.class_count, 4u);  // largest label 3, + 1
  qrt_eval_tensor t;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 0, 0, &t), QRT_OK);
  const int8_t want_a[] = {-128, -112, -96, 127};  // u8 - 128
  QRT_EXPECT(memcmp(t.data, want_a, 4) == 0);
  QRT_EXPECT_EQ(t.zero_point, -128);
  QRT_EXPECT_NEAR(t.scale, 1.0 / 255.0, 1e-9);
  int32_t label = 0;
  QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 1, &label), QRT_OK);
  QRT_EXPECT_EQ(label, 1);
  // int8 files as they are, quantized q(0.5, 3), ten classes.
  FolderFormat g;
  g.file_dtype = g.dtype = QRT_DTYPE_INT8;
  g.dims = {1, 4};
  g.scale = 0.5f;
  g.zero_point = 3;
  g.class_count = 10;
  g.labels_csv = dir + "/mine.csv";
  QRT_ASSERT(build_folder_eval_set(dir, &g, BuildOptions{}, &bytes, &error));
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.class_count, 10u);
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 1, 0, &t), QRT_OK);
  QRT_EXPECT_EQ(static_cast<const int8_t*>(t.data)[0], -128);  // 0x80 as stored
  QRT_EXPECT_EQ(t.zero_point, 3);
  // A wrong shape, a label beyond --classes and a mixed CSV are refused with their reason.
  g.dims = {1, 5};
  QRT_EXPECT(!build_folder_eval_set(dir, &g, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("4 values, the input has 5") != std::string::npos);
  g.dims = {1, 4};
  g.class_count = 3;
  QRT_EXPECT(!build_folder_eval_set(dir, &g, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("label 3 is not below --classes 3") != std::string::npos);
  const std::string mixed = "a.raw,3\nb.raw,10,1\n";
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/mine.csv", {mixed.begin(), mixed.end()}, &error));
  QRT_EXPECT(!build_folder_eval_set(dir, &f, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("line 2") != std::string::npos);
  QRT_ASSERT(system(("rm -rf " + dir).c_str()) == 0);
}

// NumPy arrays: uint8 pixels, float64 samples stored as float32, int64 labels; Fortran order and
// a count mismatch are refused.
QRT_TEST(accept_eval_set_builder, numpy_arrays) {
  const std::string dir = temp_dir();
  std::string error;
  const uint8_t px[] = {0, 255, 128, 1, 2, 3};  // 3 samples of 2
  const int64_t labels[] = {2, 0, 5};
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/x.npy", npy("|u1", "(3, 2)", px, 6), &error));
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/y.npy", npy("<i8", "(3,)", labels, 24), &error));
  FolderFormat f;
  f.name = "np";
  set_pixels(IdxPixels::kFloat32, &f);
  std::vector<uint8_t> bytes;
  AlignedBytes storage;
  qrt_eval_set set;
  QRT_ASSERT(build_npy_eval_set(dir + "/x.npy", dir + "/y.npy", f, BuildOptions{}, &bytes, &error));
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_EXPECT_EQ(set.sample_count, 3u);
  QRT_EXPECT_EQ(set.class_count, 6u);
  qrt_eval_tensor t;
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 1, 0, &t), QRT_OK);
  QRT_EXPECT_EQ(t.rank, 2);  // [1, 2]: batch 1, then the array's sample shape
  QRT_EXPECT_EQ(t.dims[1], 2);
  QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[0], 128.0 / 255.0, 1e-7);
  int32_t label = 0;
  QRT_ASSERT_EQ(qrt_eval_set_label_class(&set, 2, &label), QRT_OK);
  QRT_EXPECT_EQ(label, 5);
  // float64 samples, given a shape, stored as float32 as they are.
  const double xd[] = {0.5, -1.25, 3.0, 4.0, 1e-3, 7.0};
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/xd.npy", npy("<f8", "(3, 2)", xd, 48), &error));
  FolderFormat g;
  g.dims = {1, 1, 2};
  QRT_ASSERT(build_npy_eval_set(dir + "/xd.npy", dir + "/y.npy", g, BuildOptions{}, &bytes, &error));
  QRT_ASSERT(open_bytes(bytes, &storage, &set));
  QRT_ASSERT_EQ(qrt_eval_set_input(&set, 0, 0, &t), QRT_OK);
  QRT_EXPECT_EQ(t.dtype, QRT_DTYPE_FLOAT32);
  QRT_EXPECT_NEAR(static_cast<const float*>(t.data)[1], -1.25, 0.0);
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/xf.npy", npy("<f8", "(3, 2)", xd, 48, true), &error));
  QRT_EXPECT(!build_npy_eval_set(dir + "/xf.npy", dir + "/y.npy", g, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("Fortran") != std::string::npos);
  QRT_ASSERT(qrt::host::write_file_bytes(dir + "/y2.npy", npy("<i8", "(2,)", labels, 16), &error));
  QRT_EXPECT(!build_npy_eval_set(dir + "/xd.npy", dir + "/y2.npy", g, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("expected 3 integer labels") != std::string::npos);
  QRT_EXPECT(!build_npy_eval_set(dir + "/xd.npy", dir + "/y.npy", f, BuildOptions{}, &bytes, &error));
  QRT_EXPECT(error.find("--pixels needs uint8") != std::string::npos);
  QRT_ASSERT(system(("rm -rf " + dir).c_str()) == 0);
}

QRT_TEST(accept_eval_set_builder, skip_units_leaves_out_the_calibration_part) {
  if (qrt_test::models_dir()[0] == 0) {
    qrt_test::note_skipped("QRT_MODELS_DIR not set");
    return;
  }
  std::vector<uint8_t> whole_bytes, rest_bytes;
  std::string error;
  BuildOptions skip;
  skip.skip_units = 50;
  QRT_ASSERT(build_folder_eval_set(models("mlperf_tiny/datasets/ic01"), nullptr, BuildOptions{}, &whole_bytes, &error));
  QRT_ASSERT(build_folder_eval_set(models("mlperf_tiny/datasets/ic01"), nullptr, skip, &rest_bytes, &error));
  AlignedBytes a, b;
  qrt_eval_set whole, rest;
  QRT_ASSERT(open_bytes(whole_bytes, &a, &whole) && open_bytes(rest_bytes, &b, &rest));
  QRT_EXPECT_EQ(rest.sample_count, whole.sample_count - 50);
  QRT_EXPECT(std::string(rest.name) == "ic01 [units 50..200)");
  // Unit k of the rest is unit 50 + k of the whole set: same bytes, same label.
  for (uint32_t k : {0u, 1u, 149u}) {
    qrt_eval_tensor x, y;
    qrt_eval_set_input(&whole, 50 + k, 0, &x);
    qrt_eval_set_input(&rest, k, 0, &y);
    QRT_ASSERT(x.bytes == y.bytes);
    QRT_EXPECT(memcmp(x.data, y.data, x.bytes) == 0);
    int32_t lx = -1, ly = -2;
    qrt_eval_set_label_class(&whole, 50 + k, &lx);
    qrt_eval_set_label_class(&rest, k, &ly);
    QRT_EXPECT_EQ(lx, ly);
  }
  // A skip beyond the set leaves nothing, which the writer refuses (a set has at least 1 sample).
  skip.skip_units = 500;
  QRT_EXPECT(!build_folder_eval_set(models("mlperf_tiny/datasets/ic01"), nullptr, skip, &rest_bytes, &error));
}
