# cmake -DEMULATOR=a|b|c -DPROGRAM=p -DCASE=c -DEXPECTED_STATUS=n -P expect_exit_status.cmake
# Runs `EMULATOR... PROGRAM CASE` and passes when it exits with EXPECTED_STATUS and, for a fault
# (status >= 128), printed the runtime's fault report.
string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${emulator} ${PROGRAM} ${CASE}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 50)
message("${out}${err}")
if(NOT status EQUAL EXPECTED_STATUS)
  message(FATAL_ERROR "${CASE}: exit status ${status}, expected ${EXPECTED_STATUS}")
endif()
if(EXPECTED_STATUS GREATER_EQUAL 128 AND NOT "${err}" MATCHES "\\*\\*\\* qrt: ")
  message(FATAL_ERROR "${CASE}: no fault report on stderr")
endif()
