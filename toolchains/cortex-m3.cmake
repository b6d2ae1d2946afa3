# Cortex-M3 (ARMv7-M, no FPU, no DSP extension): reference kernels only. QEMU board mps2-an385.
set(QRT_CM_CPU "cortex-m3")
set(QRT_CM_CPU_FLAGS "-mcpu=cortex-m3 -mfloat-abi=soft")
set(QRT_CM_BOARD "mps2-an385")
set(QRT_CM_CPU_HZ "25000000")
set(QRT_CM_QEMU_INSNS_PER_TICK "40")
# A typical part with this core: ports/cortex-m/ld/mps2-an385-budget-512K-64K.ld holds a firmware to it.
set(QRT_CM_BUDGET_LINKER_SCRIPT "mps2-an385-budget-512K-64K")
set(QRT_CM_BUDGET_FLASH "524288")
set(QRT_CM_BUDGET_RAM "65536")
set(QRT_CM_BUDGET_NAME "512K/64K")
# The kernel variants this target must run (tests/ops/test_kernel_choice.cpp asserts it).
set(QRT_EXPECTED_ISA "reference" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m-gcc.cmake)
