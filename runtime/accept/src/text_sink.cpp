// Error filling and the buffered text sink of the report writers.
#include <string.h>

#include "accept_internal.h"

namespace qrt {
namespace accept {

qrt_status fail(qrt_error* err, qrt_status status, int32_t tensor_index, const char* message) {
  if (err != nullptr) {
    err->status = status;
    err->op_index = -1;
    err->tensor_index = tensor_index;
    copy_text(err->message, sizeof err->message, message);
  }
  return status;
}

size_t copy_text(char* dst, size_t cap, const char* src) {
  if (cap == 0) return 0;
  size_t n = 0;
  if (src != nullptr) {
    while (n + 1 < cap && src[n] != 0) {
      dst[n] = src[n];
      ++n;
    }
  }
  dst[n] = 0;
  return n;
}

void sink_init(TextSink* sink, qrt_accept_write_fn write, void* user) {
  sink->write = write;
  sink->user = user;
  sink->used = 0;
  sink->buffer[0] = 0;
}

void sink_flush(TextSink* sink) {
  if (sink->used == 0) return;
  sink->buffer[sink->used] = 0;
  sink->write(sink->user, sink->buffer);
  sink->used = 0;
}

void sink_char(TextSink* sink, char c) {
  if (sink->used + 1 >= sizeof sink->buffer) sink_flush(sink);
  sink->buffer[sink->used++] = c;
}

void sink_put_n(TextSink* sink, const char* text, size_t n) {
  for (size_t i = 0; i < n; ++i) sink_char(sink, text[i]);
}

void sink_put(TextSink* sink, const char* text) {
  if (text == nullptr) return;
  sink_put_n(sink, text, strlen(text));
}

void sink_spaces(TextSink* sink, size_t n) {
  for (size_t i = 0; i < n; ++i) sink_char(sink, ' ');
}

void sink_field(TextSink* sink, const char* text, size_t width) {
  const size_t n = text == nullptr ? 0 : strlen(text);
  sink_put_n(sink, text, n);
  if (n < width) sink_spaces(sink, width - n);
}

void sink_uint(TextSink* sink, uint64_t value) {
  char d[24];
  size_t n = 0;
  do {
    d[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) sink_char(sink, d[--n]);
}

void sink_double(TextSink* sink, double value, int significant) {
  char buf[40];
  qrt_accept_format_double(buf, sizeof buf, value, significant);
  sink_put(sink, buf);
}

}  // namespace accept
}  // namespace qrt
