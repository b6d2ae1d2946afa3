# cmake -DEMULATOR=a|b|c -DPROGRAM=p [-DCASE=c] -DEXPECTED_STATUS=n|SIGSEGV -P expect_exit_status.cmake
# Runs `EMULATOR... PROGRAM [CASE]` and passes when it exits with EXPECTED_STATUS and, for a
# Cortex-M fault (status >= 128), printed the runtime's fault report; SIGSEGV expects the program
# (or the qemu-user running it) to be killed by a segmentation fault.
string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${emulator} ${PROGRAM} ${CASE}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 50)
message("${out}${err}")
if(EXPECTED_STATUS STREQUAL "SIGSEGV")
  if(NOT status MATCHES "Segmentation fault")
    message(FATAL_ERROR "${CASE}: exit status '${status}', expected a segmentation fault")
  endif()
  return()
endif()
if(NOT status EQUAL EXPECTED_STATUS)
  message(FATAL_ERROR "${CASE}: exit status ${status}, expected ${EXPECTED_STATUS}")
endif()
if(EXPECTED_STATUS GREATER_EQUAL 128 AND NOT "${err}" MATCHES "\\*\\*\\* qrt: ")
  message(FATAL_ERROR "${CASE}: no fault report on stderr")
endif()
