// The prelude (stdlib/*.json) as typed data: which providers exist, which options each takes,
// and the defaults every leaf client and retry policy starts from. Loaded once per process.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/model/program.h"

namespace bamlc::sema {

enum class OptionType { String, Int, Bool, StringList, StringMap, Map, Any, ClientList };

struct ProviderSchema {
  std::string name;
  model::ClientKind kind = model::ClientKind::Leaf;
  std::string wire;              // request format: openai, anthropic, google, ...
  std::string api_key_env;       // the variable api_key defaults to ("" when none)
  std::string default_base_url;  // "" when the provider has none
  std::map<std::string, OptionType, std::less<>> options;  // every option the provider knows
  std::vector<std::string> required;
  std::vector<std::vector<std::string>> required_one_of;  // any one group, complete
};

struct RetryDefaults {
  model::BackoffKind backoff = model::BackoffKind::ConstantDelay;
  model::Milliseconds delay{0};
  double multiplier = 1;
  model::Milliseconds max_delay{0};
  model::Jitter jitter = model::Jitter::None;
  std::vector<model::RetryClass> retry_on;
};

class Stdlib {
 public:
  static const Stdlib& get();

  // Looks a provider up by its name or a legacy alias (baml-openai-chat, ...).
  const ProviderSchema* provider(std::string_view name) const;
  const std::vector<std::string_view>& provider_names() const { return provider_names_; }
  // Leaf limits with source Default (or Unset for "none").
  const model::Limits& leaf_limits() const { return leaf_limits_; }
  const RetryDefaults& retry_defaults() const { return retry_defaults_; }
  // The roles a leaf client allows when it sets no `allowed_roles`.
  const std::vector<std::string>& default_allowed_roles() const { return default_allowed_roles_; }
  // Groups of leaf options a client may set at most one of.
  const std::vector<std::vector<std::string>>& exclusive_options() const { return exclusive_options_; }
  // Leaf options whose text must be one of a few words (client_response_type, ...).
  const std::map<std::string, std::vector<std::string>, std::less<>>& option_values() const { return option_values_; }

 private:
  Stdlib();

  std::vector<ProviderSchema> providers_;
  std::map<std::string, std::string, std::less<>> aliases_;
  std::vector<std::string_view> provider_names_;
  model::Limits leaf_limits_;
  RetryDefaults retry_defaults_;
  std::vector<std::string> default_allowed_roles_;
  std::vector<std::vector<std::string>> exclusive_options_;
  std::map<std::string, std::vector<std::string>, std::less<>> option_values_;
};

std::string_view option_type_name(OptionType type);
bool parse_retry_class(std::string_view word, model::RetryClass& out);

}  // namespace bamlc::sema
