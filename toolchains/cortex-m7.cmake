# Cortex-M7 (ARMv7E-M: DSP extension, double-precision FPU, hard-float ABI). QEMU board mps2-an500.
set(QRT_CM_CPU "cortex-m7")
set(QRT_CM_CPU_FLAGS "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard")
set(QRT_CM_BOARD "mps2-an500")
set(QRT_CM_CPU_HZ "25000000")
set(QRT_CM_QEMU_INSNS_PER_TICK "40")
# A typical part with this core: ports/cortex-m/ld/mps2-an500-budget-2M-512K.ld holds a firmware to it.
set(QRT_CM_BUDGET_LINKER_SCRIPT "mps2-an500-budget-2M-512K")
set(QRT_CM_BUDGET_FLASH "2097152")
set(QRT_CM_BUDGET_RAM "524288")
set(QRT_CM_BUDGET_NAME "2M/512K")
# The kernel variants this target must run (tests/ops/test_kernel_choice.cpp asserts it).
set(QRT_EXPECTED_ISA "arm-dsp" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m-gcc.cmake)
