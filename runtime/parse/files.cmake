# Schema-aligned parsing (runtime/parse/, docs/parsing.md): a model's text → a Value of the
# declared type, whole (parse_answer) or while it streams (StreamParser).
baml_layer(baml_parse
  SOURCES parse/jvalue.cpp parse/strict_json.cpp parse/exact_json.cpp parse/fixing_parser.cpp parse/locate.cpp
          parse/numbers.cpp parse/pick_best.cpp parse/coerce.cpp parse/coerce_primitive.cpp
          parse/match_string.cpp parse/coerce_class.cpp parse/duration_text.cpp parse/utf8_clean.cpp
          parse/parse.cpp parse/stream_parser.cpp
  TESTS parse/test_support.cpp parse/locate_test.cpp parse/coerce_test.cpp parse/class_test.cpp
        parse/union_test.cpp parse/partial_test.cpp parse/stream_test.cpp parse/hostile_test.cpp
        parse/duration_test.cpp parse/exact_json_test.cpp
  DEPENDS baml_value baml_text)

# A developer's probe: `baml_parse_probe IR.json FUNCTION [--partial] < text` prints the value as
# JSON (with @stream.with_state fields as {"value", "state"}), for side-by-side comparison with
# tools/baml_oracle.
add_executable(baml_parse_probe "${CMAKE_CURRENT_SOURCE_DIR}/parse/probe.cpp")
target_include_directories(baml_parse_probe PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(baml_parse_probe PRIVATE baml_parse)
bamlc_target_warnings(baml_parse_probe)

# The incremental StreamParser against re-parsing every prefix (docs/parsing.md, "Streaming cost"):
# every answer of tests/parse_golden, and 1,000 random variations of them, fed in chunks of 1 to
# 64 bytes; each delta must emit exactly what parse_answer of the text so far gives.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME parse_stream_differential
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/parse/stream_golden_test.py"
                 $<TARGET_FILE:bamlc> $<TARGET_FILE:baml_parse_probe> --mutants 1000 --seed 1)

# The parser under libFuzzer (docs/parsing.md, "Fuzzing"), whole and streamed: only in a fuzzing
# build (clang, -DBAMLC_FUZZ=ON, see the top CMakeLists.txt); scripts/fuzz configures one and runs it.
if(BAMLC_FUZZ)
  foreach(target parse_fuzz parse_stream_fuzz)
    add_executable(${target} "${CMAKE_CURRENT_SOURCE_DIR}/parse/fuzz.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/parse/test_support.cpp")
    target_include_directories(${target} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${target} PRIVATE baml_parse nlohmann_json::nlohmann_json)
  endforeach()
  target_compile_definitions(parse_stream_fuzz PRIVATE BAMLC_PARSE_FUZZ_STREAM=1)
endif()
