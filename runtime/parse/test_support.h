// Test helpers: a small type system built in code, and shorthands for types.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "parse/parse.h"

namespace baml::parse::testing {

ir::Type prim(ir::Type::Kind k);
ir::Type cls(const std::string& name);
ir::Type enm(const std::string& name);
ir::Type list(ir::Type items);
ir::Type opt(ir::Type inner);
ir::Type map(ir::Type key, ir::Type value);
ir::Type uni(std::vector<ir::Type> members);
ir::Type lit(Value v);
ir::Type alias(const std::string& name);

// The return type of a function of the oracle probe project.
ir::Type fn(const std::string& name);
// The parsed value as JSON (with-state fields wrapped), or nullopt on a ValidationError.
std::optional<nlohmann::json> parse_value(std::string_view text, const ir::Type& type, bool partial = false);
// The same with another type system (a test file's own probe project).
std::optional<nlohmann::json> parse_value_in(const ir::TypeSystem& ts, std::string_view text, const ir::Type& type,
                                             bool partial = false);
// Whether parsing `text` for `function` gives what BAML 0.226.2 gave (`expected` is the oracle's
// JSON, or "ERR" when it raised); numbers compare by value.
bool matches_oracle(std::string_view text, const std::string& function, const char* expected, bool partial = false);

// The type system of the tests (the same classes as the oracle probe project, see each test).
const ir::TypeSystem& types();

// The value as compact JSON, with @stream.with_state fields wrapped as the oracle prints them.
std::string parse_json(std::string_view text, const ir::Type& type, bool partial = false);
// The ValidationError's detail, or "" when it parsed.
std::string parse_error(std::string_view text, const ir::Type& type, bool partial = false);

// Whether a stream fed `text` finishes as the whole text parses: the same value, or both refused.
bool finish_matches_whole(StreamParser& stream, std::string_view text, const ir::Type& type);

}  // namespace baml::parse::testing
