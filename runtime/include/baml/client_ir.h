// Reads the client part of the IR JSON (`ir_version`, `clients`, `retry_policies`; other top-level
// keys belong to other readers and are ignored). A malformed IR is a ConfigError whose message
// names the JSON path of the bad value, e.g. `clients[1].limits.idle_ms`.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include <baml/client_spec.h>

namespace baml {

inline constexpr int kClientIrVersion = 1;

ClientIr read_client_ir(const nlohmann::json& ir);
ClientIr read_client_ir_text(std::string_view json_text);

}  // namespace baml
