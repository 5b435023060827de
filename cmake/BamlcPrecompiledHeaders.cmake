# Precompiled headers for the build's big targets. Half of bamlc's translation units include
# nlohmann/json.hpp, whose parse is a quarter of their compile time at -O2 (the CLI's also
# CLI11); a target of many sources parses them once instead (CI builds the tree twice on two
# cores: minutes).
# A target of few sources would spend more building the header than it saves, so only targets of
# at least 8 C++ sources get one. -DBAMLC_PCH=OFF turns it off.
option(BAMLC_PCH "Precompile nlohmann/json.hpp and the standard headers for the big targets" ON)

function(bamlc_precompile_headers_in dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type STREQUAL "STATIC_LIBRARY" AND NOT type STREQUAL "EXECUTABLE")
      continue()
    endif()
    get_target_property(sources ${target} SOURCES)
    list(FILTER sources INCLUDE REGEX "\\.cpp$")
    list(LENGTH sources count)
    if(count GREATER_EQUAL 8)
      target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <string> <vector> <memory> <map>
                                                  <optional> <functional> <algorithm>)
      get_target_property(libraries ${target} LINK_LIBRARIES)
      if("CLI11::CLI11" IN_LIST libraries)  # the CLI's commands: CLI11 is as heavy as the JSON
        target_precompile_headers(${target} PRIVATE <CLI/CLI.hpp>)
      endif()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    bamlc_precompile_headers_in("${subdir}")
  endforeach()
endfunction()

function(bamlc_precompile_headers)
  if(BAMLC_PCH)
    bamlc_precompile_headers_in("${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
