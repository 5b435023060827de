// Unicode folds for enum matching (text_fold.h).
#include <doctest/doctest.h>

#include "parse/text_fold.h"

using baml::parse::fold_accents;
using baml::parse::fold_case;

TEST_CASE("fold_accents takes accents off and spells ligatures in ASCII") {
  CHECK(fold_accents("Crème Brûlée") == "Creme Brulee");
  CHECK(fold_accents("Cre\xCC\x80me") == "Creme");  // e + combining grave
  CHECK(fold_accents("Straße Œuvre Ærø") == "Strasse OEuvre AEro");
  CHECK(fold_accents("\xEF\xAC\x81le") == "file");                // ﬁ ligature
  CHECK(fold_accents("\xEF\xBC\xA6\xEF\xBD\x95ll") == "Full");    // fullwidth Ｆｕ
  CHECK(fold_accents("Μπακλαβάς") == "Μπακλαβας");
  CHECK(fold_accents("Łódź") == "Łodz");  // Ł has no decomposition
  CHECK(fold_accents("plain ASCII, 42!") == "plain ASCII, 42!");
}

TEST_CASE("fold_case lowers every script, one code point to one") {
  CHECK(fold_case("ÉTÉ") == "été");
  CHECK(fold_case("ЖУК") == "жук");
  CHECK(fold_case("ΜΠΑΚΛΑΒΑΣ") == "μπακλαβας");  // a word's last sigma is final
  CHECK(fold_case("ΣΑΣ ΣΑΣ.") == "σας σας.");
  CHECK(fold_case("Σ") == "σ");
  CHECK(fold_case("MiXeD 123") == "mixed 123");
}

TEST_CASE("bytes that are not UTF-8 pass through both folds unchanged") {
  const std::string bad = "caf\xC3 \xFF\xE2\x82";
  CHECK(fold_accents(bad) == bad);
  CHECK(fold_case(bad) == bad);
}
