# example_use_qrt(): qrt from an installed SDK (find_package, the default) or, with
# -DQRT_SOURCE_DIR=<qrt tree>, built here as a subproject (add_subdirectory). Either way the
# project then has qrt::qrt, qrt::float, qrt::accept, qrt_add_model() and qrt_embed_blob().
macro(example_use_qrt)
  set(QRT_SOURCE_DIR "" CACHE PATH "qrt's source tree, to build it here instead of using an SDK")
  if(QRT_SOURCE_DIR)
    add_subdirectory(${QRT_SOURCE_DIR} qrt)
  else()
    find_package(qrt 0.1 REQUIRED)
  endif()
endmacro()

# example_firmware(target [CLOCK]): what a bare-metal Cortex-M4 image needs besides qrt (this
# folder's startup, linker script and semihosting console; CLOCK adds the SysTick clock), or on
# an operating system the stdio console.
set(EXAMPLE_COMMON ${CMAKE_CURRENT_LIST_DIR})
function(example_firmware target)
  cmake_parse_arguments(F "CLOCK" "" "" ${ARGN})
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)  # libqrt.a is C++ inside
  if(CMAKE_SYSTEM_NAME STREQUAL "Generic")
    target_sources(${target} PRIVATE ${EXAMPLE_COMMON}/cortex-m/startup.c
                   ${EXAMPLE_COMMON}/cortex-m/console_semihosting.c)
    if(F_CLOCK)
      target_sources(${target} PRIVATE ${EXAMPLE_COMMON}/cortex-m/systick_clock.c)
    endif()
    target_link_options(${target} PRIVATE -nostartfiles --specs=nano.specs --specs=nosys.specs
                        -Wl,--gc-sections -T${EXAMPLE_COMMON}/cortex-m/mps2-an386.ld)
  else()
    target_sources(${target} PRIVATE ${EXAMPLE_COMMON}/console_stdio.c)
  endif()
endfunction()
