// A rendered prompt's messages as BAML 0.226.2 hands them to a provider (Request::rendered): each
// role outside the client's `allowed_roles` becomes its `default_role`, then `remap_roles`
// renames it, then consecutive messages of the same (final) role merge into one message whose
// parts keep their order. Each part carries the metadata of the `_.role(...)` call that opened its
// message (cache_control, ...), filtered by `allowed_role_metadata` (default: none). Checked
// against the oracle: tools/baml_oracle (see the *_rendered_test.cpp files).
//
// The defaults depend on the provider and, for the OpenAI family, on the model: BAML treats
// `o1`/`o1-*` models as having no system role (allowed_roles [user, assistant], default user).
// Without an explicit `default_role`, it is the provider's default role when that is allowed,
// else the first of `allowed_roles`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/client_spec.h>
#include <baml/request.h>

#include "providers/options.h"

namespace baml {

struct RolePolicy {
  std::vector<std::string> allowed_roles;
  std::string default_role;
  std::vector<std::pair<std::string, std::string>> remap_roles;  // written role → wire role
  enum class Metadata { None, All, Keys } metadata = Metadata::None;
  std::vector<std::string> metadata_keys;  // Metadata::Keys

  // The role a message written with `role` goes out as. An empty role is the default role.
  std::string map(const std::string& role) const;
  bool keeps_metadata(std::string_view key) const;
};

// The role policy of a client of `kind` with `options` (raw or resolved values).
RolePolicy role_policy(ProviderKind kind, const nlohmann::json& options, const std::string& client);

// The role BAML gives text before the first `_.role` marker: the client's default role. (Since
// roles are mapped again by the provider, a splitter may also leave such a message's role empty.)
std::string default_role(const ClientSpec& client);

struct ChatPart {
  ContentPart part;
  nlohmann::json metadata = nlohmann::json::object();  // the allowed metadata, as JSON
  bool had_metadata = false;  // the `_.role(...)` call had any metadata, allowed or not
  bool cache_control = false;  // ... including cache_control (used by Bedrock's cachePoint)
};

struct ChatMessage {
  std::string role;
  std::vector<ChatPart> parts;

  bool text_only() const;  // no media part
};

// The request's messages mapped and merged by `policy`. Messages without any part are dropped
// (a hand-written message's `content` counts as one text part).
std::vector<ChatMessage> chat_messages(const Request& request, const RolePolicy& policy);

// Anthropic, Google and Bedrock: the leading system message becomes the request's system prompt
// (returned; empty if the first message is not `system`), and any later system message becomes a
// user message, NOT merged with its neighbours (as BAML does). A prompt whose only message is a
// system message has no system prompt: that message goes out as a user message.
std::vector<ChatPart> take_system_prompt(std::vector<ChatMessage>& messages);

}  // namespace baml
