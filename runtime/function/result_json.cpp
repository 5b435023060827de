// The JSON form of a function's value (docs/functions.md, "The JSON form of a result"): every
// declared field under its BAML name (a missing one as null), enum values by name, checked values
// as {"value", "checks"}, with_state fields as {"value", "state"}.
#include <baml/functions.h>

#include <map>

#include <nlohmann/json.hpp>

#include <baml/value_json.h>

#include "function/program.h"

namespace baml {
namespace {

// Ordered: a class's fields come out in their declared order, a map's keys as they came, as BAML
// prints them.
using json = nlohmann::ordered_json;

struct Annotations {
  std::map<std::string, std::vector<const CheckResult*>> checks;  // by path; @check only
  std::map<std::string, StreamState> states;
};

std::string_view state_name(StreamState s) {
  switch (s) {
    case StreamState::Pending: return "Pending";
    case StreamState::Incomplete: return "Incomplete";
    case StreamState::Complete: return "Complete";
  }
  return "Pending";
}

json annotate(json inner, const std::string& path, const Annotations& notes) {
  auto c = notes.checks.find(path);
  if (c != notes.checks.end()) {
    json checks = json::object();
    for (const CheckResult* r : c->second) {
      checks[r->name] = {{"name", r->name}, {"expression", r->expression}, {"status", r->passed ? "succeeded" : "failed"}};
    }
    inner = json{{"value", std::move(inner)}, {"checks", std::move(checks)}};
  }
  auto s = notes.states.find(path);
  if (s != notes.states.end()) inner = json{{"value", std::move(inner)}, {"state", state_name(s->second)}};
  return inner;
}

json to_json_at(const Value& value, const std::string& path, const ir::TypeSystem& types, const Annotations& notes,
                int depth) {
  json out;
  if (depth > 256) return nullptr;
  switch (value.kind()) {
    case Value::Kind::List: {
      out = json::array();
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        out.push_back(to_json_at(value.items()[i], path + "[" + std::to_string(i) + "]", types, notes, depth + 1));
      }
      break;
    }
    case Value::Kind::Map: {
      out = json::object();
      for (const auto& [key, item] : value.entries()) {
        out[key] = to_json_at(item, path + "[" + nlohmann::json(key).dump() + "]", types, notes, depth + 1);
      }
      break;
    }
    case Value::Kind::Class: {
      out = json::object();
      const ir::Class* cls = types.find_class(value.class_name());
      if (cls) {
        for (const ir::Field& f : cls->fields) {
          if (f.skip) continue;  // @skip: not part of the value BAML hands back
          const Value* fv = value.find(f.name);
          out[f.name] = to_json_at(fv ? *fv : Value::null(), path + "." + f.name, types, notes, depth + 1);
        }
      } else {
        for (const auto& [key, item] : value.entries()) out[key] = to_json_at(item, path + "." + key, types, notes, depth + 1);
      }
      break;
    }
    default: out = json(to_json(value));
  }
  return annotate(std::move(out), path, notes);
}

}  // namespace

json result_to_json(const Program& program, std::string_view, const Value& value, const std::vector<CheckResult>& checks,
                    const std::vector<FieldState>& states) {
  Annotations notes;
  for (const CheckResult& c : checks) {
    if (!c.is_assert) notes.checks[c.path].push_back(&c);
  }
  for (const FieldState& s : states) notes.states[s.path] = s.state;
  return to_json_at(value, "", program.impl().types, notes, 0);
}

}  // namespace baml
