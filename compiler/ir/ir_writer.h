// Lowers the checked program to the IR: one versioned JSON document (schema: docs/ir.md) that
// the runtime loads. Limits are integer milliseconds, `null` for no limit, with their
// provenance; types, functions with their prompt templates, clients, retry policies and tests.
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/model/program.h"

namespace bamlc::ir {

inline constexpr int kIrVersion = 1;

nlohmann::json to_json(const model::Program& program);
nlohmann::json type_to_json(const model::Type& type);

}  // namespace bamlc::ir
