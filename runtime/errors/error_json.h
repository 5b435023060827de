// The machine-readable form of an error, for logs, `bamlc test --json` and other processes.
// Field names are part of the contract (docs/runtime.md); a field that does not apply is absent.
#pragma once

#include <nlohmann/json.hpp>

#include <baml/error_info.h>

namespace baml {

// {"type": "timeout", "kind": "time_to_first_token", "client": "Primary", "limit_ms": 10000,
//  "elapsed_ms": 10001, "message": "...", "partial_text": "...", ...}
nlohmann::json error_to_json(const ErrorInfo& info);

}  // namespace baml
