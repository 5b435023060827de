# The IR's types and values checked against them (runtime/value/). baml::Value itself and its
# JSON form are part of baml_runtime: a rendered message carries Values.
baml_layer(baml_value
  SOURCES value/types.cpp value/conform.cpp
  TESTS value/value_test.cpp value/value_json_test.cpp
  DEPENDS baml_runtime)
