# Shared part of the Cortex-M toolchain files (cortex-m3/m4/m7/m55.cmake set the core, its flags
# and the QEMU board, then include this). Compiler: arm-none-eabi-gcc (Debian gcc-arm-none-eabi
# with libnewlib-arm-none-eabi and libstdc++-arm-none-eabi-newlib).
#
# What a user gets: `cmake -S . -B b -G Ninja --toolchain toolchains/cortex-m4.cmake` then
# `ninja -C b qrt` builds b/runtime/libqrt.a for the core (link it into firmware together with
# the include folders runtime/include, ops/include, quant/include). The same build runs the test
# suite with `ctest` under qemu-system-arm through toolchains/qemu-cortex-m.sh.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# A bare-metal executable cannot link without startup code and a linker script: compiler checks
# build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Every object gets its own sections so --gc-sections drops what a firmware does not use. C++ is
# the embedded subset everywhere (the device library already requires it; the test harness and
# benchmarks follow so no exception tables or guard variables are linked in).
set(QRT_CM_COMMON_FLAGS "${QRT_CM_CPU_FLAGS} -mthumb -ffunction-sections -fdata-sections")
if(QRT_CM_EXTRA_DEFINES)
  string(APPEND QRT_CM_COMMON_FLAGS " ${QRT_CM_EXTRA_DEFINES}")
endif()
set(CMAKE_C_FLAGS_INIT "${QRT_CM_COMMON_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${QRT_CM_COMMON_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT
    "${QRT_CM_COMMON_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
# Release is -O2 (CMake's default -O3 unrolls and inflates code for little gain on these cores);
# MinSizeRel (-Os) is the size build the footprint tables also report.
foreach(lang C CXX ASM)
  set(CMAKE_${lang}_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "")
  set(CMAKE_${lang}_FLAGS_MINSIZEREL "-Os -DNDEBUG" CACHE STRING "")
endforeach()

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

set(QRT_PORT "cortex-m" CACHE STRING "Target port: host, linux-arm or cortex-m" FORCE)
set(QRT_CM_CPU "${QRT_CM_CPU}" CACHE STRING "Cortex-M core name" FORCE)
set(QRT_TARGET_NAME "${QRT_CM_CPU}" CACHE STRING "Target name in reports" FORCE)
set(QRT_PLAN_TARGET "${QRT_CM_CPU}" CACHE STRING "qrt plan --target name of this build's target" FORCE)
set(QRT_CM_BOARD "${QRT_CM_BOARD}" CACHE STRING "QEMU board whose linker script tests link with" FORCE)
set(QRT_CM_CPU_HZ "${QRT_CM_CPU_HZ}" CACHE STRING "SysTick clock in Hz" FORCE)
set(QRT_CM_QEMU_INSNS_PER_TICK "${QRT_CM_QEMU_INSNS_PER_TICK}" CACHE STRING
    "Instructions per SysTick tick under -icount shift=0" FORCE)
# The chip budget the footprint report checks against, and its linker script (ports/cortex-m/ld).
set(QRT_CM_BUDGET_LINKER_SCRIPT "${QRT_CM_BUDGET_LINKER_SCRIPT}" CACHE STRING "" FORCE)
set(QRT_CM_BUDGET_FLASH "${QRT_CM_BUDGET_FLASH}" CACHE STRING "Budget flash bytes" FORCE)
set(QRT_CM_BUDGET_RAM "${QRT_CM_BUDGET_RAM}" CACHE STRING "Budget RAM bytes" FORCE)
set(QRT_CM_BUDGET_NAME "${QRT_CM_BUDGET_NAME}" CACHE STRING "Budget, e.g. 1M/256K" FORCE)

# ctest runs each test as `qemu-cortex-m.sh BOARD test.elf [args]`: semihosting console and files,
# -icount shift=0 (SysTick counts instructions deterministically), main's return value as the exit
# status, 128+n on a fault.
set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/qemu-cortex-m.sh;${QRT_CM_BOARD}")
