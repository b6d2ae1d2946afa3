/* qrt_insncount: a QEMU TCG plugin that counts executed guest instructions, for instruction counts
 * that are exact and repeatable under emulation (qemu-aarch64, qemu-arm, qemu-system-arm).
 *
 * Debian's QEMU 7.2 supports -plugin but ships neither plugins nor qemu-plugin.h; its dynamic
 * binaries (not the *-static ones) export the plugin API, so the few functions used here are
 * declared below (plugin API version 1).
 *
 *   qemu-system-arm ... -plugin ./libqrt_insncount.so -d plugin         prints "insns: N" on exit
 *   qemu-aarch64 -plugin ./libqrt_insncount.so,lo=0x...,hi=0x... -d plugin ./prog
 *
 * Counting: one inline add of the block's instruction count per executed translation block (fast).
 * A block left early by an exception or a semihosting call is still counted whole, so counts of
 * short spans are off by a few instructions; bench/footprint therefore takes the difference of
 * two whole runs (1 and 2 inferences), where such effects cancel. Optional lo/hi count the
 * instructions whose address lies in [lo, hi) (one function, from `nm -S`) as "range_insns". */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t; /* not inspected */
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb* tb, enum qemu_plugin_op op,
                                              void* ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn* insn,
                                                enum qemu_plugin_op op, void* ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
struct qemu_plugin_insn* qemu_plugin_tb_get_insn(const struct qemu_plugin_tb* tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn* insn);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
void qemu_plugin_outs(const char* string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* The guests measured here run one vCPU, so plain counters are exact. */
static uint64_t g_insns;
static uint64_t g_range_insns;
static uint64_t g_lo, g_hi;
static bool g_use_range;

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb) {
  (void)id;
  const size_t n = qemu_plugin_tb_n_insns(tb);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &g_insns, n);
  if (!g_use_range) return;
  for (size_t i = 0; i < n; ++i) {
    struct qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    const uint64_t address = qemu_plugin_insn_vaddr(insn);
    if (address >= g_lo && address < g_hi)
      qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &g_range_insns, 1);
  }
}

static void on_guest_exit(qemu_plugin_id_t id, void* userdata) {
  (void)id;
  (void)userdata;
  char text[96];
  if (g_use_range)
    snprintf(text, sizeof text, "insns: %" PRIu64 "\nrange_insns: %" PRIu64 "\n", g_insns,
             g_range_insns);
  else
    snprintf(text, sizeof text, "insns: %" PRIu64 "\n", g_insns);
  qemu_plugin_outs(text); /* shown with -d plugin, on stderr */
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id,
                                                               const qemu_info_t* info, int argc,
                                                               char** argv) {
  (void)info;
  for (int i = 0; i < argc; ++i) {
    if (strncmp(argv[i], "lo=", 3) == 0) {
      g_lo = strtoull(argv[i] + 3, NULL, 0);
      g_use_range = true;
    } else if (strncmp(argv[i], "hi=", 3) == 0) {
      g_hi = strtoull(argv[i] + 3, NULL, 0);
      g_use_range = true;
    } else {
      fprintf(stderr, "qrt_insncount: unknown argument '%s' (lo=ADDR, hi=ADDR)\n", argv[i]);
      return -1;
    }
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, on_guest_exit, NULL);
  return 0;
}
