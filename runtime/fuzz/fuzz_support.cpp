// The fuzz targets' fixed project and helpers (see fuzz_support.h).
#include "fuzz/fuzz_support.h"

#include <cstdio>
#include <cstdlib>

#include <baml/errors.h>

#include "parse/test_support.h"
#include "value/from_json.h"

namespace baml::fuzz {
namespace {

// The parameters, as the IR writes them (docs/ir.md, "Types").
constexpr const char* kParameters = R"JSON([
  {"name": "text", "type": {"kind": "string"}},
  {"name": "n", "type": {"kind": "int"}},
  {"name": "x", "type": {"kind": "float"}},
  {"name": "flag", "type": {"kind": "bool"}},
  {"name": "nothing", "type": {"kind": "null"}},
  {"name": "wait", "type": {"kind": "duration"}},
  {"name": "img", "type": {"kind": "image"}},
  {"name": "audio", "type": {"kind": "audio"}},
  {"name": "pdf", "type": {"kind": "pdf"}},
  {"name": "video", "type": {"kind": "video"}},
  {"name": "person", "type": {"kind": "class", "name": "Person"}},
  {"name": "resume", "type": {"kind": "class", "name": "Resume"}},
  {"name": "tree", "type": {"kind": "class", "name": "Tree"}},
  {"name": "s", "type": {"kind": "class", "name": "S"}},
  {"name": "pet", "type": {"kind": "union", "members": [{"kind": "class", "name": "Dog"}, {"kind": "class", "name": "Cat"}]}},
  {"name": "color", "type": {"kind": "enum", "name": "Color"}},
  {"name": "colors", "type": {"kind": "list", "items": {"kind": "enum", "name": "Color"}}},
  {"name": "items", "type": {"kind": "list", "items": {"kind": "string"}}},
  {"name": "grid", "type": {"kind": "list", "items": {"kind": "list", "items": {"kind": "int"}}}},
  {"name": "people", "type": {"kind": "list", "items": {"kind": "class", "name": "Person"}}},
  {"name": "maybe_int", "type": {"kind": "optional", "inner": {"kind": "int"}}},
  {"name": "maybe_person", "type": {"kind": "optional", "inner": {"kind": "class", "name": "Person"}}},
  {"name": "counts", "type": {"kind": "map", "key": {"kind": "string"}, "value": {"kind": "int"}}},
  {"name": "by_color", "type": {"kind": "map", "key": {"kind": "enum", "name": "Color"}, "value": {"kind": "string"}}},
  {"name": "by_letter", "type": {"kind": "map", "key": {"kind": "union", "members": [{"kind": "literal", "value": "x"}, {"kind": "literal", "value": "y"}]}, "value": {"kind": "float"}}},
  {"name": "int_or_text", "type": {"kind": "union", "members": [{"kind": "int"}, {"kind": "string"}]}},
  {"name": "float_or_int", "type": {"kind": "union", "members": [{"kind": "float"}, {"kind": "int"}]}},
  {"name": "job_or_jobs", "type": {"kind": "union", "members": [{"kind": "class", "name": "Job"}, {"kind": "list", "items": {"kind": "class", "name": "Job"}}]}},
  {"name": "maybe_wait", "type": {"kind": "union", "members": [{"kind": "duration"}, {"kind": "null"}]}},
  {"name": "letter", "type": {"kind": "union", "members": [{"kind": "literal", "value": "a"}, {"kind": "literal", "value": "b"}]}},
  {"name": "one_or_two", "type": {"kind": "union", "members": [{"kind": "literal", "value": 1}, {"kind": "literal", "value": 2}]}},
  {"name": "yes", "type": {"kind": "literal", "value": true}},
  {"name": "json", "type": {"kind": "alias", "name": "JsonV"}}
])JSON";

}  // namespace

const ir::TypeSystem& types() { return parse::testing::types(); }

const std::vector<ir::Parameter>& parameters() {
  static const std::vector<ir::Parameter> params = ir::read_parameters(nlohmann::json::parse(kParameters), "parameters");
  return params;
}

std::vector<std::string_view> split(std::string_view data, char separator, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = data.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  parts.push_back(data);
  return parts;
}

Value untyped_value(const nlohmann::ordered_json& json) {
  switch (json.type()) {
    case nlohmann::ordered_json::value_t::boolean: return Value::boolean(json.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value::integer(json.get<std::int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      const auto u = json.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return Value::floating(static_cast<double>(u));
      return Value::integer(static_cast<std::int64_t>(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return Value::floating(json.get<double>());
    case nlohmann::ordered_json::value_t::string: return Value::string(json.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
      Value::Items items;
      for (const auto& item : json) items.push_back(untyped_value(item));
      return Value::list(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
      Value::Entries entries;
      for (const auto& [key, item] : json.items()) entries.emplace_back(key, untyped_value(item));
      return Value::map(std::move(entries));
    }
    default: return Value::null();
  }
}

Value::Entries template_variables(std::string_view json_text) {
  Value::Entries out;
  // Deeper values are dropped (as null): the argument reader refuses them anyway, and
  // untyped_value would recurse as deep as the input.
  const auto limit = [](int depth, nlohmann::ordered_json::parse_event_t, nlohmann::ordered_json&) { return depth <= 200; };
  const nlohmann::ordered_json args = nlohmann::ordered_json::parse(json_text, limit, /*allow_exceptions=*/false);
  if (!args.is_object()) return out;
  for (const auto& [name, json] : args.items()) {
    const ir::Parameter* typed = nullptr;
    for (const ir::Parameter& p : parameters()) {
      if (p.name == name) typed = &p;
    }
    if (typed) {
      try {
        out.emplace_back(name, ir::value_from_json(json, typed->type, types(), name));
        continue;
      } catch (const InvalidArgumentError&) {
        // shown untyped instead
      }
    }
    out.emplace_back(name, untyped_value(json));
  }
  return out;
}

std::size_t Chunker::next() {
  state_ ^= state_ << 13;
  state_ ^= state_ >> 17;
  state_ ^= state_ << 5;
  return 1 + state_ % max_;
}

void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::abort();
}

}  // namespace baml::fuzz
