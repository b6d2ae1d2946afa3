# Cortex-M3 (ARMv7-M, no FPU, no DSP extension): reference kernels only. QEMU board mps2-an385.
set(QRT_CM_CPU "cortex-m3")
set(QRT_CM_CPU_FLAGS "-mcpu=cortex-m3 -mfloat-abi=soft")
set(QRT_CM_BOARD "mps2-an385")
set(QRT_CM_CPU_HZ "25000000")
set(QRT_CM_QEMU_INSNS_PER_TICK "40")
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m-gcc.cmake)
