// A client's options as a provider needs them at call time. Every {"env": "NAME"} value (at any
// depth) is replaced by the variable's value, read when the call is made so that a key rotated in
// the environment takes effect without reloading the IR. A missing variable is a ConfigError that
// names the variable and the option. The options every provider understands are pulled out into
// fields; the rest stay in `values` for the provider's own keys and the pass-through into the body.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/client_spec.h>
#include <baml/environment.h>

#include "errors/redactor.h"

namespace baml {

struct ResolvedOptions {
  nlohmann::json values = nlohmann::json::object();  // every option, resolved
  std::string model;                                 // "" if not given
  std::optional<std::string> api_key;
  std::string base_url;  // trailing slashes removed; "" if not given
  std::vector<std::pair<std::string, std::string>> headers;
  bool supports_streaming = true;
  std::vector<std::string> finish_reason_allow;  // lowercased; empty = no list
  std::vector<std::string> finish_reason_deny;

  // A string-valued option, or nullopt if absent. A non-string value is a ConfigError.
  std::optional<std::string> string_option(const std::string& key) const;
  // The options to copy into the request body: all but the keys every provider interprets itself.
  nlohmann::json passthrough() const;
  // Whether an option of this name is one passthrough() copies.
  static bool passes_through(std::string_view key);

  std::string client;  // for messages
};

// Resolves `client.options`. Registers the api_key and every header value read from the
// environment with `redactor`, before anything can fail with a message containing them.
ResolvedOptions resolve_options(const ClientSpec& client, const EnvLookup& env, SecretRedactor& redactor);

// Whether `value` is, or holds at any depth, an {"env": "NAME"} reference.
bool contains_env_reference(const nlohmann::json& value);

}  // namespace baml
