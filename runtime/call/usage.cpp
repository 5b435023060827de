// The JSON form of token usage, shared by errors, attempt records and the collector.
#include <baml/usage.h>

namespace baml {

nlohmann::json usage_to_json(const Usage& usage) {
  nlohmann::json out = nlohmann::json::object();
  if (usage.input_tokens) out["input_tokens"] = *usage.input_tokens;
  if (usage.output_tokens) out["output_tokens"] = *usage.output_tokens;
  return out;
}

}  // namespace baml
