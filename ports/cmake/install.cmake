# `cmake --install BUILD [--prefix DIR]`: the SDK for this build's target.
#   include/qrt/...           public headers (C API, op objects, kernel contracts, acceptance)
#   lib/libqrt.a              integer runtime + kernels + port;  libqrt_float.a, libqrt_accept.a
#   lib/cmake/qrt/            qrtConfig.cmake (+ version): qrt::qrt, qrt::float, qrt::accept and
#                             qrt_add_model() / qrt_embed_blob() (qrt_models.cmake)
#   lib/pkgconfig/qrt.pc
#   bin/qrt                   the host tool (a cross SDK carries the host build's, for qrt_add_model)
include(CMakePackageConfigHelpers)
set(QRT_INSTALL_CMAKEDIR lib/cmake/qrt)

set_target_properties(qrt_runtime_headers PROPERTIES EXPORT_NAME runtime_headers)
set_target_properties(qrt_quant PROPERTIES EXPORT_NAME quant)
set(exported qrt qrt_runtime_headers qrt_quant)
foreach(part float accept)
  if(TARGET qrt_${part})
    set_target_properties(qrt_${part} PROPERTIES EXPORT_NAME ${part})
    list(APPEND exported qrt_${part})
  endif()
endforeach()
install(TARGETS ${exported} EXPORT qrtTargets ARCHIVE DESTINATION lib INCLUDES DESTINATION include)
install(EXPORT qrtTargets NAMESPACE qrt:: DESTINATION ${QRT_INSTALL_CMAKEDIR})

foreach(dir runtime/include ops/include quant/include runtime/accept/include)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION include FILES_MATCHING
          PATTERN "*.h" PATTERN "*.def")
endforeach()

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/qrtConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/qrtConfig.cmake
                              INSTALL_DESTINATION ${QRT_INSTALL_CMAKEDIR})
# Archives are built per target and format versions are 0.x: only the same minor version matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/qrtConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qrtConfig.cmake ${PROJECT_BINARY_DIR}/qrtConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/qrt_models.cmake
        DESTINATION ${QRT_INSTALL_CMAKEDIR})
configure_file(${CMAKE_CURRENT_LIST_DIR}/qrt.pc.in ${PROJECT_BINARY_DIR}/qrt.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/qrt.pc DESTINATION lib/pkgconfig)

if(TARGET qrt_cli)
  install(TARGETS qrt_cli RUNTIME DESTINATION bin)
elseif(QRT_HOST_QRT_CLI)
  install(PROGRAMS ${QRT_HOST_QRT_CLI} DESTINATION bin RENAME qrt)
elseif(TARGET qrt_host_qrt)
  # The self-built host tools: `cmake --install` of a cross build makes them first.
  get_target_property(cli qrt_host_qrt QRT_EXECUTABLE)
  install(CODE "execute_process(COMMAND \${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target qrt_host_qrt)")
  install(PROGRAMS ${cli} DESTINATION bin)
endif()
