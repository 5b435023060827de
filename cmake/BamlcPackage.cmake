# The installed and exported package (CODEGEN.md, "CMake"): `find_package(bamlc CONFIG REQUIRED)`
# gives bamlc::bamlc (the compiler), bamlc::runtime (the runtime library, C++17 for its users)
# and bamlc_generate(), from an install prefix (`cmake --install`) and from this build tree.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# bamlc::runtime: everything generated code links, as one name.
add_library(baml_client_runtime INTERFACE)
target_link_libraries(baml_client_runtime INTERFACE baml_function)
target_compile_features(baml_client_runtime INTERFACE cxx_std_17)
set_target_properties(baml_client_runtime PROPERTIES EXPORT_NAME runtime)
add_library(bamlc::runtime ALIAS baml_client_runtime)
add_executable(bamlc::bamlc ALIAS bamlc)

set(BAMLC_RUNTIME_LIBRARIES baml_common baml_runtime baml_value baml_text baml_template baml_output_format baml_parse
    baml_function)
install(TARGETS bamlc baml_client_runtime ${BAMLC_RUNTIME_LIBRARIES}
        EXPORT bamlcTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/baml" "${PROJECT_SOURCE_DIR}/common/include/baml"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(BAMLC_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/bamlc")
install(EXPORT bamlcTargets NAMESPACE bamlc:: DESTINATION ${BAMLC_CMAKE_DIR})
export(EXPORT bamlcTargets NAMESPACE bamlc:: FILE "${PROJECT_BINARY_DIR}/bamlcTargets.cmake")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/bamlcConfig.cmake.in" "${PROJECT_BINARY_DIR}/bamlcConfig.cmake"
                              INSTALL_DESTINATION ${BAMLC_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/bamlcConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
configure_file("${PROJECT_SOURCE_DIR}/cmake/bamlcGenerate.cmake" "${PROJECT_BINARY_DIR}/bamlcGenerate.cmake" COPYONLY)
install(FILES "${PROJECT_BINARY_DIR}/bamlcConfig.cmake" "${PROJECT_BINARY_DIR}/bamlcConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/bamlcGenerate.cmake"
        DESTINATION ${BAMLC_CMAKE_DIR})

# `cpack -G DEB` (run in the build directory) packages the same install.
set(CPACK_PACKAGE_NAME bamlc)
set(CPACK_PACKAGE_VENDOR "bamlc")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "BAML compiler with first-class durations, C++ runtime and generated C++ bindings")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "bamlc developers")
# The -dev packages are what a consumer's find_package(bamlc) needs (bamlcConfig.cmake finds
# libcurl and nlohmann/json); dpkg-shlibdeps adds the shared libraries bamlc itself runs on.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4-openssl-dev, nlohmann-json3-dev")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)  # a RelWithDebInfo bamlc is 175 MB with its debug information
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
