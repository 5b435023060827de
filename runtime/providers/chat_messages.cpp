// Role mapping and merging of rendered messages (see chat_messages.h).
#include "providers/chat_messages.h"

#include <algorithm>

#include <baml/errors.h>
#include <baml/value_json.h>

namespace baml {

using nlohmann::json;

namespace {

// BAML's o1 models take no system message: `o1` and `o1-...` (not `o1x`, not `o3-mini`).
bool is_o1_model(const json& options) {
  auto model = options.find("model");
  if (model == options.end() || !model->is_string()) return false;
  const std::string& name = model->get_ref<const std::string&>();
  return name == "o1" || name.rfind("o1-", 0) == 0;
}

bool is_openai_family(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::OpenAI:
    case ProviderKind::OpenAIGeneric:
    case ProviderKind::AzureOpenAI:
    case ProviderKind::Ollama:
    case ProviderKind::OpenAIResponses: return true;
    default: return false;
  }
}

// The role of unmarked text when the client names none: `system` for the OpenAI family except
// ollama, `user` for the others (oracle: a prompt without markers).
std::string_view provider_default_role(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::OpenAI:
    case ProviderKind::OpenAIGeneric:
    case ProviderKind::AzureOpenAI:
    case ProviderKind::OpenAIResponses: return "system";
    default: return "user";
  }
}

std::vector<std::string> string_list(const json& options, const char* key, const std::string& client) {
  std::vector<std::string> out;
  auto it = options.find(key);
  if (it == options.end() || it->is_null()) return out;
  if (!it->is_array()) throw_config_error(std::string("option ") + key + " must be a list of strings", client);
  for (const json& item : *it) {
    if (!item.is_string()) throw_config_error(std::string("option ") + key + " must be a list of strings", client);
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string RolePolicy::map(const std::string& role) const {
  std::string out = role.empty() || !contains(allowed_roles, role) ? default_role : role;
  for (const auto& [from, to] : remap_roles) {
    if (from == out) return to;
  }
  return out;
}

bool RolePolicy::keeps_metadata(std::string_view key) const {
  switch (metadata) {
    case Metadata::None: return false;
    case Metadata::All: return true;
    case Metadata::Keys: return contains(metadata_keys, key);
  }
  return false;
}

RolePolicy role_policy(ProviderKind kind, const json& options, const std::string& client) {
  RolePolicy policy;
  const bool o1 = is_openai_family(kind) && is_o1_model(options);
  policy.allowed_roles = string_list(options, "allowed_roles", client);
  if (policy.allowed_roles.empty()) {
    policy.allowed_roles = o1 ? std::vector<std::string>{"user", "assistant"}
                              : std::vector<std::string>{"system", "user", "assistant"};
  }
  if (auto role = options.find("default_role"); role != options.end() && role->is_string()) {
    policy.default_role = role->get<std::string>();
  } else {
    const std::string_view preferred = o1 ? std::string_view("user") : provider_default_role(kind);
    policy.default_role = contains(policy.allowed_roles, preferred) ? std::string(preferred) : policy.allowed_roles[0];
  }
  if (auto remap = options.find("remap_roles"); remap != options.end() && remap->is_object()) {
    for (auto it = remap->begin(); it != remap->end(); ++it) {
      if (!it.value().is_string()) throw_config_error("option remap_roles must be a map of strings", client);
      policy.remap_roles.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  if (kind == ProviderKind::AwsBedrock) {
    // Oracle: Bedrock turns cache_control into a cachePoint unless allowed_role_metadata says otherwise.
    policy.metadata = RolePolicy::Metadata::Keys;
    policy.metadata_keys = {"cache_control"};
  }
  if (auto meta = options.find("allowed_role_metadata"); meta != options.end() && !meta->is_null()) {
    if (*meta == "all") {
      policy.metadata = RolePolicy::Metadata::All;
    } else if (*meta == "none") {
      policy.metadata = RolePolicy::Metadata::None;
    } else {
      policy.metadata = RolePolicy::Metadata::Keys;
      policy.metadata_keys = string_list(options, "allowed_role_metadata", client);
    }
  }
  return policy;
}

std::string default_role(const ClientSpec& client) {
  return role_policy(client.provider, client.options, client.name).default_role;
}

bool ChatMessage::text_only() const {
  return std::all_of(parts.begin(), parts.end(),
                     [](const ChatPart& part) { return part.part.kind == ContentPart::Kind::Text; });
}

std::vector<ChatMessage> chat_messages(const Request& request, const RolePolicy& policy) {
  std::vector<ChatMessage> out;
  for (const Message& message : request.messages) {
    if (message.parts.empty() && message.content.empty()) continue;
    json metadata = json::object();
    bool cache_control = false;
    for (const auto& [key, value] : message.metadata) {
      if (key == "cache_control") cache_control = true;
      if (policy.keeps_metadata(key)) metadata[key] = to_json(value);
    }
    std::string role = policy.map(message.role);
    if (out.empty() || out.back().role != role) out.push_back(ChatMessage{std::move(role), {}});
    std::vector<ChatPart>& parts = out.back().parts;
    auto add = [&](const ContentPart& part) {
      parts.push_back(ChatPart{part, metadata, !message.metadata.empty(), cache_control});
    };
    if (message.parts.empty()) {
      add(ContentPart::of_text(message.content));
    } else {
      for (const ContentPart& part : message.parts) add(part);
    }
  }
  return out;
}

std::vector<ChatPart> take_system_prompt(std::vector<ChatMessage>& messages) {
  std::vector<ChatPart> system;
  // A prompt that is one system message (after merging) goes out as a user message, with no
  // system prompt (oracle: anthropic, google-ai and aws-bedrock alike).
  if (messages.size() == 1 && messages.front().role == "system") {
    messages.front().role = "user";
    return system;
  }
  if (!messages.empty() && messages.front().role == "system") {
    system = std::move(messages.front().parts);
    messages.erase(messages.begin());
  }
  for (ChatMessage& message : messages) {
    if (message.role == "system") message.role = "user";
  }
  return system;
}

}  // namespace baml
