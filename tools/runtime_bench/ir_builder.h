// Builds the client part of an IR document (docs/ir.md, docs/runtime.md "The client part of the
// IR") for the benchmark's clients, and reads it back through the runtime's own reader, so the
// benchmark runs the clients exactly as a compiled project would. Leaves are openai-generic
// clients pointed at the mock server; composites and retry policies are here for the strategy
// layer's figures (issue 5): a fallback chain is `composite("Chain", "fallback", {"A", "B"})`.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <baml/client_spec.h>

namespace runtime_bench {

using std::chrono::milliseconds;

// A client's limits as the IR spells them; nullopt is `null` (no limit).
struct Limits {
  std::optional<milliseconds> connect;
  std::optional<milliseconds> time_to_first_token;
  std::optional<milliseconds> idle;
  std::optional<milliseconds> request;
  std::optional<milliseconds> total;
};

// Limits as a real client declares them (connect 10 s, first token and idle 60 s, request 5 min,
// no total): present, so the engine tracks each of them, but far beyond any fault a benchmark
// waits for. A measurement sets the one limit it is about on top of these.
Limits generous_limits();

class IrBuilder {
 public:
  // An openai-generic client calling `base_url` with `model` (the mock's directives), optionally
  // with a retry policy (defined with retry_policy()).
  IrBuilder& leaf(const std::string& name, const std::string& base_url, const std::string& model, const Limits& limits,
                  const std::optional<std::string>& retry_policy = std::nullopt);
  // A `fallback` or `round-robin` client over `children`, optionally with a retry policy.
  IrBuilder& composite(const std::string& name, const std::string& provider, const std::vector<std::string>& children,
                       const Limits& limits, const std::optional<std::string>& retry_policy = std::nullopt);
  // A retry policy exactly as the IR spells it (`name`, `max_retries`, `strategy`, `retry_on`).
  IrBuilder& retry_policy(nlohmann::json policy);

  const nlohmann::json& json() const { return ir_; }
  // Through baml::read_client_ir; a mistake in the builder surfaces as the runtime's ConfigError.
  baml::ClientIr read() const;

 private:
  nlohmann::json ir_ = {
      {"ir_version", 1}, {"clients", nlohmann::json::array()}, {"retry_policies", nlohmann::json::array()}};
};

}  // namespace runtime_bench
