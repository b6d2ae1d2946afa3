// qrt_fashion_train: trains the bundled Fashion-MNIST CNN (small_cnn.h) on the 60,000 training
// images, evaluates it in float32 on the 10,000 test images and on the bundled evaluation subset,
// and writes the float checkpoint and the trainer's figures for the export tool.
//
//   qrt_fashion_train [--data DIR] [--epochs N] --checkpoint OUT.bin --figures OUT.txt
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accept/eval_set_builder.h"
#include "fashion_bundle.h"
#include "idx_file.h"
#include "small_cnn.h"

namespace {

using namespace qrt::models;

struct Progress {
  clock_t start;
};

void on_epoch(int32_t epoch, double loss, double accuracy, void* user) {
  const auto* p = static_cast<const Progress*>(user);
  printf("epoch %2d  loss %.4f  train accuracy %.4f  (%.1f s)\n", epoch + 1, loss, accuracy,
         static_cast<double>(clock() - p->start) / CLOCKS_PER_SEC);
  fflush(stdout);
}

int usage() {
  fprintf(stderr,
          "usage: qrt_fashion_train [--data DIR] [--epochs N] --checkpoint OUT --figures OUT\n"
          "  DIR holds the Fashion-MNIST IDX .gz files (default %s,\n"
          "  from the Debian package dataset-fashion-mnist)\n",
          kDefaultFashionDataDir);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = kDefaultFashionDataDir, checkpoint, figures_path;
  TrainConfig config;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    if (arg == "--data") {
      data_dir = argv[++i];
    } else if (arg == "--epochs") {
      config.epochs = atoi(argv[++i]);
    } else if (arg == "--checkpoint") {
      checkpoint = argv[++i];
    } else if (arg == "--figures") {
      figures_path = argv[++i];
    } else {
      return usage();
    }
  }
  if (checkpoint.empty() || figures_path.empty() || config.epochs < 1) return usage();

  std::string error;
  IdxImages train, test;
  std::vector<uint8_t> train_labels, test_labels;
  if (!read_idx_images(data_dir + "/" + kTrainImages, &train, &error) ||
      !read_idx_labels(data_dir + "/" + kTrainLabels, &train_labels, &error) ||
      !read_idx_images(data_dir + "/" + kTestImages, &test, &error) ||
      !read_idx_labels(data_dir + "/" + kTestLabels, &test_labels, &error)) {
    fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  if (train.rows != kImageSide || train.cols != kImageSide || test.rows != kImageSide ||
      test.cols != kImageSide || static_cast<size_t>(train.count) != train_labels.size() ||
      static_cast<size_t>(test.count) != test_labels.size()) {
    fprintf(stderr, "error: expected 28x28 images with one label each\n");
    return 1;
  }
  printf("training on %d images, %d epochs, batch %d, Adam lr %g -> %g (cosine), seed %llu\n",
         train.count, config.epochs, config.batch_size, static_cast<double>(config.learning_rate),
         static_cast<double>(config.final_learning_rate),
         static_cast<unsigned long long>(config.seed));
  SmallCnn net = init_small_cnn(config.seed);
  Progress progress{clock()};
  train_small_cnn(&net, train.pixels.data(), train_labels.data(), train.count, config, on_epoch,
                  &progress);

  // Float evaluation: the whole test set, and the images the bundled evaluation set keeps.
  std::vector<uint8_t> correct(static_cast<size_t>(test.count));
  SmallCnnActivations act;
  int32_t test_correct = 0;
  for (int32_t i = 0; i < test.count; ++i) {
    small_cnn_forward(net, test.image(i), &act);
    correct[static_cast<size_t>(i)] = argmax_f32(act.logits, kClassCount) == test_labels[static_cast<size_t>(i)];
    test_correct += correct[static_cast<size_t>(i)];
  }
  int32_t subset_correct = 0;
  const std::vector<size_t> subset =
      qrt::host::accept::evenly_spaced(static_cast<size_t>(test.count), kEvalSubsetSize);
  for (size_t index : subset) subset_correct += correct[index];
  printf("float32 test accuracy %.4f (%d / %d); evaluation subset %d / %zu\n",
         static_cast<double>(test_correct) / test.count, test_correct, test.count, subset_correct,
         subset.size());

  if (!save_small_cnn(checkpoint, net, &error)) {
    fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  char lr[64];
  snprintf(lr, sizeof lr, "%g..%g", static_cast<double>(config.learning_rate),
           static_cast<double>(config.final_learning_rate));
  const std::vector<std::pair<std::string, std::string>> figures = {
      {"trainer.epochs", std::to_string(config.epochs)},
      {"trainer.batch_size", std::to_string(config.batch_size)},
      {"trainer.learning_rate", lr},
      {"trainer.seed", std::to_string(config.seed)},
      {"trainer.float.test_correct", std::to_string(test_correct)},
      {"trainer.float.test_count", std::to_string(test.count)},
      {"trainer.float.subset_correct", std::to_string(subset_correct)},
      {"trainer.float.subset_count", std::to_string(subset.size())},
  };
  if (!write_figures(figures_path, figures, "# qrt_fashion_train: float32 evaluation by the trainer\n",
                     &error)) {
    fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  return 0;
}
