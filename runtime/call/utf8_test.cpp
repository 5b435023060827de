// UTF-8 checks and repairs, and the terminal-safe form of a server's text.
#include "call/utf8.h"

#include <doctest/doctest.h>

#include <baml/printable.h>

namespace baml {
namespace {

TEST_CASE("well-formed UTF-8 is kept; every stray byte becomes U+FFFD") {
  CHECK(is_utf8("caf\xC3\xA9"));
  CHECK_FALSE(is_utf8("caf\xC3"));           // cut
  CHECK_FALSE(is_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK(to_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(to_utf8("a\xFF\xC3(b") == "a\xEF\xBF\xBD\xEF\xBF\xBD(b");
}

TEST_CASE("a JSON value with invalid bytes anywhere can be dumped once repaired") {
  nlohmann::json value = {{"text", "ok\xFF"}, {"list", {"\xC3", 1}}, {"nested", {{"k\xFE", "v"}}}};
  CHECK_THROWS(value.dump());
  make_utf8(value);
  CHECK(value.dump() == "{\"list\":[\"\xEF\xBF\xBD\",1],\"nested\":{\"k\xEF\xBF\xBD\":\"v\"},\"text\":\"ok\xEF\xBF\xBD\"}");
}

TEST_CASE("printable escapes stray bytes and control characters, and keeps text and line breaks") {
  CHECK(printable("caf\xC3\xA9 ok\n\tnext") == "caf\xC3\xA9 ok\n\tnext");
  CHECK(printable(std::string("\x1B[2J\x00\xFF", 6)) == "\\x1B[2J\\x00\\xFF");
  CHECK(printable("\xC2\x9B" "31m") == "\\xC2\\x9B31m");  // C1 CSI
  CHECK(printable("\x7F") == "\\x7F");
}

}  // namespace
}  // namespace baml
