#include "compiler/base/source.h"

#include <doctest/doctest.h>

using bamlc::SourceManager;
using bamlc::Span;

TEST_CASE("line and column are computed from byte offsets") {
  SourceManager sources;
  const auto id = sources.add("a.baml", "class A {\n  x int\n}\n");
  const auto& file = sources.file(id);
  CHECK(file.line_col(0).line == 1);
  CHECK(file.line_col(0).column == 1);
  CHECK(file.line_col(12).line == 2);
  CHECK(file.line_col(12).column == 3);
  CHECK(file.line_text(2) == "  x int");
  CHECK(file.line_text(4) == "");
  CHECK(sources.slice(Span{id, 12, 13}) == "x");
}

TEST_CASE("spans merge and narrow") {
  const Span a{0, 4, 8};
  const Span b{0, 10, 12};
  CHECK(a.merge(b).begin == 4);
  CHECK(a.merge(b).end == 12);
  CHECK(a.sub(1, 2).begin == 5);
  CHECK(a.sub(1, 100).end == 8);
}
