// Unicode case mapping and accent folding (unicode_text.h).
#include <doctest/doctest.h>

#include <string>

#include "text/unicode_text.h"

using namespace baml::text;

TEST_CASE("fold_accents takes accents off and spells ligatures in ASCII") {
  CHECK(fold_accents("Crème Brûlée") == "Creme Brulee");
  CHECK(fold_accents("Cre\xCC\x80me") == "Creme");  // e + combining grave
  CHECK(fold_accents("Straße Œuvre Ærø") == "Strasse OEuvre AEro");
  CHECK(fold_accents("\xEF\xAC\x81le") == "file");              // ﬁ ligature
  CHECK(fold_accents("\xEF\xBC\xA6\xEF\xBD\x95ll") == "Full");  // fullwidth Ｆｕ
  CHECK(fold_accents("Μπακλαβάς") == "Μπακλαβας");
  CHECK(fold_accents("Łódź") == "Łodz");  // Ł has no decomposition
  CHECK(fold_accents("plain ASCII, 42!") == "plain ASCII, 42!");
}

TEST_CASE("lowercase and uppercase are Rust's full mappings") {
  CHECK(lowercase("ÉTÉ") == "été");
  CHECK(lowercase("ЖУК") == "жук");
  CHECK(lowercase("ΜΠΑΚΛΑΒΑΣ") == "μπακλαβας");  // a word's last sigma is final
  CHECK(lowercase("ΣΑΣ ΣΑΣ.") == "σας σας.");
  CHECK(lowercase("Σ") == "σ");
  CHECK(lowercase("İ") == "i\xCC\x87");  // i + combining dot above
  CHECK(lowercase("MiXeD 123") == "mixed 123");
  CHECK(uppercase("Straße") == "STRASSE");
  CHECK(uppercase("\xEF\xAC\x81") == "FI");  // ﬁ
  CHECK(uppercase("ǆ ǅ") == "Ǆ Ǆ");
  CHECK(uppercase("été") == "ÉTÉ");
  std::string one;
  append_uppercase(U'ß', one);
  append_lowercase(U'Σ', one);  // one code point: no final-sigma context
  CHECK(one == "SSσ");
}

TEST_CASE("letters are lowercase or uppercase by Unicode's properties") {
  CHECK(is_lowercase(U'a'));
  CHECK(is_lowercase(U'é'));
  CHECK(is_lowercase(U'ж'));
  CHECK_FALSE(is_lowercase(U'1'));
  CHECK_FALSE(is_lowercase(U' '));
  CHECK(is_uppercase(U'Ж'));
  CHECK_FALSE(is_uppercase(U'ж'));
  CHECK_FALSE(is_uppercase(U'中'));
}

TEST_CASE("bytes that are not UTF-8 pass through unchanged") {
  const std::string bad = "caf\xC3 \xFF\xE2\x82";
  CHECK(fold_accents(bad) == bad);
  CHECK(lowercase(bad) == bad);
  CHECK(uppercase("caf\xC3 \xFF") == "CAF\xC3 \xFF");
}

TEST_CASE("debug_escaped: what Rust's Debug of a string writes as \\u{...}") {
  CHECK(debug_escaped(0x301));   // combining acute
  CHECK(debug_escaped(0x94D));   // Devanagari virama
  CHECK(debug_escaped(0xFE0F));  // variation selector
  CHECK(debug_escaped(0xA0));    // no-break space
  CHECK(debug_escaped(0x200B));  // zero width space
  CHECK(debug_escaped(0x2028));  // line separator
  CHECK(debug_escaped(0xE000));  // private use
  CHECK(debug_escaped(0x1F));
  CHECK_FALSE(debug_escaped(U' '));
  CHECK_FALSE(debug_escaped(U'é'));
  CHECK_FALSE(debug_escaped(U'न'));
  CHECK_FALSE(debug_escaped(0x1F44D));  // 👍
}
