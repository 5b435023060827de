# Values and the IR's types (runtime/value/).
baml_layer(baml_value
  SOURCES value/value.cpp value/types.cpp value/value_json.cpp
  TESTS value/value_test.cpp value/value_json_test.cpp
  DEPENDS baml_runtime)
