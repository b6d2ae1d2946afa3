#!/bin/sh
# Regenerates the bundled Fashion-MNIST model (this folder) from the public data set:
#   fashion_cnn_int8.qrt, fashion_cnn_f32.qrt, fashion_test_500.qev, figures.txt
#
# Needs: cmake, a C++17 compiler, gzip, and the Fashion-MNIST IDX files, which the Debian package
# `dataset-fashion-mnist` installs in /usr/share/datasets/fashion-mnist (or set
# FASHION_MNIST_DIR to a folder holding train-*-ubyte.gz and t10k-*-ubyte.gz). Training is
# deterministic (fixed seed and order, no FMA contraction): the same toolchain gives the same
# bytes. It takes about a minute on one core.
#
#   models/fashion_mnist/regenerate.sh            # build in build-regenerate/, write here
#   QRT_BUILD_DIR=/tmp/b models/fashion_mnist/regenerate.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${QRT_BUILD_DIR:-$root/build-regenerate}
data=${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}

for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz \
         t10k-labels-idx1-ubyte.gz; do
  if [ ! -f "$data/$f" ]; then
    echo "regenerate.sh: $data/$f not found; install it with" >&2
    echo "  apt-get install dataset-fashion-mnist    (or set FASHION_MNIST_DIR)" >&2
    exit 1
  fi
done
command -v gzip >/dev/null || { echo "regenerate.sh: gzip is required" >&2; exit 1; }

generator=""
if command -v ninja >/dev/null; then generator="-G Ninja"; fi
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" $generator -DCMAKE_BUILD_TYPE=Release -DQRT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target qrt_fashion_train qrt_fashion_export

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/qrt_fashion_train" --data "$data" --checkpoint "$work/fashion_cnn.ckpt" \
  --figures "$work/trainer.txt"
"$build/bin/qrt_fashion_export" --data "$data" --checkpoint "$work/fashion_cnn.ckpt" \
  --trainer-figures "$work/trainer.txt" --out "$here"

cd "$here"
sha256sum fashion_cnn_int8.qrt fashion_cnn_f32.qrt fashion_test_500.qev > SHA256SUMS
cat SHA256SUMS
