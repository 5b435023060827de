// Token usage as a provider reports it. Carried by Responses, by errors (a timed-out stream may
// already have reported it) and by each attempt's record, so it lives on its own.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

namespace baml {

struct Usage {
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;

  bool known() const { return input_tokens.has_value() || output_tokens.has_value(); }
};

// {"input_tokens", "output_tokens"}, each only when known.
nlohmann::json usage_to_json(const Usage& usage);

}  // namespace baml
