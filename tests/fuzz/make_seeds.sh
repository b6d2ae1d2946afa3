#!/usr/bin/env bash
# make_seeds.sh QRT_CLI SOURCE_DIR MODELS_DIR OUT_DIR [OP_CASES_WRITER]: seed corpora for the fuzz
# targets of tests/fuzz, one folder per target, from the project's own files, small synthetic
# inputs made here, (when MODELS_DIR is given) small files of the shared models and (with the
# writer of tests/golden) the one-operator TFLM cases as .tflite and .qrt. Seeds stay small (a
# few KB to tens of KB) so that each execution is fast.
set -euo pipefail
qrt=$1 src=$2 models=$3 out=$4 op_cases=${5:-}
rm -rf "$out"
for t in blob tflite quantize llama_checkpoint llama_tokenizer eval_set criteria report_json npy \
         diff_conv2d diff_depthwise_conv2d diff_fully_connected diff_llm_matvec \
         diff_llm_attention diff_llm_swiglu; do
  mkdir -p "$out/fuzz_$t"
done
fm=$src/models/fashion_mnist

# .qrt blobs: the bundled Fashion-MNIST pair, and small TFLite models converted.
cp "$fm/fashion_cnn_int8.qrt" "$fm/fashion_cnn_f32.qrt" "$out/fuzz_blob/"
# Criteria files.
cp "$src"/models/formats/examples/*.criteria "$fm/criteria.txt" "$out/fuzz_criteria/"
# A real acceptance report (JSON) of the bundled model on 20 samples.
"$qrt" accept "$fm/fashion_cnn_int8.qrt" --float "$fm/fashion_cnn_f32.qrt" \
  --eval "$fm/fashion_test_500.qev" --criteria "$fm/criteria.txt" --max-units 20 \
  --json-out "$out/fuzz_report_json/fashion.json" >/dev/null || true

# Synthetic inputs (python3, standard library only): a tiny llama2.c v0 checkpoint, a tokenizer
# with the three special pieces, the 256 byte pieces and a few merges, and fixed pseudo-random
# byte strings for the kernel differentials.
python3 - "$out" <<'PY'
import struct, sys, os
out = sys.argv[1]
# .npy arrays as numpy.save writes them (version 1, header padded to 64 bytes).
def npy(descr, shape, payload):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += ' ' * ((64 - (10 + len(header) + 1) % 64) % 64) + '\n'
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode() + payload
open(os.path.join(out, 'fuzz_npy', 'u8'), 'wb').write(npy('|u1', '(3, 2, 2)', bytes(range(12))))
open(os.path.join(out, 'fuzz_npy', 'i8'), 'wb').write(npy('<i8', '(3,)', struct.pack('<3q', 2, 0, 5)))
open(os.path.join(out, 'fuzz_npy', 'f8'), 'wb').write(npy('<f8', '(2, 1)', struct.pack('<2d', 0.5, -1.0)))
dim, hidden, layers, heads, kv, vocab, seq = 8, 16, 1, 2, 2, 300, 8
hs = dim // heads
def floats(n, k=1):
    return struct.pack('%df' % n, *[((i * 37 + k) % 17 - 8) / 16.0 for i in range(n)])
with open(os.path.join(out, 'fuzz_llama_checkpoint', 'tiny_v0.bin'), 'wb') as f:
    f.write(struct.pack('7i', dim, hidden, layers, heads, kv, vocab, seq))
    f.write(floats(vocab * dim))
    f.write(struct.pack('%df' % (layers * dim), *([1.0] * layers * dim)))
    for rows, cols in [(heads * hs, dim), (kv * hs, dim), (kv * hs, dim), (dim, heads * hs)]:
        f.write(floats(layers * rows * cols, rows))
    f.write(struct.pack('%df' % (layers * dim), *([1.0] * layers * dim)))
    for rows, cols in [(hidden, dim), (dim, hidden), (hidden, dim)]:
        f.write(floats(layers * rows * cols, cols))
    f.write(struct.pack('%df' % dim, *([1.0] * dim)))
pieces = [b'<unk>', b'\n<s>\n', b'\n</s>\n'] + [b'<0x%02X>' % i for i in range(256)]
pieces += [b' ', b'a', b'b', b'ab', b'ba', b' a', b'abab', b'\xc3\xa9']
tok = struct.pack('i', 8)
for i, p in enumerate(pieces):
    tok += struct.pack('fi', -float(i % 7), len(p)) + p
text = b'abab ba \xc3\xa9 a'
with open(os.path.join(out, 'fuzz_llama_tokenizer', 'synthetic'), 'wb') as f:
    f.write(struct.pack('<HH', len(pieces), len(text)) + text + tok)
state = 12345
for target in ['conv2d', 'depthwise_conv2d', 'fully_connected', 'llm_matvec', 'llm_attention',
               'llm_swiglu']:
    for k in range(8):
        b = bytearray()
        for _ in range(48):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            b.append(state >> 16 & 0xFF)
        with open(os.path.join(out, 'fuzz_diff_' + target, 'seed%d' % k), 'wb') as f:
            f.write(bytes(b))
PY

if [ -n "$models" ] && [ -d "$models" ]; then
  # The int16 (16x8) operators through the smallest SEANet model of each family.
  for m in hello_world/hello_world_int8 hello_world/hello_world_float micro_speech/micro_speech_quantized \
           integration_tests_seanet/add/add0 integration_tests_seanet/conv/conv0 \
           integration_tests_seanet/leaky_relu/leaky_relu0 integration_tests_seanet/pad/pad0 \
           integration_tests_seanet/quantize/quantize0 integration_tests_seanet/strided_slice/strided_slice0 \
           integration_tests_seanet/sub/sub0 integration_tests_seanet/transpose_conv/transpose_conv4; do
    cp "$models/tflm/$m.tflite" "$out/fuzz_tflite/"
    "$qrt" convert "$models/tflm/$m.tflite" -o "$out/fuzz_blob/$(basename $m).qrt" >/dev/null
  done
  "$qrt" eval-set "$models/mlperf_tiny/datasets/kws01" -o "$out/fuzz_eval_set/kws01_3.qev" \
    --max-units 3 >/dev/null
  "$qrt" eval-set --idx "$models/fashion_mnist_debian/t10k-images-idx3-ubyte.gz" \
    "$models/fashion_mnist_debian/t10k-labels-idx1-ubyte.gz" -o "$out/fuzz_eval_set/fashion_4.qev" \
    --max-units 4 >/dev/null
  python3 - "$out" "$models/llm/stories260K/tok512.bin" <<'PY'
import struct, sys
out, tok = sys.argv[1], open(sys.argv[2], 'rb').read()
text = b'Once upon a time, there was a little girl.'
open(out + '/fuzz_llama_tokenizer/tok512', 'wb').write(struct.pack('<HH', 512, len(text)) + text + tok)
PY
fi
if [ -n "$op_cases" ]; then
  # Every operator's one-operator models (tests/golden/tflm_op_cases.cpp): TFLite files for the
  # reader and importer, converted blobs for the loader's checks.
  cases=$(mktemp -d)
  "$op_cases" "$cases"
  cp "$cases"/*.tflite "$out/fuzz_tflite/"
  "$op_cases" --device "$cases" "$src/tests/golden/data/tflm_op_cases.golden"
  cp "$cases"/*.qrt "$out/fuzz_blob/"
  rm -rf "$cases"
fi
# The quantizer takes what the importer takes: every TFLite seed (the float ones get through).
cp "$out"/fuzz_tflite/*.tflite "$out/fuzz_quantize/" 2>/dev/null || true
echo "make_seeds: $(find "$out" -type f | wc -l) seeds in $out"
