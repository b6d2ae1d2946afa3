/* Minimal startup for a Cortex-M4F firmware: the vector table, the FPU switched on before any
 * float instruction, .data copied from flash, .bss zeroed, then main(). A fault ends the program
 * with status 128 + exception number, so a crash is never mistaken for a result. */
#include <stdint.h>
#include <string.h>

#include "../console.h"

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);
void default_handler(void);
/* A firmware that counts time defines its own (common/cortex-m/systick_clock.c does). */
void SysTick_Handler(void) __attribute__((weak, alias("default_handler")));

void default_handler(void) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  console_write("fault\n");
  console_exit(128 + (int)(ipsr & 0x1FFu));
}

void reset_handler(void) {
  *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20; /* CPACR: CP10/CP11 full access (FPU) */
  __asm__ volatile("dsb\n isb");
  memcpy(&__data_start, &__data_load, (size_t)((char*)&__data_end - (char*)&__data_start));
  memset(&__bss_start, 0, (size_t)((char*)&__bss_end - (char*)&__bss_start));
  console_exit(main());
}

#define FAULT default_handler
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&__stack_top), reset_handler, FAULT, FAULT, FAULT, FAULT, FAULT, 0, 0, 0, 0,
    FAULT, FAULT, 0, FAULT, SysTick_Handler};
