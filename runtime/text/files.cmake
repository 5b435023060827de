# Unicode text operations shared by parse/ and template/ (runtime/text/): case mapping and the
# accent fold, over tables written at build time from Python's unicodedata, and whitespace.
baml_layer(baml_text
  SOURCES text/unicode_text.cpp text/whitespace.cpp
  TESTS text/unicode_text_test.cpp text/whitespace_test.cpp
  DEPENDS baml_common)

find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(BAML_UNICODE_TABLES "${CMAKE_CURRENT_BINARY_DIR}/text_generated/unicode_tables.inc")
add_custom_command(OUTPUT "${BAML_UNICODE_TABLES}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/text_generated"
  COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/text/make_unicode_tables.py" "${BAML_UNICODE_TABLES}"
  DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/text/make_unicode_tables.py"
  COMMENT "Writing the Unicode tables")
target_sources(baml_text PRIVATE "${BAML_UNICODE_TABLES}")
target_include_directories(baml_text PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/text_generated")
