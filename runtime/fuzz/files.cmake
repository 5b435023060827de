# The runtime's libFuzzer targets (docs/fuzzing.md), only in a fuzzing build (clang,
# -DBAMLC_FUZZ=ON, see the top CMakeLists.txt); scripts/fuzz configures one and runs them.
# fuzz_support holds the fixed project their inputs are read against (the parser's test types).
# template_fuzz also links the compiler's template parser: the runtime never parses Jinja.
add_library(baml_fuzz_support STATIC fuzz/fuzz_support.cpp parse/test_support.cpp)
target_include_directories(baml_fuzz_support PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(baml_fuzz_support PUBLIC baml_parse nlohmann_json::nlohmann_json)
bamlc_target_warnings(baml_fuzz_support)

function(baml_fuzz_target name)
  add_executable(${name} ${ARGN})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE baml_fuzz_support)
  bamlc_target_warnings(${name})
endfunction()

baml_fuzz_target(http_fuzz fuzz/http_fuzz.cpp)
baml_fuzz_target(args_fuzz fuzz/args_fuzz.cpp)
baml_fuzz_target(ir_fuzz fuzz/ir_fuzz.cpp)
target_link_libraries(ir_fuzz PRIVATE baml_function)
baml_fuzz_target(template_fuzz fuzz/template_fuzz.cpp)
target_link_libraries(template_fuzz PRIVATE baml_function bamlc_syntax bamlc_ir)
