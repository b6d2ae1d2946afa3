# aarch64 Linux (Cortex-A, ARMv8.2-A with the dot-product and i8mm extensions), cross-compiled with
# aarch64-linux-gnu-g++ (Debian g++-aarch64-linux-gnu); ctest runs tests with qemu-aarch64
# (default CPU "max", which has both extensions). QRT_AARCH64_MARCH selects another baseline, e.g.
# armv8-a for a Cortex-A53 (then also run with QEMU_CPU=cortex-a53 to catch stray instructions).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER aarch64-linux-gnu-gcc)
set(QRT_AARCH64_MARCH "armv8.2-a+dotprod+i8mm" CACHE STRING "-march for aarch64 builds")
set(CMAKE_C_FLAGS_INIT "-march=${QRT_AARCH64_MARCH}")
set(CMAKE_CXX_FLAGS_INIT "-march=${QRT_AARCH64_MARCH}")
set(CMAKE_ASM_FLAGS_INIT "-march=${QRT_AARCH64_MARCH}")
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(QRT_PORT "linux-arm" CACHE STRING "Target port: host, linux-arm or cortex-m" FORCE)
set(QRT_TARGET_NAME "aarch64-linux" CACHE STRING "Target name in reports" FORCE)
set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-aarch64;-L;/usr/aarch64-linux-gnu")
# The kernel variants this target must run (tests/ops/test_kernel_choice.cpp asserts it): the
# NEON dot-product kernels when -march has the extension.
if(QRT_AARCH64_MARCH MATCHES "dotprod")
  set(QRT_EXPECTED_ISA "arm-neon-dotprod" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
  set(QRT_PLAN_TARGET "aarch64" CACHE STRING "qrt plan --target name of this build's target" FORCE)
else()
  set(QRT_EXPECTED_ISA "reference" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
endif()
