// Serializes JSON for the wire. Request paths, header values and model strings are client
// bytes that need not be UTF-8, and nlohmann's plain dump() throws on invalid UTF-8; a mock
// server must answer a garbled request rather than die, so every dump goes through here and
// replaces invalid bytes with U+FFFD.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mock_llm {

template <typename JsonType>
std::string json_text(const JsonType& value) {
  return value.dump(-1, ' ', false, JsonType::error_handler_t::replace);
}

}  // namespace mock_llm
