# cmake -DQRT_SOURCE=<qrt root> -DWORK=<scratch folder> -P run_add_subdirectory.cmake
# Configures, builds and runs tests/integration/add_subdirectory (qrt as a subproject of another
# project); fails on any step.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${QRT_SOURCE}/tests/integration/add_subdirectory
                        -B ${WORK} -G Ninja -DQRT_SOURCE=${QRT_SOURCE}
                RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "the parent project does not configure")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK} RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "the parent project does not build")
endif()
execute_process(COMMAND ${WORK}/parent_app RESULT_VARIABLE ran)
if(NOT ran EQUAL 0)
  message(FATAL_ERROR "parent_app failed (${ran})")
endif()
