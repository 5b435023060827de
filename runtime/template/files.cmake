# The template evaluator (runtime/template/).
baml_layer(baml_template
  SOURCES template/template.cpp
  TESTS template/template_test.cpp
  DEPENDS baml_value)
