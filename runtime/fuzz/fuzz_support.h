// What the runtime's fuzz targets share (docs/fuzzing.md): the fixed project their inputs are
// read against, the cutting of an input into parts and chunks, and the way a broken property is
// reported. Only the fuzz targets use it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <baml/value.h>

#include "value/types.h"

namespace baml::fuzz {

// The classes, enums and aliases of the parser's test project (parse/test_support.h: Person, Job,
// Resume, One, Tree, S with stream attributes, Dog, Cat, Color with aliases and a skipped value,
// the recursive alias JsonV).
const ir::TypeSystem& types();

// One parameter of every type form over those types: primitives, duration, the four media kinds,
// classes, an enum, lists, optionals, maps with string, enum and literal keys, unions, literals and
// the recursive alias. The names say the type (`person`, `colors`, `maybe_int`, ...).
const std::vector<ir::Parameter>& parameters();

// `data` cut at every `separator`, into at most `max_parts` parts (the last keeps the rest).
std::vector<std::string_view> split(std::string_view data, char separator, std::size_t max_parts);

// JSON as a Value with no declared type (objects as maps, in the order written).
Value untyped_value(const nlohmann::ordered_json& json);

// The arguments a template sees, from a JSON object: a key that names one of parameters() is read
// as that type when it fits, any other key (or a value that does not fit) as untyped_value.
Value::Entries template_variables(std::string_view json_text);

// Chunk sizes from 1 to `max` drawn from a seed, the same sequence for the same seed.
class Chunker {
 public:
  Chunker(std::uint8_t seed, std::size_t max) : state_(0x9E3779B9u * (seed + 1u)), max_(max) {}
  std::size_t next();

 private:
  std::uint32_t state_;
  std::size_t max_;
};

// A property the target checks does not hold: prints what and aborts, which libFuzzer reports as
// a crash and saves the input.
[[noreturn]] void finding(const std::string& what);

}  // namespace baml::fuzz
