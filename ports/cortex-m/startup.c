/* Cortex-M test runtime startup: vector table, reset (FPU/MVE enable, stack painting, .data copy,
 * .bss zero, static constructors, argc/argv from the semihosting command line), and fault handlers
 * that report the fault and exit with status 128 + n so a crash is never mistaken for a test
 * result (tests return 0..125) nor hangs CI.
 *
 * Written in C: the vector table needs the address of main's caller and plain symbol names, and a
 * C++ translation unit may not call ::main. Used by the project's tests and benchmarks under QEMU
 * (see qrt_link_executable in CMakeLists.txt); firmware of a product keeps its own startup. */
#include <stdint.h>
#include <stdlib.h>

#include "qrt/port_cortex_m.h"
#include "semihosting.h"

extern uint32_t __stack_bottom__[], __stack_top__[];
extern uint32_t __data_load__[], __data_start__[], __data_end__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __flash_region_start__[], __flash_region_end__[];
extern void __libc_init_array(void);
int main(int argc, char** argv);

#define SCB_CPACR (*(volatile uint32_t*)0xE000ED88u)
#define SCB_SHCSR (*(volatile uint32_t*)0xE000ED24u)
#define SCB_CCR (*(volatile uint32_t*)0xE000ED14u)
#define SCB_CFSR (*(volatile uint32_t*)0xE000ED28u)
#define SCB_HFSR (*(volatile uint32_t*)0xE000ED2Cu)
#define SCB_MMFAR (*(volatile uint32_t*)0xE000ED34u)
#define SCB_BFAR (*(volatile uint32_t*)0xE000ED38u)

#define MPU_TYPE (*(volatile uint32_t*)0xE000ED90u)
#define MPU_CTRL (*(volatile uint32_t*)0xE000ED94u)
#define MPU_RNR (*(volatile uint32_t*)0xE000ED98u)
#define MPU_RBAR (*(volatile uint32_t*)0xE000ED9Cu)
#define MPU_RASR (*(volatile uint32_t*)0xE000EDA0u) /* v7-M; RLAR on v8-M */
#define MPU_MAIR0 (*(volatile uint32_t*)0xE000EDC0u)

/* newlib's __libc_init_array/exit call these; crti.o is not linked (-nostartfiles). */
void _init(void) {}
void _fini(void) {}

/* Splits the semihosting command line (QEMU: -semihosting-config ...,arg=prog,arg=...) into
 * argv. Arguments are separated by spaces; there is no quoting. */
static int command_line(char** argv, int max_args) {
  static char line[512];
  uintptr_t block[2] = {(uintptr_t)line, sizeof line - 1};
  int argc = 0;
  if (qrt_cm_semihost_call(QRT_SH_GET_CMDLINE, block) != 0) return 0;
  line[block[1] < sizeof line ? block[1] : sizeof line - 1] = '\0';
  for (char* p = line; *p != '\0' && argc < max_args;) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    argv[argc++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  return argc;
}

#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
/* v8-M: the core checks MSP against MSPLIM on every push (STKOF UsageFault); the MPU makes the
 * flash region read-only (v8-M regions may not overlap and have no "no access" permission, which
 * is why the stack uses MSPLIM rather than a guard region). */
static void protect_memory(void) {
  __asm__ volatile("msr msplim, %0" ::"r"(__stack_bottom__));
  if (((MPU_TYPE >> 8) & 0xFFu) == 0) return;
  MPU_MAIR0 = 0x44u; /* attribute 0: normal memory, non-cacheable */
  MPU_RNR = 0;
  MPU_RBAR = ((uint32_t)(uintptr_t)__flash_region_start__ & ~0x1Fu) | (3u << 1); /* RO, any */
  MPU_RASR = (((uint32_t)(uintptr_t)__flash_region_end__ - 1u) & ~0x1Fu) | 1u;  /* RLAR */
  MPU_CTRL = (1u << 2) | 1u; /* PRIVDEFENA | ENABLE: the default map everywhere else */
  __asm__ volatile("dsb\n\tisb" ::: "memory");
}
#else
/* v7-M has no stack limit register, and on the MPS2 boards the addresses below RAM read as zero
 * and ignore writes, so an overflow would not fault by itself: an MPU region with no access right
 * below the stack makes it a MemManage fault. A second region makes flash read-only, so a stray
 * write into code or into a model linked into flash faults too (QEMU's "flash" is RAM). v7-M
 * regions are a power of two in size and aligned to it; a region that cannot be is left out. */
static uint32_t region_size_field(uint32_t size) { /* SIZE: region = 2^(SIZE+1) bytes */
  uint32_t field = 4; /* 32 bytes, the minimum */
  while (field < 31 && (1u << (field + 1)) < size) ++field;
  return field;
}

static void protect_memory(void) {
  if (((MPU_TYPE >> 8) & 0xFFu) < 2) return;
  const uint32_t flash = (uint32_t)(uintptr_t)__flash_region_start__;
  const uint32_t flash_size = (uint32_t)(uintptr_t)__flash_region_end__ - flash;
  const uint32_t bottom = (uint32_t)(uintptr_t)__stack_bottom__;
  MPU_RNR = 0;
  if ((flash_size & (flash_size - 1u)) == 0 && (flash & (flash_size - 1u)) == 0) {
    MPU_RBAR = flash;
    /* AP=110 read-only, TEX=000 C=1 B=0 (normal, write-through), enabled */
    MPU_RASR = (6u << 24) | (1u << 17) | (region_size_field(flash_size) << 1) | 1u;
  } else {
    MPU_RASR = 0;
  }
  /* The guard: up to 64 KB directly below the stack, as large as the stack bottom's alignment
   * allows (a frame larger than the guard could still jump over it). AP=000, execute-never. */
  uint32_t guard = 0x10000u;
  while (guard > 32u && (bottom & (guard - 1u)) != 0) guard >>= 1;
  MPU_RNR = 1;
  MPU_RBAR = bottom - guard;
  MPU_RASR = (1u << 28) | (region_size_field(guard) << 1) | 1u;
  MPU_CTRL = (1u << 2) | 1u; /* PRIVDEFENA | ENABLE: the default map everywhere else */
  __asm__ volatile("dsb\n\tisb" ::: "memory");
}
#endif

void Reset_Handler(void) {
  /* Separate MemManage/BusFault/UsageFault (and SecureFault on v8-M) handlers instead of
   * everything escalating to HardFault; trap integer division by zero instead of returning 0. */
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
  SCB_SHCSR |= (0xFu << 16);
#else
  SCB_SHCSR |= (7u << 16);
#endif
  SCB_CCR |= (1u << 4); /* DIV_0_TRP */
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CP10/CP11 full access before any FP or MVE instruction (hard-float ABI code, Helium kernels),
   * else the first one is a NOCP UsageFault. */
  SCB_CPACR |= (0xFu << 20);
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  protect_memory();
  qrt_cm_stack_paint();
  for (uint32_t *s = __data_load__, *d = __data_start__; d < __data_end__;) *d++ = *s++;
  for (uint32_t* d = __bss_start__; d < __bss_end__;) *d++ = 0;
  __libc_init_array(); /* preinit_array, _init, init_array (C++ static constructors) */
  static char* argv[16];
  const int argc = command_line(argv, 15);
  argv[argc] = 0;
  exit(main(argc, argv)); /* flushes stdio, then _exit -> SYS_EXIT_EXTENDED */
}

/* ---- faults ---------------------------------------------------------------------------------- */

enum { kNmi = 1, kHardFault, kMemManage, kBusFault, kUsageFault, kSecureFault, kUnexpected };

static void put_hex(char* out, uint32_t value) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) out[i] = digits[(value >> (28 - 4 * i)) & 0xFu];
}

static void put_field(const char* label, uint32_t value) {
  char text[24];
  int n = 0;
  while (label[n] != '\0' && n < 12) {
    text[n] = label[n];
    ++n;
  }
  text[n++] = '0';
  text[n++] = 'x';
  put_hex(text + n, value);
  n += 8;
  text[n] = '\0';
  qrt_cm_semihost_write0(text);
}

/* Called by the naked handlers below on a fresh stack, with the exception frame the core pushed
 * (r0-r3, r12, lr, pc, xpsr) when it lies inside the stack; an overflow leaves it outside. */
__attribute__((used, noreturn)) void qrt_cm_fault_report(int kind, const uint32_t* frame) {
  static const char* const names[] = {"?",          "NMI",        "HardFault",  "MemManage",
                                      "BusFault",   "UsageFault", "SecureFault", "unexpected interrupt"};
  qrt_cm_semihost_write0("\n*** qrt: ");
  qrt_cm_semihost_write0(names[kind]);
  /* MSTKERR, STKERR, STKOF: the core could not push the frame (the stack overflowed). */
  const uint32_t stacking_failed = SCB_CFSR & ((1u << 4) | (1u << 12) | (1u << 20));
  if (stacking_failed != 0 || frame < __stack_bottom__ || frame + 8 > __stack_top__) {
    qrt_cm_semihost_write0(" (stack overflow: no exception frame)");
  } else {
    put_field(" pc=", frame[6]);
    put_field(" lr=", frame[5]);
  }
  put_field(" sp=", (uint32_t)(uintptr_t)frame);
  put_field(" CFSR=", SCB_CFSR);
  put_field(" HFSR=", SCB_HFSR);
  if (SCB_CFSR & (1u << 7)) put_field(" MMFAR=", SCB_MMFAR);
  if (SCB_CFSR & (1u << 15)) put_field(" BFAR=", SCB_BFAR);
  qrt_cm_semihost_write0("\n");
  qrt_cm_semihost_exit(128 + kind);
}

/* Each handler takes the stack pointer the frame was pushed to (EXC_RETURN bit 2 selects PSP),
 * moves MSP back to the top of the stack (the fault may be an overflow) and reports. */
#define QRT_CM_FAULT_HANDLER(name, kind)              \
  __attribute__((weak, naked)) void name(void) {      \
    __asm__ volatile(                                 \
        "tst lr, #4\n\t"                              \
        "ite eq\n\t"                                  \
        "mrseq r1, msp\n\t"                           \
        "mrsne r1, psp\n\t"                           \
        "ldr r0, =__stack_top__\n\t"                  \
        "msr msp, r0\n\t"                             \
        "movs r0, #" #kind "\n\t"                     \
        "b qrt_cm_fault_report\n\t"                   \
        ".ltorg");                                    \
  }
QRT_CM_FAULT_HANDLER(NMI_Handler, 1)
QRT_CM_FAULT_HANDLER(HardFault_Handler, 2)
QRT_CM_FAULT_HANDLER(MemManage_Handler, 3)
QRT_CM_FAULT_HANDLER(BusFault_Handler, 4)
QRT_CM_FAULT_HANDLER(UsageFault_Handler, 5)
QRT_CM_FAULT_HANDLER(SecureFault_Handler, 6)
QRT_CM_FAULT_HANDLER(Default_Handler, 7)
/* Weak aliases: an application (or the port's cycle counter, for SysTick) overrides them. */
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*qrt_cm_vector)(void);

/* 16 system vectors; no device interrupts are enabled by the test runtime. Entry 7 is SecureFault
 * on v8-M and reserved on v7-M. */
__attribute__((section(".isr_vector"), used)) const qrt_cm_vector qrt_cm_vectors[16] = {
    (qrt_cm_vector)(uintptr_t)__stack_top__,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};
