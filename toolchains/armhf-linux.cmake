# 32-bit Arm Linux, hard-float (ARMv8.2-A AArch32 with NEON and the dot-product extension),
# cross-compiled with arm-linux-gnueabihf-g++ (Debian g++-arm-linux-gnueabihf); ctest runs tests
# with qemu-arm -cpu max. QRT_ARMHF_MARCH selects another baseline (e.g. armv7-a for a Cortex-A7).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_ASM_COMPILER arm-linux-gnueabihf-gcc)
set(QRT_ARMHF_MARCH "armv8.2-a+dotprod" CACHE STRING "-march for armhf builds")
set(QRT_ARMHF_FLAGS "-march=${QRT_ARMHF_MARCH} -mfpu=neon-fp-armv8 -mfloat-abi=hard")
set(CMAKE_C_FLAGS_INIT "${QRT_ARMHF_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${QRT_ARMHF_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${QRT_ARMHF_FLAGS}")
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(QRT_PORT "linux-arm" CACHE STRING "Target port: host, linux-arm or cortex-m" FORCE)
set(QRT_TARGET_NAME "armhf-linux" CACHE STRING "Target name in reports" FORCE)
set(QRT_PLAN_TARGET "armhf" CACHE STRING "qrt plan --target name of this build's target" FORCE)
set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-arm;-cpu;max;-L;/usr/arm-linux-gnueabihf")
# The kernel variants this target must run (tests/ops/test_kernel_choice.cpp asserts it): the
# reference kernels (the NEON variants are AArch64 code).
set(QRT_EXPECTED_ISA "reference" CACHE STRING "Extension whose kernel variants this target must run" FORCE)
