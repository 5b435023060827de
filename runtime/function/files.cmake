# Functions: arguments → rendered request (runtime/function/).
baml_layer(baml_function
  SOURCES function/program.cpp function/messages.cpp function/render.cpp
  TESTS function/messages_test.cpp
  DEPENDS baml_template baml_output_format)
