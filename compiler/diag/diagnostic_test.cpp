#include "compiler/diag/diagnostic.h"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "compiler/diag/render.h"

using namespace bamlc;

TEST_CASE("every diagnostic kind has a unique, well-formed code") {
  std::set<std::string_view> codes;
  for (const DiagKindInfo& kind : all_diag_kinds()) {
    CHECK(codes.insert(kind.code).second);
    REQUIRE(kind.code.size() == 5);
    CHECK((kind.code[0] == 'E' || kind.code[0] == 'W'));
    CHECK((kind.code[0] == 'E') == (kind.severity == Severity::Error));
    CHECK(&info(kind.kind) == &kind);
  }
}

TEST_CASE("diagnostics render with location, snippet, underline and help") {
  SourceManager sources;
  const auto id = sources.add("dir/a.baml", "client<llm> A {\n  connect_timeout 4min\n}\n");
  DiagnosticSink sink;
  sink.report(DiagKind::DurationUnknownUnit, Span{id, 34, 38}, "unknown duration unit `min`").with_hint("write `4m`");
  std::ostringstream out;
  render_text(out, sink.all().front(), sources);
  CHECK(out.str() ==
        "dir/a.baml:2:19: error[E0201]: unknown duration unit `min`\n"
        " 2 |   connect_timeout 4min\n"
        "   |                   ^~~~\n"
        "  help: write `4m`\n");
  const std::string json = render_json(sink.all().front(), sources);
  CHECK(json.find("\"code\":\"E0201\"") != std::string::npos);
  CHECK(json.find("\"line\":2") != std::string::npos);
  CHECK(json.find("\"column\":19") != std::string::npos);
}

TEST_CASE("diagnostics sort by file path then position") {
  SourceManager sources;
  const auto b = sources.add("b.baml", "xxxxxxxx");
  const auto a = sources.add("a.baml", "xxxxxxxx");
  DiagnosticSink sink;
  sink.report(DiagKind::UnexpectedToken, Span{b, 1, 2}, "b1");
  sink.report(DiagKind::UnexpectedToken, Span{a, 5, 6}, "a5");
  sink.report(DiagKind::UnexpectedToken, Span{a, 2, 3}, "a2");
  const auto sorted = sink.sorted(sources);
  CHECK(sorted[0].message == "a2");
  CHECK(sorted[1].message == "a5");
  CHECK(sorted[2].message == "b1");
  CHECK(sink.error_count() == 3);
}

TEST_CASE("a long source line is shown as a window around the caret") {
  SourceManager sources;
  const std::string line = std::string(5000, 'a') + "BAD" + std::string(5000, 'b');
  const auto id = sources.add("long.baml", line + "\n");
  DiagnosticSink sink;
  sink.report(DiagKind::UnexpectedToken, Span{id, 5000, 5003}, "unexpected `BAD`");
  std::ostringstream out;
  render_text(out, sink.all().front(), sources);
  const std::string text = out.str();
  CHECK(text.size() < 600);
  CHECK(text.find(" 1 | ...") != std::string::npos);
  // The caret stands under `BAD` in the window.
  const std::size_t source_line = text.find(" 1 | ");
  const std::size_t caret_line = text.find("   | ");
  REQUIRE(source_line != std::string::npos);
  REQUIRE(caret_line != std::string::npos);
  const std::size_t bad = text.find("BAD", source_line) - source_line;
  CHECK(text.find("^~~", caret_line) - caret_line == bad);
}

TEST_CASE("a span at or past the end of the file prints one caret, not a line of billions") {
  SourceManager sources;
  const auto id = sources.add("short.baml", "class A x");
  DiagnosticSink sink;
  sink.report(DiagKind::UnclosedBlock, Span{id, 9, 9}, "at the end");
  sink.report(DiagKind::UnclosedBlock, Span{id, UINT32_MAX, 0}, "nowhere in particular");
  std::ostringstream out;
  for (const Diagnostic& d : sink.all()) render_text(out, d, sources);
  CHECK(out.str().size() < 400);
}

TEST_CASE("a flood is cut after the first diagnostics, with a count of the rest") {
  SourceManager sources;
  const auto id = sources.add("flood.baml", std::string(100, 'x'));
  DiagnosticSink sink;
  for (std::uint32_t i = 0; i < 100; ++i) sink.report(DiagKind::UnexpectedCharacter, Span{id, 99 - i, 100 - i}, "x");
  std::ostringstream text;
  render_text(text, sink, sources);
  CHECK(text.str().find("80 more diagnostics not shown") != std::string::npos);
  CHECK(text.str().find("flood.baml:1:1:") == 0);  // the first in position order, not in report order
  std::ostringstream json;
  sink.report(DiagKind::UnexpectedCharacter, Span{id, 0, 1}, "x");
  render_json(json, sink, sources);
  CHECK(json.str().find("\"not_shown\":1") != std::string::npos);
  CHECK(sink.error_count() == 101);
}
