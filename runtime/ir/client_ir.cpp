// The IR reader for clients and retry policies (see client_ir.h). Every check names the JSON path
// it rejects, since a bad IR is a compiler bug or a hand-edited file and the path is the fastest
// way to find it.
#include <baml/client_ir.h>

#include <limits>
#include <nlohmann/json.hpp>

#include <baml/errors.h>

namespace baml {

using nlohmann::json;
using std::chrono::milliseconds;

ProviderKind provider_kind(std::string_view name) {
  if (name == "openai" || name == "baml-openai-chat") return ProviderKind::OpenAI;
  if (name == "openai-generic") return ProviderKind::OpenAIGeneric;
  if (name == "azure-openai" || name == "baml-azure-chat") return ProviderKind::AzureOpenAI;
  if (name == "ollama" || name == "baml-ollama-chat") return ProviderKind::Ollama;
  if (name == "openai-responses") return ProviderKind::OpenAIResponses;
  if (name == "anthropic" || name == "baml-anthropic-chat") return ProviderKind::Anthropic;
  if (name == "google-ai") return ProviderKind::GoogleAI;
  if (name == "vertex-ai") return ProviderKind::VertexAI;
  if (name == "aws-bedrock") return ProviderKind::AwsBedrock;
  if (name == "fallback" || name == "baml-fallback") return ProviderKind::Fallback;
  if (name == "round-robin" || name == "baml-round-robin") return ProviderKind::RoundRobin;
  return ProviderKind::Unsupported;
}

const ClientSpec* ClientIr::find_client(std::string_view name) const {
  for (const ClientSpec& client : clients) {
    if (client.name == name) return &client;
  }
  return nullptr;
}

const RetryPolicySpec* ClientIr::find_retry_policy(std::string_view name) const {
  for (const RetryPolicySpec& policy : retry_policies) {
    if (policy.name == name) return &policy;
  }
  return nullptr;
}

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& expected, const json& got) {
  std::string shown = got.dump();
  if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
  throw_config_error("IR: " + where + ": expected " + expected + ", got " + shown);
}

// The value under `key`, or null when the key is absent (absent and null mean the same in the IR).
const json& member(const json& object, const char* key) {
  static const json null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string read_string(const json& object, const std::string& where, const char* key) {
  const json& value = member(object, key);
  if (!value.is_string()) bad(where + "." + key, "a string", value);
  return value.get<std::string>();
}

std::optional<std::string> read_optional_string(const json& object, const std::string& where, const char* key) {
  const json& value = member(object, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) bad(where + "." + key, "null or a string", value);
  return value.get<std::string>();
}

// A limit: null (or absent) is no limit; otherwise a positive integer count of milliseconds.
// Zero never appears: the checker turns BAML's `_ms 0` into null and rejects `0s`.
std::optional<milliseconds> read_limit(const json& limits, const std::string& where, const char* key) {
  const json& value = member(limits, key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
    bad(where + "." + key, "null or a positive integer of milliseconds", value);
  }
  return milliseconds(value.get<std::int64_t>());
}

ClientLimits read_limits(const json& client, const std::string& where) {
  const json& limits = member(client, "limits");
  const std::string at = where + ".limits";
  if (limits.is_null()) return {};
  if (!limits.is_object()) bad(at, "an object", limits);
  return ClientLimits{read_limit(limits, at, "connect_ms"), read_limit(limits, at, "time_to_first_token_ms"),
                      read_limit(limits, at, "idle_ms"), read_limit(limits, at, "request_ms"),
                      read_limit(limits, at, "total_ms")};
}

ClientSpec read_client(const json& value, const std::string& where) {
  if (!value.is_object()) bad(where, "an object", value);
  ClientSpec client;
  client.name = read_string(value, where, "name");
  client.provider_name = read_string(value, where, "provider");
  client.provider = provider_kind(client.provider_name);
  const json& options = member(value, "options");
  if (!options.is_null()) {
    if (!options.is_object()) bad(where + ".options", "an object", options);
    client.options = options;
  }
  client.limits = read_limits(value, where);
  client.retry_policy = read_optional_string(value, where, "retry_policy");
  client.deadline_header = read_optional_string(value, where, "deadline_header");
  const json& strategy = member(value, "strategy");
  if (!strategy.is_null()) {
    if (!strategy.is_array()) bad(where + ".strategy", "null or an array of client names", strategy);
    for (std::size_t i = 0; i < strategy.size(); ++i) {
      if (!strategy[i].is_string()) bad(where + ".strategy[" + std::to_string(i) + "]", "a client name", strategy[i]);
      client.strategy.push_back(strategy[i].get<std::string>());
    }
  }
  const json& start = member(value, "start");
  if (!start.is_null()) {
    if (!start.is_number_integer()) bad(where + ".start", "null or an integer", start);
    client.start = start.get<int>();
  }
  return client;
}

RetryClass read_retry_class(const json& value, const std::string& where) {
  if (value == "connect") return RetryClass::Connect;
  if (value == "timeout") return RetryClass::Timeout;
  if (value == "rate_limit") return RetryClass::RateLimit;
  if (value == "server") return RetryClass::Server;
  bad(where, "one of connect, timeout, rate_limit, server", value);
}

milliseconds read_delay(const json& object, const std::string& where, const char* key) {
  const json& value = member(object, key);
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
    bad(where + "." + key, "a non-negative integer of milliseconds", value);
  }
  return milliseconds(value.get<std::int64_t>());
}

RetryPolicySpec read_retry_policy(const json& value, const std::string& where) {
  if (!value.is_object()) bad(where, "an object", value);
  RetryPolicySpec policy;
  policy.name = read_string(value, where, "name");
  const json& max_retries = member(value, "max_retries");
  // A call runs the policy's node 1 + max_retries times, counted in an int (PlanNode::rounds).
  constexpr std::int64_t kMaxRetries = std::numeric_limits<int>::max() - 1;
  if (!max_retries.is_number_integer() || max_retries.get<std::int64_t>() < 0 ||
      max_retries.get<std::int64_t>() > kMaxRetries) {
    bad(where + ".max_retries", "an integer from 0 to 2147483646", max_retries);
  }
  policy.max_retries = max_retries.get<int>();
  const json& strategy = member(value, "strategy");
  const std::string at = where + ".strategy";
  if (!strategy.is_object()) bad(at, "an object", strategy);
  const std::string type = read_string(strategy, at, "type");
  if (type == "constant_delay") {
    policy.type = BackoffType::ConstantDelay;
  } else if (type == "exponential_backoff") {
    policy.type = BackoffType::ExponentialBackoff;
    const json& multiplier = member(strategy, "multiplier");
    if (!multiplier.is_null()) {
      if (!multiplier.is_number() || multiplier.get<double>() < 1.0)
        bad(at + ".multiplier", "a number >= 1", multiplier);
      policy.multiplier = multiplier.get<double>();
    }
    if (!member(strategy, "max_delay_ms").is_null()) policy.max_delay = read_delay(strategy, at, "max_delay_ms");
  } else {
    bad(at + ".type", "constant_delay or exponential_backoff", member(strategy, "type"));
  }
  policy.delay = read_delay(strategy, at, "delay_ms");
  const json& jitter = member(strategy, "jitter");
  if (jitter.is_null() || jitter == "none") {
    policy.jitter = Jitter::None;
  } else if (jitter == "full") {
    policy.jitter = Jitter::Full;
  } else {
    bad(at + ".jitter", "none or full", jitter);
  }
  const json& retry_on = member(value, "retry_on");
  if (retry_on.is_null()) {
    policy.retry_on = {RetryClass::Connect, RetryClass::Timeout, RetryClass::RateLimit, RetryClass::Server};
  } else {
    if (!retry_on.is_array()) bad(where + ".retry_on", "null or an array", retry_on);
    for (std::size_t i = 0; i < retry_on.size(); ++i) {
      policy.retry_on.push_back(read_retry_class(retry_on[i], where + ".retry_on[" + std::to_string(i) + "]"));
    }
  }
  return policy;
}

}  // namespace

ClientIr read_client_ir(const json& ir) {
  if (!ir.is_object()) bad("(root)", "an object", ir);
  const json& version = member(ir, "ir_version");
  if (version != kClientIrVersion) bad("ir_version", std::to_string(kClientIrVersion), version);
  ClientIr out;
  const json& clients = member(ir, "clients");
  if (!clients.is_null()) {
    if (!clients.is_array()) bad("clients", "an array", clients);
    for (std::size_t i = 0; i < clients.size(); ++i) {
      out.clients.push_back(read_client(clients[i], "clients[" + std::to_string(i) + "]"));
    }
  }
  const json& policies = member(ir, "retry_policies");
  if (!policies.is_null()) {
    if (!policies.is_array()) bad("retry_policies", "an array", policies);
    for (std::size_t i = 0; i < policies.size(); ++i) {
      out.retry_policies.push_back(read_retry_policy(policies[i], "retry_policies[" + std::to_string(i) + "]"));
    }
  }
  return out;
}

ClientIr read_client_ir_text(std::string_view json_text) {
  json ir = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (ir.is_discarded()) throw_config_error("IR: not valid JSON");
  return read_client_ir(ir);
}

}  // namespace baml
