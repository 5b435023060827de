// The stdlib JSON is part of the binary; a malformed file is a build bug, caught by the unit
// tests, so loading asserts instead of reporting.
#include "compiler/sema/stdlib.h"

#include <cassert>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <baml/duration.h>
#include "stdlib/stdlib_data.h"

namespace bamlc::sema {
namespace {

using baml::DurationParse;
using baml::parse_duration;

OptionType parse_option_type(const std::string& name) {
  if (name == "string") return OptionType::String;
  if (name == "int") return OptionType::Int;
  if (name == "bool") return OptionType::Bool;
  if (name == "string_list") return OptionType::StringList;
  if (name == "string_map") return OptionType::StringMap;
  if (name == "map") return OptionType::Map;
  if (name == "client_list") return OptionType::ClientList;
  if (name == "any") return OptionType::Any;
  throw std::logic_error("stdlib/providers.json: unknown option type " + name);
}

model::ClientKind parse_kind(const std::string& kind) {
  if (kind == "fallback") return model::ClientKind::Fallback;
  if (kind == "round-robin") return model::ClientKind::RoundRobin;
  return model::ClientKind::Leaf;
}

// A limit from the defaults file: a duration literal, or "none".
model::Limit parse_default_limit(const std::string& text) {
  if (text == "none") return model::Limit{std::nullopt, model::LimitSource::Unset, {}};
  const DurationParse parsed = parse_duration(text);
  if (!parsed.value) throw std::logic_error("stdlib/client_defaults.json: bad duration " + text);
  return model::Limit{*parsed.value, model::LimitSource::Default, {}};
}

model::Milliseconds parse_default_duration(const std::string& text) {
  const DurationParse parsed = parse_duration(text);
  if (!parsed.value) throw std::logic_error("stdlib/client_defaults.json: bad duration " + text);
  return *parsed.value;
}

}  // namespace

std::string_view option_type_name(OptionType type) {
  switch (type) {
    case OptionType::String: return "a string";
    case OptionType::Int: return "an integer";
    case OptionType::Bool: return "true or false";
    case OptionType::StringList: return "a list of strings";
    case OptionType::StringMap: return "a block of string values";
    case OptionType::Map: return "a block";
    case OptionType::Any: return "a value";
    case OptionType::ClientList: return "a list of clients";
  }
  return "a value";
}

bool parse_retry_class(std::string_view word, model::RetryClass& out) {
  if (word == "connect") out = model::RetryClass::Connect;
  else if (word == "timeout") out = model::RetryClass::Timeout;
  else if (word == "rate_limit") out = model::RetryClass::RateLimit;
  else if (word == "server") out = model::RetryClass::Server;
  else return false;
  return true;
}

const Stdlib& Stdlib::get() {
  static const Stdlib instance;
  return instance;
}

Stdlib::Stdlib() {
  const auto providers = nlohmann::json::parse(stdlib::providers_json());
  const auto& common = providers.at("common_leaf_options");
  for (const auto& p : providers.at("providers")) {
    ProviderSchema schema;
    schema.name = p.at("name").get<std::string>();
    schema.kind = parse_kind(p.at("kind").get<std::string>());
    schema.wire = p.value("wire", "");
    schema.api_key_env = p.value("env", "");
    schema.default_base_url = p.value("default_base_url", "");
    if (schema.kind == model::ClientKind::Leaf) {
      for (const auto& [key, type] : common.items()) schema.options[key] = parse_option_type(type.get<std::string>());
    }
    if (p.contains("options")) {
      for (const auto& [key, type] : p.at("options").items()) schema.options[key] = parse_option_type(type.get<std::string>());
    }
    schema.required = p.value("required", std::vector<std::string>{});
    schema.required_one_of = p.value("required_one_of", std::vector<std::vector<std::string>>{});
    providers_.push_back(std::move(schema));
  }
  for (const auto& [alias, target] : providers.at("legacy_aliases").items()) aliases_[alias] = target.get<std::string>();
  for (const auto& schema : providers_) provider_names_.push_back(schema.name);
  default_allowed_roles_ = providers.at("default_allowed_roles").get<std::vector<std::string>>();
  exclusive_options_ = providers.at("exclusive_options").get<std::vector<std::vector<std::string>>>();
  for (const auto& [key, words] : providers.at("option_values").items()) {
    option_values_[key] = words.get<std::vector<std::string>>();
  }

  const auto defaults = nlohmann::json::parse(stdlib::client_defaults_json());
  for (model::LimitKind kind : model::kAllLimitKinds) {
    leaf_limits_[kind] = parse_default_limit(defaults.at("http").at(std::string(model::limit_field_name(kind))).get<std::string>());
  }
  const auto& retry = defaults.at("retry_strategy");
  retry_defaults_.backoff = retry.at("type") == "exponential_backoff" ? model::BackoffKind::ExponentialBackoff
                                                                      : model::BackoffKind::ConstantDelay;
  retry_defaults_.delay = parse_default_duration(retry.at("delay").get<std::string>());
  retry_defaults_.multiplier = retry.at("multiplier").get<double>();
  retry_defaults_.max_delay = parse_default_duration(retry.at("max_delay").get<std::string>());
  retry_defaults_.jitter = retry.at("jitter") == "full" ? model::Jitter::Full : model::Jitter::None;
  for (const auto& c : retry.at("retry_on")) {
    model::RetryClass rc{};
    if (!parse_retry_class(c.get<std::string>(), rc)) throw std::logic_error("stdlib: bad retry class");
    retry_defaults_.retry_on.push_back(rc);
  }
}

const ProviderSchema* Stdlib::provider(std::string_view name) const {
  if (auto alias = aliases_.find(name); alias != aliases_.end()) name = alias->second;
  for (const auto& schema : providers_) {
    if (schema.name == name) return &schema;
  }
  return nullptr;
}

}  // namespace bamlc::sema
