#include <doctest/doctest.h>

#include "function/messages.h"

using baml::ContentPart;
using baml::fn::split_messages;
using baml::tmpl::RenderOutput;

namespace {

constexpr std::string_view kNonce = "0123456789abcdef";
std::string role_marker(std::size_t i) { return baml::tmpl::marker('r', i, kNonce); }
std::string media_marker(std::size_t i) { return baml::tmpl::marker('m', i, kNonce); }

RenderOutput with_roles(std::string text, std::vector<std::string> roles) {
  RenderOutput out;
  out.text = std::move(text);
  out.nonce = std::string(kNonce);
  for (auto& r : roles) out.roles.push_back({r, {}});
  return out;
}

}  // namespace

TEST_CASE("without a role marker the text goes out as rendered, whitespace and all") {
  const auto messages = split_messages(with_roles("  Hello \n", {}), "system");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].role == "system");
  REQUIRE(messages[0].parts.size() == 1);
  CHECK(messages[0].parts[0].text == "  Hello \n");
  const auto blank = split_messages(with_roles("   ", {}), "user");
  REQUIRE(blank.size() == 1);
  CHECK(blank[0].parts[0].text == "   ");
}

TEST_CASE("role markers start messages; chunks are trimmed and empty ones dropped") {
  const auto messages = split_messages(
      with_roles("Intro \n" + role_marker(0) + "\n  Be brief.\n" + role_marker(1) + "  \n" + role_marker(2) + " Hi ", {"system", "assistant", "user"}),
      "system");
  REQUIRE(messages.size() == 3);
  CHECK(messages[0].role == "system");
  CHECK(messages[0].parts[0].text == "Intro");
  CHECK(messages[1].role == "system");
  CHECK(messages[1].parts[0].text == "Be brief.");
  CHECK(messages[2].role == "user");
  CHECK(messages[2].parts[0].text == "Hi");
}

TEST_CASE("media split a message into parts; the text next to them is trimmed") {
  RenderOutput out = with_roles(role_marker(0) + "Look: " + media_marker(0) + "\n and tell me.", {"user"});
  out.media.push_back(baml::Media::from_url(baml::MediaKind::Image, "https://x/a.png"));
  const auto messages = split_messages(out, "system");
  REQUIRE(messages.size() == 1);
  REQUIRE(messages[0].parts.size() == 3);
  CHECK(messages[0].parts[0].text == "Look:");
  CHECK(messages[0].parts[1].kind == ContentPart::Kind::Media);
  CHECK(messages[0].parts[1].media.url == "https://x/a.png");
  CHECK(messages[0].parts[2].text == "and tell me.");
}

TEST_CASE("bytes that only look like a marker are text") {
  const std::string fake = role_marker(7);  // no role 7
  const auto messages = split_messages(with_roles("a" + fake + "b", {}), "user");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].parts[0].text == "a" + fake + "b");
}

TEST_CASE("a marker without this render's nonce is text, whatever its index") {
  // An argument holding a marker of the old shape, or one guessed with another nonce, cannot
  // start a message of a role the template declared.
  const std::string old_shape = std::string(1, baml::tmpl::kMarker) + "r0" + baml::tmpl::kMarker;
  const std::string other_nonce = baml::tmpl::marker('r', 0, "fedcba9876543210");
  const auto messages =
      split_messages(with_roles(role_marker(0) + "hi " + old_shape + " and " + other_nonce + " end", {"user"}), "system");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].role == "user");
  CHECK(messages[0].parts[0].text == "hi " + old_shape + " and " + other_nonce + " end");
}
