// libFuzzer target for JSON arguments → values (docs/fuzzing.md): value/from_json.h, what
// `bamlc render/run/test --args`, the runtime's JSON entry points and the tests' arguments go
// through. Byte 0 picks what the JSON is read as: one of the parameters of fuzz_support.h (every
// type form: classes, enums with aliases, media, durations, maps with enum and literal keys,
// unions, literals, the recursive alias), or (the last choice) a function's whole argument object
// against all of them. The rest is the JSON text, read with keys sorted and in the order written.
// Besides no crash, the values must be stable: conforming a value read from JSON to its own type
// gives it back unchanged, and reading back its JSON form (value_json.h) gives the same value
// (for JSON read with sorted keys, the order to_json writes).
// A value or an InvalidArgumentError is the only acceptable outcome; anything else (a crash, a
// sanitizer report, another exception, an unstable value) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/value_json.h>

#include "fuzz/fuzz_support.h"
#include "value/from_json.h"

namespace {

using baml::fuzz::finding;

std::string shown(const baml::Value& v) {
  return baml::to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `round_trip`: to_json gives an nlohmann::json, whose keys are sorted, so a map read in the order
// written comes back in another order, as it should; only a value read with sorted keys is
// compared with its JSON form read back.
void check_stable(const baml::Value& value, const baml::ir::Type& type, bool round_trip) {
  const auto& types = baml::fuzz::types();
  baml::Value again;
  try {
    again = baml::ir::conform(value, type, types, "v");
  } catch (const baml::InvalidArgumentError& e) {
    finding("a value read as " + baml::ir::describe(type) + " does not conform to it: " + e.what());
  }
  if (!(again == value)) finding("conforming " + shown(value) + " to its own type changed it to " + shown(again));
  if (!round_trip) return;
  const nlohmann::json json = baml::to_json(value);
  baml::Value back;
  try {
    back = baml::ir::value_from_json(json, type, types, "v");
  } catch (const baml::InvalidArgumentError& e) {
    finding("the JSON form " + json.dump() + " of a " + baml::ir::describe(type) + " does not read back: " + e.what());
  }
  if (!(back == value)) finding("the JSON form of " + shown(value) + " reads back as " + shown(back));
}

template <typename Json>
void read_as(const Json& json, const baml::ir::Type& type) {
  try {
    check_stable(baml::ir::value_from_json(json, type, baml::fuzz::types(), "v"), type,
                 std::is_same_v<Json, nlohmann::json>);
  } catch (const baml::InvalidArgumentError&) {
    // The expected outcome for JSON that does not fit.
  }
}

template <typename Json>
void read_args(const Json& json) {
  const auto& params = baml::fuzz::parameters();
  try {
    const baml::Args args = baml::ir::args_from_json(json, params, baml::fuzz::types(), "Fuzz");
    const baml::Args again = baml::ir::conform_args(args, params, baml::fuzz::types(), "Fuzz");
    if (again != args) finding("conforming arguments read from JSON changed them");
  } catch (const baml::InvalidArgumentError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto& params = baml::fuzz::parameters();
  const std::size_t choice = data[0] % (params.size() + 1);
  const nlohmann::json sorted = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (sorted.is_discarded()) return 0;
  if (choice == params.size()) {
    read_args(sorted);
    read_args(ordered);
  } else {
    read_as(sorted, params[choice].type);
    read_as(ordered, params[choice].type);
  }
  return 0;
}
