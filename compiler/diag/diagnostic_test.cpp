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
