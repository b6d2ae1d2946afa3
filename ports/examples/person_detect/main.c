/* person_detect on both test images through qrt's C API, the way a firmware does it: the blob is
 * in flash (linked by qrt_add_model), the arena a static array sized at build time for this
 * target (QRT_PERSON_DETECT_ARENA_BYTES), and only the model's operators are linked
 * (QRT_PERSON_DETECT_OPS). Prints "<image> notperson <score> person <score>" per image. */
#include <stdint.h>
#include <string.h>

#include "../common/console.h"
#include "image_no_person.h"
#include "image_person.h"
#include "qrt/qrt.h"
#include "qrt/qrt_ops.h"
#include "qrt_model_person_detect.h" /* the blob, its arena size, its operators */

QRT_DEFAULT_OP_TABLE(QRT_PERSON_DETECT_OPS)

static uint8_t arena[QRT_PERSON_DETECT_ARENA_BYTES] __attribute__((aligned(16)));

static void write_int(int value) {
  char text[12];
  char* p = text + sizeof text;
  unsigned magnitude = value < 0 ? 0u - (unsigned)value : (unsigned)value;
  *--p = '\0';
  do {
    *--p = (char)('0' + magnitude % 10u);
    magnitude /= 10u;
  } while (magnitude != 0);
  if (value < 0) *--p = '-';
  console_write(p);
}

static void fail(const char* what, qrt_status status, const qrt_error* err) {
  console_write(what);
  console_write(": ");
  console_write(qrt_status_str(status));
  console_write(err != NULL ? " " : "");
  console_write(err != NULL ? err->message : "");
  console_write("\n");
  console_exit(1);
}

int main(void) {
  qrt_session* session = NULL;
  qrt_error err;
  qrt_status s = qrt_session_create(qrt_model_person_detect, qrt_model_person_detect_size, NULL,
                                    arena, sizeof arena, &session, &err);
  if (s != QRT_OK) fail("qrt_session_create", s, &err);
  const struct {
    const char* name;
    const unsigned char* pixels;
    size_t bytes;
  } images[2] = {{"person", image_person, image_person_size},
                 {"no_person", image_no_person, image_no_person_size}};
  qrt_tensor_view in, out;
  for (int i = 0; i < 2; ++i) {
    if ((s = qrt_session_input(session, 0, &in)) != QRT_OK) fail("qrt_session_input", s, NULL);
    if (in.bytes != images[i].bytes) fail("input size", QRT_ERR_BAD_ARGUMENT, NULL);
    memcpy(in.data, images[i].pixels, in.bytes); /* again for every invoke: it consumes its input */
    if ((s = qrt_session_invoke(session)) != QRT_OK) fail("qrt_session_invoke", s, NULL);
    if ((s = qrt_session_output(session, 0, &out)) != QRT_OK) fail("qrt_session_output", s, NULL);
    const int8_t* scores = (const int8_t*)out.data;
    console_write(images[i].name);
    console_write(" notperson ");
    write_int(scores[0]);
    console_write(" person ");
    write_int(scores[1]);
    console_write("\n");
  }
  console_write("arena " );
  write_int((int)sizeof arena);
  console_write(" bytes, operators " QRT_PERSON_DETECT_OP_NAMES ", qrt " QRT_VERSION_STRING "\n");
  console_exit(0);
  return 0;
}
