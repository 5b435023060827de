// The IR builder (see ir_builder.h).
#include "ir_builder.h"

#include <baml/client_ir.h>

namespace runtime_bench {

namespace {

nlohmann::json ms_or_null(const std::optional<milliseconds>& value) {
  return value ? nlohmann::json(value->count()) : nlohmann::json(nullptr);
}

nlohmann::json limits_json(const Limits& limits) {
  return {{"connect_ms", ms_or_null(limits.connect)},
          {"time_to_first_token_ms", ms_or_null(limits.time_to_first_token)},
          {"idle_ms", ms_or_null(limits.idle)},
          {"request_ms", ms_or_null(limits.request)},
          {"total_ms", ms_or_null(limits.total)}};
}

}  // namespace

Limits generous_limits() {
  Limits limits;
  limits.connect = milliseconds(10'000);
  limits.time_to_first_token = milliseconds(60'000);
  limits.idle = milliseconds(60'000);
  limits.request = milliseconds(300'000);
  return limits;
}

IrBuilder& IrBuilder::leaf(const std::string& name, const std::string& base_url, const std::string& model,
                           const Limits& limits, const std::optional<std::string>& retry_policy) {
  ir_["clients"].push_back({{"name", name},
                            {"provider", "openai-generic"},
                            {"options", {{"model", model}, {"base_url", base_url}}},
                            {"limits", limits_json(limits)},
                            {"retry_policy", retry_policy ? nlohmann::json(*retry_policy) : nlohmann::json(nullptr)},
                            {"strategy", nullptr},
                            {"start", nullptr},
                            {"deadline_header", nullptr}});
  return *this;
}

IrBuilder& IrBuilder::composite(const std::string& name, const std::string& provider,
                                const std::vector<std::string>& children, const Limits& limits,
                                const std::optional<std::string>& retry_policy) {
  ir_["clients"].push_back({{"name", name},
                            {"provider", provider},
                            {"options", nlohmann::json::object()},
                            {"limits", limits_json(limits)},
                            {"retry_policy", retry_policy ? nlohmann::json(*retry_policy) : nlohmann::json(nullptr)},
                            {"strategy", children},
                            {"start", nullptr},
                            {"deadline_header", nullptr}});
  return *this;
}

IrBuilder& IrBuilder::retry_policy(nlohmann::json policy) {
  ir_["retry_policies"].push_back(std::move(policy));
  return *this;
}

baml::ClientIr IrBuilder::read() const {
  return baml::read_client_ir(ir_);
}

}  // namespace runtime_bench
