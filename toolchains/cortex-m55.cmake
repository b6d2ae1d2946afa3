# Cortex-M55 (ARMv8.1-M: Helium/MVE integer and float, FPU, hard-float ABI). QEMU board mps3-an547.
#
# QEMU 7.2 emulates MVE about 10x slower in wall time than scalar code, so the test suite sizes
# itself down here: QRT_TEST_SLOW_TARGET=1 is defined for every source (tests read it to run fewer
# random cases or samples; the library ignores it).
set(QRT_CM_CPU "cortex-m55")
set(QRT_CM_CPU_FLAGS "-mcpu=cortex-m55 -mfloat-abi=hard")
set(QRT_CM_EXTRA_DEFINES "-DQRT_TEST_SLOW_TARGET=1")
set(QRT_CM_BOARD "mps3-an547")
set(QRT_CM_CPU_HZ "32000000")
set(QRT_CM_QEMU_INSNS_PER_TICK "31.25")
# A typical part with this core: ports/cortex-m/ld/mps3-an547-budget-2M-512K.ld holds a firmware to it.
set(QRT_CM_BUDGET_LINKER_SCRIPT "mps3-an547-budget-2M-512K")
set(QRT_CM_BUDGET_FLASH "2097152")
set(QRT_CM_BUDGET_RAM "524288")
set(QRT_CM_BUDGET_NAME "2M/512K")
# The kernel variants this target must run (tests/ops/test_kernel_choice.cpp asserts it).
set(QRT_EXPECTED_ISA "arm-mve" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m-gcc.cmake)
