# bamlc_generate(TARGET t (SOURCE_DIR dir | SOURCES a.baml ...) [NAMESPACE ns] [OUT_DIR dir])
#
# Generates the C++ bindings of a BAML project into the build tree (OUT_DIR, default
# ${CMAKE_CURRENT_BINARY_DIR}/<target>, or <target>_baml for an executable, whose binary has the
# first name) with `bamlc build --cpp-out`, adds client.cpp and ir.cpp
# to target `t`, puts OUT_DIR on its public include path (`#include "baml_client/client.hpp"`) and
# links it with bamlc::runtime. One custom command per target whose outputs are the four files,
# with a depfile naming every .baml file read: a second build does nothing, touching one .baml
# file regenerates only its target, and bamlc leaves a file whose bytes did not change alone, so
# nothing recompiles for nothing. SOURCE_DIR is globbed with CONFIGURE_DEPENDS, so a new .baml
# file is picked up by the next build. Generator blocks are ignored.
function(bamlc_generate)
  cmake_parse_arguments(ARG "" "TARGET;SOURCE_DIR;NAMESPACE;OUT_DIR" "SOURCES" ${ARGN})
  if(NOT ARG_TARGET)
    message(FATAL_ERROR "bamlc_generate: TARGET is required")
  endif()
  if(NOT TARGET ${ARG_TARGET})
    message(FATAL_ERROR "bamlc_generate: `${ARG_TARGET}` is not a target")
  endif()
  if((ARG_SOURCE_DIR AND ARG_SOURCES) OR (NOT ARG_SOURCE_DIR AND NOT ARG_SOURCES))
    message(FATAL_ERROR "bamlc_generate: give exactly one of SOURCE_DIR and SOURCES")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bamlc_generate: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_OUT_DIR)
    get_target_property(type ${ARG_TARGET} TYPE)
    if(type STREQUAL "EXECUTABLE")
      # <binary dir>/<target> is the executable itself.
      set(ARG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_baml")
    else()
      set(ARG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}")
    endif()
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE baml_client)
  endif()

  set(copy_commands "")
  if(ARG_SOURCE_DIR)
    get_filename_component(from "${ARG_SOURCE_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    file(GLOB_RECURSE baml_files CONFIGURE_DEPENDS "${from}/*.baml")
  else()
    # bamlc reads one directory: the listed files are staged into one (copy_if_different keeps
    # the time stamps of files that did not change).
    set(from "${ARG_OUT_DIR}/baml_src")
    set(baml_files "")
    foreach(source IN LISTS ARG_SOURCES)
      get_filename_component(abs "${source}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      get_filename_component(name "${abs}" NAME)
      list(APPEND baml_files "${abs}")
      list(APPEND copy_commands COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${abs}" "${from}/${name}")
    endforeach()
  endif()

  set(client "${ARG_OUT_DIR}/baml_client")
  set(outputs "${client}/types.hpp" "${client}/client.hpp" "${client}/client.cpp" "${client}/ir.cpp")
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${from}"
    ${copy_commands}
    COMMAND bamlc::bamlc build --from "${from}" --cpp-out "${ARG_OUT_DIR}" --namespace "${ARG_NAMESPACE}"
            --depfile "${ARG_OUT_DIR}/bamlc.d"
    DEPENDS ${baml_files} bamlc::bamlc
    DEPFILE "${ARG_OUT_DIR}/bamlc.d"
    COMMENT "bamlc: C++ bindings of ${ARG_TARGET}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${client}/client.cpp" "${client}/ir.cpp")
  target_include_directories(${ARG_TARGET} PUBLIC "$<BUILD_INTERFACE:${ARG_OUT_DIR}>")
  target_link_libraries(${ARG_TARGET} PUBLIC bamlc::runtime)
  target_compile_features(${ARG_TARGET} PUBLIC cxx_std_17)
endfunction()
