# The template evaluator (runtime/template/).
baml_layer(baml_template
  SOURCES
    template/compile.cpp
    template/whitespace.cpp
    template/unicode.cpp
    template/jvalue.cpp
    template/printing.cpp
    template/evaluator.cpp
    template/expressions.cpp
    template/render.cpp
    template/operators.cpp
    template/objects.cpp
    template/filters.cpp
    template/regex.cpp
    template/tests.cpp
    template/methods.cpp
    template/serialize.cpp
  TESTS template/template_test.cpp
  DEPENDS baml_value baml_text)
