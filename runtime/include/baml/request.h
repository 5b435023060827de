// What a caller asks a client for: the prompt as chat messages. A function's rendered prompt
// (runtime/function/) gives messages made of content parts (text and media) with the role as the
// template wrote it; the provider maps roles (allowed_roles, default_role), merges and shapes them
// into its wire format exactly as BAML does. A message given by hand (`bamlc call`) may carry just
// `content`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/value.h>

namespace baml {

struct ContentPart {
  enum class Kind { Text, Media };
  Kind kind = Kind::Text;
  std::string text;  // Text
  Media media;       // Media

  static ContentPart of_text(std::string text) { return {Kind::Text, std::move(text), {}}; }
  static ContentPart of_media(Media media) { return {Kind::Media, {}, std::move(media)}; }
};

struct Message {
  std::string role;  // "system", "user", "assistant", ... as written
  std::string content{};  // a text-only message given by hand; used when `parts` is empty
  std::vector<ContentPart> parts{};  // a rendered message's content, in order
  Value::Entries metadata{};  // the other named arguments of `_.role(...)`, e.g. cache_control
};

struct Request {
  std::string function;  // the BAML function being called; only used to name the call in errors
  std::vector<Message> messages{};
  // The messages came from a rendered prompt: the provider applies BAML's role mapping and wire
  // shapes (content parts even for text, Anthropic's system blocks, ...). False for messages
  // given by hand, which keep the plain chat shape.
  bool rendered = false;
  // A function's prompt is rendered once per leaf client of its plan (it sees ctx.client): each
  // attempt through a client named here sends that client's request instead of this one.
  std::vector<std::pair<std::string, std::shared_ptr<const Request>>> per_client{};

  const Request& for_client(std::string_view client) const {
    for (const auto& [name, request] : per_client) {
      if (name == client && request) return *request;
    }
    return *this;
  }
};

}  // namespace baml
