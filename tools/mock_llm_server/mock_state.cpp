// Counters, fail_first bookkeeping and the request log of the mock server (see mock_state.h).
#include "mock_state.h"

namespace mock_llm {

bool MockState::within_first(const std::string& model, std::uint64_t k) {
  return ++requests_per_model_[model] <= k;
}

void MockState::record(RequestRecord record) {
  log_.push_back(std::move(record));
  if (log_.size() > kLogCapacity) log_.pop_front();
}

void MockState::reset() {
  std::uint64_t open = counters.open_connections;
  counters = Counters{};
  counters.open_connections = open;
  requests_per_model_.clear();
  log_.clear();
}

nlohmann::ordered_json MockState::counters_json() const {
  return {{"requests", counters.requests},
          {"completions", counters.completions},
          {"client_disconnects", counters.client_disconnects},
          {"open_connections", counters.open_connections},
          {"resets", counters.resets},
          {"connections", counters.connections}};
}

nlohmann::ordered_json MockState::requests_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const RequestRecord& r : log_) {
    out.push_back({{"path", r.path},
                   {"model", r.model},
                   {"stream", r.stream},
                   {"headers", r.headers},
                   {"target", r.target},
                   {"prompt_directives", r.prompt_tags}});
  }
  return out;
}

}  // namespace mock_llm
