# ctx.output_format (runtime/output_format/): the return type's schema as the prompt shows it.
baml_layer(baml_output_format
  SOURCES output_format/options.cpp output_format/cycles.cpp output_format/schema.cpp
          output_format/output_format.cpp
  TESTS output_format/output_format_test.cpp
  DEPENDS baml_value)

# The golden corpus: bamlc's text against BAML 0.226.2's for every case of
# tests/output_format_golden (regenerate.py there asks the oracle).
add_executable(output_format_golden_driver output_format/golden_driver.cpp)
target_include_directories(output_format_golden_driver PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(output_format_golden_driver PRIVATE baml_output_format)
bamlc_target_warnings(output_format_golden_driver)
add_test(NAME output_format_golden
         COMMAND output_format_golden_driver --bamlc $<TARGET_FILE:bamlc>
                 --project "${PROJECT_SOURCE_DIR}/tests/output_format_golden/project"
                 --expected "${PROJECT_SOURCE_DIR}/tests/output_format_golden/expected.json")
