// Environment resolution and the common options of every leaf client (see options.h).
#include "providers/options.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <baml/errors.h>

namespace baml {

using nlohmann::json;

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

namespace {

// Options the runtime interprets and never copies into a request body.
constexpr const char* kInterpreted[] = {
    "model",
    "api_key",
    "base_url",
    "headers",
    "http",
    "default_role",
    "allowed_roles",
    "remap_roles",
    "allowed_role_metadata",
    "supports_streaming",
    "finish_reason_allow_list",
    "finish_reason_deny_list",
    "client_response_type",
    "media_url_handler",
    "query_params",
    "resource_name",
    "deployment_id",
    "api_version",
    "properties",
    "stream",
    "messages",
};

bool is_env_reference(const json& value) {
  return value.is_object() && value.size() == 1 && value.contains("env") && value["env"].is_string();
}

struct Resolver {
  const EnvLookup& env;
  const std::string& client;
  std::vector<std::string> from_env_paths;  // options whose value came from the environment

  json resolve(const json& value, const std::string& path) {
    if (is_env_reference(value)) {
      const std::string name = value["env"].get<std::string>();
      std::optional<std::string> found = env(name);
      if (!found) {
        ErrorInfo info;
        info.type = ErrorType::Config;
        info.path = {client};
        info.variable = name;
        info.detail = "environment variable " + name + " is not set (needed by option " + path + ")";
        throw_error(std::move(info));
      }
      from_env_paths.push_back(path);
      return *found;
    }
    if (value.is_object()) {
      json out = json::object();
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = resolve(it.value(), path + "." + it.key());
      return out;
    }
    if (value.is_array()) {
      json out = json::array();
      for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(resolve(value[i], path + "[" + std::to_string(i) + "]"));
      return out;
    }
    return value;
  }
};

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::string> string_list(const json& values, const std::string& key, const std::string& client) {
  std::vector<std::string> out;
  auto it = values.find(key);
  if (it == values.end() || it->is_null()) return out;
  if (!it->is_array()) throw_config_error("option " + key + " must be a list of strings", client);
  for (const json& item : *it) {
    if (!item.is_string()) throw_config_error("option " + key + " must be a list of strings", client);
    out.push_back(lowercase(item.get<std::string>()));
  }
  return out;
}

}  // namespace

std::optional<std::string> ResolvedOptions::string_option(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw_config_error("option " + key + " must be a string, got " + it->dump(), client);
  return it->get<std::string>();
}

bool ResolvedOptions::passes_through(std::string_view key) {
  return std::none_of(std::begin(kInterpreted), std::end(kInterpreted),
                      [key](const char* interpreted) { return key == interpreted; });
}

json ResolvedOptions::passthrough() const {
  json out = json::object();
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (passes_through(it.key())) out[it.key()] = it.value();
  }
  return out;
}

bool contains_env_reference(const json& value) {
  if (is_env_reference(value)) return true;
  if (value.is_object() || value.is_array()) {
    for (const json& item : value) {
      if (contains_env_reference(item)) return true;
    }
  }
  return false;
}

ResolvedOptions resolve_options(const ClientSpec& client, const EnvLookup& env, SecretRedactor& redactor) {
  ResolvedOptions out;
  out.client = client.name;
  Resolver resolver{env, client.name, {}};
  // Most clients read nothing from the environment: a plain copy then, without the option paths
  // the resolver builds for its messages.
  out.values = contains_env_reference(client.options) ? resolver.resolve(client.options, "options") : client.options;

  // Register secrets first: any ConfigError below may quote a value.
  if (auto key = out.values.find("api_key"); key != out.values.end() && key->is_string()) {
    redactor.add(key->get<std::string>());
  }
  for (const std::string& path : resolver.from_env_paths) {
    if (path.rfind("options.headers.", 0) == 0) {
      const json& value = out.values["headers"][path.substr(std::string("options.headers.").size())];
      if (value.is_string()) redactor.add(value.get<std::string>());
    }
  }

  out.model = out.string_option("model").value_or("");
  out.api_key = out.string_option("api_key");
  if (out.api_key && out.api_key->empty()) out.api_key.reset();
  out.base_url = out.string_option("base_url").value_or("");
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  if (auto headers = out.values.find("headers"); headers != out.values.end() && !headers->is_null()) {
    if (!headers->is_object()) throw_config_error("option headers must be a map of strings", client.name);
    for (auto it = headers->begin(); it != headers->end(); ++it) {
      if (!it.value().is_string()) throw_config_error("header " + it.key() + " must be a string", client.name);
      out.headers.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  if (auto streaming = out.values.find("supports_streaming"); streaming != out.values.end() && !streaming->is_null()) {
    if (!streaming->is_boolean()) throw_config_error("option supports_streaming must be true or false", client.name);
    out.supports_streaming = streaming->get<bool>();
  }
  out.finish_reason_allow = string_list(out.values, "finish_reason_allow_list", client.name);
  out.finish_reason_deny = string_list(out.values, "finish_reason_deny_list", client.name);
  return out;
}

}  // namespace baml
