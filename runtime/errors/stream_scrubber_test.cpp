// A secret split anywhere across a stream's pieces never comes out whole, and the text delivered
// is exactly what scrubbing the whole text at once gives.
#include "errors/stream_scrubber.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace baml {
namespace {

constexpr std::string_view kKey = "sk-bamlc-test-4f9a1c7e2b8d6053";

// Feeds `text` cut at `cuts` (increasing offsets) and returns what came out, flushed at the end.
std::string stream_through(const SecretRedactor& redactor, std::string_view text, const std::vector<std::size_t>& cuts) {
  StreamScrubber scrubber(redactor);
  std::string out;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    out += scrubber.push(text.substr(from, cut - from));
    from = cut;
  }
  out += scrubber.push(text.substr(from));
  out += scrubber.flush();
  CHECK(scrubber.held() == 0);
  return out;
}

TEST_CASE("a key split in two at any point is redacted, and the result equals scrubbing the whole") {
  SecretRedactor redactor;
  redactor.add(kKey);
  const std::string text = "Authorization: Bearer " + std::string(kKey) + "\", then more text";
  const std::string whole = redactor.scrub(text);
  REQUIRE(whole == "Authorization: Bearer [REDACTED]\", then more text");
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    CAPTURE(cut);
    CHECK(stream_through(redactor, text, {cut}) == whole);
  }
}

TEST_CASE("a key split in three at any two points is redacted") {
  SecretRedactor redactor;
  redactor.add(kKey);
  const std::string text = "x" + std::string(kKey) + "y";
  const std::string whole = redactor.scrub(text);
  for (std::size_t a = 0; a <= text.size(); ++a) {
    for (std::size_t b = a; b <= text.size(); ++b) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK(stream_through(redactor, text, {a, b}) == whole);
    }
  }
}

TEST_CASE("one byte at a time, with two keys, one a prefix of the other, and near misses") {
  SecretRedactor redactor;
  redactor.add("sk-short-1234");
  redactor.add("sk-short-1234-and-longer");
  const std::string text = "a sk-short-1234-and-longer b sk-short-1234-and-lo c sk-short-123 d sk-short-1234";
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < text.size(); ++i) every_byte.push_back(i);
  const std::string out = stream_through(redactor, text, every_byte);
  CHECK(out == redactor.scrub(text));
  CHECK(out == "a [REDACTED] b [REDACTED]-and-lo c sk-short-123 d [REDACTED]");
}

TEST_CASE("only a tail that could begin a secret is held back, never more than the longest secret less one") {
  SecretRedactor redactor;
  redactor.add(kKey);
  StreamScrubber scrubber(redactor);
  CHECK(scrubber.push("plain words ") == "plain words ");  // no prefix of a key: nothing held
  CHECK(scrubber.held() == 0);
  CHECK(scrubber.push("then sk-bam") == "then ");
  CHECK(scrubber.held() == 6);
  CHECK(scrubber.push("lc-test-4f9a1c7e2b8d605") == "");
  CHECK(scrubber.held() == kKey.size() - 1);
  CHECK(scrubber.push("3 and on") == "[REDACTED] and on");
  CHECK(scrubber.push(" sk-bamlc-te") == " ");
  CHECK(scrubber.flush() == "sk-bamlc-te");  // the stream ended: a fragment is not the key
  CHECK(scrubber.push("sk") == "");
  CHECK(scrubber.push("-other") == "sk-other");  // no longer a prefix of the key: released
}

TEST_CASE("without registered secrets the stream passes through untouched") {
  SecretRedactor redactor;
  StreamScrubber scrubber(redactor);
  CHECK(scrubber.push("sk-bamlc-test") == "sk-bamlc-test");
  CHECK(scrubber.flush().empty());
}

TEST_CASE("a secret registered mid-stream is caught from then on") {
  SecretRedactor redactor;
  StreamScrubber scrubber(redactor);
  CHECK(scrubber.push("before ") == "before ");
  redactor.add(kKey);
  CHECK(scrubber.push(std::string(kKey).substr(0, 10)) == "");
  CHECK(scrubber.push(std::string(kKey).substr(10)) == "[REDACTED]");
}

}  // namespace
}  // namespace baml
