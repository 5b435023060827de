// The client part of the IR as the runtime holds it: each client's provider, its options (still
// raw JSON, since any value may be an {"env": NAME} reference resolved at call time), its limits
// (already normalized to milliseconds by the compiler; nullopt is "no limit"), and the retry
// policies that the strategy layer will run. The schema is documented in docs/runtime.md.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baml {

enum class ProviderKind {
  OpenAI,
  OpenAIGeneric,
  AzureOpenAI,
  Ollama,
  OpenAIResponses,
  Anthropic,
  GoogleAI,
  VertexAI,
  AwsBedrock,
  Fallback,
  RoundRobin,
  Unsupported
};

// The limits a client declares. Every value comes from the IR (declared or defaulted in stdlib/);
// the runtime has no timeout constants of its own.
struct ClientLimits {
  std::optional<std::chrono::milliseconds> connect = std::nullopt;
  std::optional<std::chrono::milliseconds> time_to_first_token = std::nullopt;
  std::optional<std::chrono::milliseconds> idle = std::nullopt;
  std::optional<std::chrono::milliseconds> request = std::nullopt;
  std::optional<std::chrono::milliseconds> total = std::nullopt;
};

struct ClientSpec {
  std::string name;
  std::string provider_name;  // as spelled in the IR, for messages
  ProviderKind provider = ProviderKind::Unsupported;
  nlohmann::json options = nlohmann::json::object();
  ClientLimits limits;
  std::optional<std::string> retry_policy;
  std::vector<std::string> strategy;  // composites: the children, in order
  std::optional<int> start;           // round-robin: the first child
  // A request header that tells the server how long this attempt has left, in milliseconds
  // (e.g. x-envoy-upstream-rq-timeout-ms), so it can stop working when we stop waiting.
  std::optional<std::string> deadline_header;

  bool is_composite() const { return provider == ProviderKind::Fallback || provider == ProviderKind::RoundRobin; }
};

enum class BackoffType { ConstantDelay, ExponentialBackoff };
enum class Jitter { None, Full };
// What a retry policy retries (LANGUAGE.md, "Retry policies").
enum class RetryClass { Connect, Timeout, RateLimit, Server };

struct RetryPolicySpec {
  std::string name;
  int max_retries = 0;
  BackoffType type = BackoffType::ConstantDelay;
  std::chrono::milliseconds delay{0};
  double multiplier = 1.0;
  std::optional<std::chrono::milliseconds> max_delay;
  Jitter jitter = Jitter::None;
  std::vector<RetryClass> retry_on;
};

struct ClientIr {
  std::vector<ClientSpec> clients;
  std::vector<RetryPolicySpec> retry_policies;

  const ClientSpec* find_client(std::string_view name) const;
  const RetryPolicySpec* find_retry_policy(std::string_view name) const;
};

// "openai-generic" → OpenAIGeneric; names this runtime cannot call map to Unsupported, so an IR
// that declares such a client still loads and only a call through it fails.
ProviderKind provider_kind(std::string_view name);

}  // namespace baml
