# Functions: arguments → rendered request → call → parsed, checked value (runtime/function/).
baml_layer(baml_function
  SOURCES function/program.cpp function/messages.cpp function/render.cpp function/render_plan.cpp
          function/checks.cpp function/result_json.cpp function/call.cpp
          function/client_support.cpp function/test_checks.cpp
  TESTS function/messages_test.cpp function/program_test.cpp
  DEPENDS baml_template baml_output_format baml_parse)
