# Installs the library, its public headers and a CMake package config so that C++ programs can
# use find_package(arrowpack) and link arrowpack::arrowpack.
include(CMakePackageConfigHelpers)

set(ARROWPACK_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/arrowpack)

install(TARGETS arrowpack EXPORT arrowpackTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

foreach(layer IN LISTS ARROWPACK_LAYERS)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${layer})
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${layer}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/arrowpack/${layer}
      FILES_MATCHING PATTERN "*.h" PATTERN "*_internal.h" EXCLUDE)
  endif()
endforeach()
if(ARROWPACK_GENERATED_INCLUDE_DIR)
  install(DIRECTORY ${ARROWPACK_GENERATED_INCLUDE_DIR}/arrowpack/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/arrowpack
    FILES_MATCHING PATTERN "*.h")
endif()

install(EXPORT arrowpackTargets NAMESPACE arrowpack:: DESTINATION ${ARROWPACK_CMAKE_INSTALL_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/arrowpackConfig.cmake.in
  ${PROJECT_BINARY_DIR}/arrowpackConfig.cmake INSTALL_DESTINATION ${ARROWPACK_CMAKE_INSTALL_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/arrowpackConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/arrowpackConfig.cmake
  ${PROJECT_BINARY_DIR}/arrowpackConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/ArrowpackImportLibrary.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindZSTD.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindLZ4.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindMsgpackCxx.cmake
  DESTINATION ${ARROWPACK_CMAKE_INSTALL_DIR})
