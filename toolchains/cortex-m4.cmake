# Cortex-M4F (ARMv7E-M: DSP extension with SMLAD/SXTB16, single-precision FPU, hard-float ABI).
# QEMU board mps2-an386.
set(QRT_CM_CPU "cortex-m4")
set(QRT_CM_CPU_FLAGS "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
set(QRT_CM_BOARD "mps2-an386")
set(QRT_CM_CPU_HZ "25000000")
set(QRT_CM_QEMU_INSNS_PER_TICK "40")
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m-gcc.cmake)
