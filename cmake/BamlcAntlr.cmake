# ANTLR4: the Debian tool (4.7.2) generates C++ into the build tree; the Debian runtime (4.9)
# compiles it. bamlc_antlr_parser() wraps one lexer+parser grammar pair into a static library
# with warnings off and the runtime headers on a SYSTEM include path.
find_program(ANTLR4_TOOL antlr4 REQUIRED)
find_package(antlr4-runtime REQUIRED)
find_path(ANTLR4_RUNTIME_INCLUDE_DIR antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)

# clang (the fuzzing build): the runtime's umbrella header includes misc/InterpreterDataReader.h,
# whose InterpreterData() default-constructs a dfa::Vocabulary, a class with a const member and a
# deleted default constructor, which clang refuses (g++ does not diagnose
# it, and nothing uses it). A copy of the umbrella header without that one include goes into the build
# tree, first on the include path; the quoted includes inside the copy find the rest of the
# runtime's headers through ANTLR4_RUNTIME_INCLUDE_DIR, next on the path.
set(BAMLC_ANTLR_INCLUDE_DIRS "${ANTLR4_RUNTIME_INCLUDE_DIR}")
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(_shim "${CMAKE_BINARY_DIR}/antlr_clang_shim")
  file(READ "${ANTLR4_RUNTIME_INCLUDE_DIR}/antlr4-runtime.h" _umbrella)
  string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "// (misc/InterpreterDataReader.h left out: clang refuses it)"
         _umbrella_for_clang "${_umbrella}")
  if(_umbrella_for_clang STREQUAL _umbrella)
    message(FATAL_ERROR "${ANTLR4_RUNTIME_INCLUDE_DIR}/antlr4-runtime.h no longer includes misc/InterpreterDataReader.h; "
                        "drop the clang copy in cmake/BamlcAntlr.cmake")
  endif()
  # Written through configure_file so that a reconfigure leaves an unchanged copy untouched.
  file(WRITE "${_shim}/antlr4-runtime.h.new" "${_umbrella_for_clang}")
  configure_file("${_shim}/antlr4-runtime.h.new" "${_shim}/antlr4-runtime.h" COPYONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${ANTLR4_RUNTIME_INCLUDE_DIR}/antlr4-runtime.h")
  set(BAMLC_ANTLR_INCLUDE_DIRS "${_shim}" "${ANTLR4_RUNTIME_INCLUDE_DIR}")
endif()

# The tool and the runtime ship separately; a pair that disagrees generates code that fails to
# compile or misbehaves, so check the pair once at configure time with a tiny grammar. The probe
# links the same runtime library the parsers do (BAMLC_ANTLR_RUNTIME): the static and the
# shared runtime are separate files that need not match each other or the headers.
set(BAMLC_ANTLR_RUNTIME antlr4_static)
if(NOT BAMLC_ANTLR_PAIR_CHECKED)
  set(_probe "${CMAKE_BINARY_DIR}/antlr_probe")
  file(MAKE_DIRECTORY "${_probe}")
  file(WRITE "${_probe}/Probe.g4" "grammar Probe;\nstart : ID EOF ;\nID : [a-z]+ ;\nWS : [ \\n]+ -> skip ;\n")
  execute_process(COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor -o "${_probe}/gen" Probe.g4
                  WORKING_DIRECTORY "${_probe}" RESULT_VARIABLE _gen_rc OUTPUT_VARIABLE _gen_out ERROR_VARIABLE _gen_out)
  if(NOT _gen_rc EQUAL 0)
    message(FATAL_ERROR "antlr4 (${ANTLR4_TOOL}) could not generate C++:\n${_gen_out}")
  endif()
  file(WRITE "${_probe}/main.cpp" "#include \"ProbeLexer.h\"\n#include \"ProbeParser.h\"\nint main(){antlr4::ANTLRInputStream in(\"abc\");ProbeLexer l(&in);antlr4::CommonTokenStream t(&l);ProbeParser p(&t);p.start();return p.getNumberOfSyntaxErrors();}\n")
  try_run(_run_rc _compile_ok "${_probe}/build"
          SOURCES "${_probe}/main.cpp" "${_probe}/gen/ProbeLexer.cpp" "${_probe}/gen/ProbeParser.cpp"
          CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${_probe}/gen;${BAMLC_ANTLR_INCLUDE_DIRS}"
          LINK_LIBRARIES ${BAMLC_ANTLR_RUNTIME}
          CXX_STANDARD 17
          COMPILE_OUTPUT_VARIABLE _compile_out)
  if(NOT _compile_ok OR NOT _run_rc EQUAL 0)
    message(FATAL_ERROR "The ANTLR tool at ${ANTLR4_TOOL} and runtime ${ANTLR_VERSION} do not work together:\n${_compile_out}")
  endif()
  execute_process(COMMAND ${ANTLR4_TOOL} OUTPUT_VARIABLE _tool_banner ERROR_VARIABLE _tool_banner)
  string(REGEX MATCH "Version [0-9.]+" _tool_version "${_tool_banner}")
  message(STATUS "ANTLR tool ${_tool_version} and runtime ${ANTLR_VERSION} work together")
  set(BAMLC_ANTLR_PAIR_CHECKED ON CACHE INTERNAL "")
endif()

function(bamlc_antlr_parser target lexer_grammar parser_grammar)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/antlr_generated/${target}")
  get_filename_component(lexer_name "${lexer_grammar}" NAME_WE)
  get_filename_component(parser_name "${parser_grammar}" NAME_WE)
  set(sources "${out}/${lexer_name}.cpp" "${out}/${parser_name}.cpp")
  set(headers "${out}/${lexer_name}.h" "${out}/${parser_name}.h")
  get_filename_component(grammar_dir "${lexer_grammar}" DIRECTORY)
  # The lexer's .tokens file must exist before the parser grammar is processed, so one
  # command generates both, in order.
  add_custom_command(
    OUTPUT ${sources} ${headers}
    COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor -package bamlc::syntax::gen
            -Xexact-output-dir -o "${out}" "${lexer_grammar}"
    COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor -package bamlc::syntax::gen
            -Xexact-output-dir -o "${out}" -lib "${out}" "${parser_grammar}"
    DEPENDS "${lexer_grammar}" "${parser_grammar}"
    WORKING_DIRECTORY "${grammar_dir}"
    COMMENT "Generating the ${target} parser with ANTLR"
    VERBATIM)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} SYSTEM PUBLIC "${out}" ${BAMLC_ANTLR_INCLUDE_DIRS})
  target_link_libraries(${target} PUBLIC ${BAMLC_ANTLR_RUNTIME})
  target_compile_options(${target} PRIVATE -w)
  # The 4.7.2 tool emits u8"" literals as std::string initialisers, which C++20 made char8_t.
  set_target_properties(${target} PROPERTIES CXX_STANDARD 17 POSITION_INDEPENDENT_CODE ON)
endfunction()
