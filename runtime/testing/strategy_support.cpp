// IR documents and mock-server queries for the strategy tests (see strategy_support.h).
#include "testing/strategy_support.h"

#include <atomic>
#include <stdexcept>

#include "testing/e2e_support.h"
#include "testing/mock_server.h"

namespace baml::testing {

std::string unique_model(const std::string& directives) {
  static std::atomic<int> next{0};
  const std::string tag = "t" + std::to_string(next.fetch_add(1));
  const std::size_t reply = directives.find("reply=");
  if (reply != std::string::npos) return "mock:" + directives + " " + tag;
  return "mock:" + directives + (directives.empty() ? "" : ",") + "reply=" + tag;
}

nlohmann::json leaf_json(const std::string& name, const std::string& model, nlohmann::json limits,
                         nlohmann::json retry_policy) {
  return {
      {"name", name},
      {"provider", "openai-generic"},
      {"kind", "leaf"},
      {"options", {{"model", model}, {"base_url", shared_mock_server().openai_base_url()}, {"api_key", kTestApiKey}}},
      {"limits", limits.is_null() ? nlohmann::json::object() : limits},
      {"strategy", nullptr},
      {"start", nullptr},
      {"retry_policy", retry_policy},
      {"deadline_header", nullptr}};
}

nlohmann::json composite_json(const std::string& name, const std::string& provider,
                              const std::vector<std::string>& children, nlohmann::json limits,
                              nlohmann::json retry_policy, nlohmann::json start) {
  return {{"name", name},
          {"provider", provider},
          {"kind", provider},
          {"options", nlohmann::json::object()},
          {"limits", limits.is_null() ? nlohmann::json::object() : limits},
          {"strategy", children},
          {"start", start},
          {"retry_policy", retry_policy},
          {"deadline_header", nullptr}};
}

nlohmann::json constant_policy_json(const std::string& name, int max_retries, int delay_ms, nlohmann::json retry_on) {
  nlohmann::json policy = {{"name", name},
                           {"max_retries", max_retries},
                           {"strategy",
                            {{"type", "constant_delay"},
                             {"delay_ms", delay_ms},
                             {"multiplier", 1},
                             {"max_delay_ms", delay_ms},
                             {"jitter", "none"}}}};
  if (!retry_on.is_null()) policy["retry_on"] = retry_on;
  return policy;
}

nlohmann::json exponential_policy_json(const std::string& name, int max_retries, int delay_ms, double multiplier,
                                       int max_delay_ms) {
  return {{"name", name},
          {"max_retries", max_retries},
          {"strategy",
           {{"type", "exponential_backoff"},
            {"delay_ms", delay_ms},
            {"multiplier", multiplier},
            {"max_delay_ms", max_delay_ms},
            {"jitter", "none"}}},
          {"retry_on", {"connect", "timeout", "rate_limit", "server"}}};
}

ClientIr client_ir(std::vector<nlohmann::json> clients, std::vector<nlohmann::json> retry_policies) {
  return read_client_ir({{"ir_version", 1},
                         {"clients", nlohmann::json(std::move(clients))},
                         {"retry_policies", nlohmann::json(std::move(retry_policies))}});
}

nlohmann::json mock_requests() {
  return shared_mock_server().requests();
}

int requests_for(const std::string& model) {
  int count = 0;
  for (const nlohmann::json& request : mock_requests()) {
    if (request.value("model", "") == model) ++count;
  }
  return count;
}

std::vector<std::string> history(const std::vector<AttemptRecord>& attempts) {
  std::vector<std::string> lines;
  for (const AttemptRecord& record : attempts) {
    std::string line;
    for (const std::string& client : record.path) line += (line.empty() ? "" : ">") + client;
    line += " " + std::to_string(record.attempt) + "/" + std::to_string(record.of) + " ";
    if (const auto& round = record.composite_round) {
      line += round->client + "#" + std::to_string(round->round) + "/" + std::to_string(round->of) + " ";
    }
    if (record.outcome == AttemptOutcome::Ok) {
      line += "ok";
    } else {
      line += record.error_type ? std::string(exception_name(*record.error_type)) : std::string("?");
      if (record.timeout_kind) line += " " + std::string(to_string(*record.timeout_kind));
      if (record.connection_failure) line += " " + std::string(to_string(*record.connection_failure));
      if (record.error_type == ErrorType::Http && record.status) line += " " + std::to_string(*record.status);
    }
    if (record.wait_before) line += " after " + std::to_string(record.wait_before->count()) + "ms";
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace baml::testing
