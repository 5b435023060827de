# ctx.output_format (runtime/output_format/).
baml_layer(baml_output_format
  SOURCES output_format/output_format.cpp
  TESTS output_format/output_format_test.cpp
  DEPENDS baml_value)
