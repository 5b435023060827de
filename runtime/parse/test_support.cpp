// Test helpers. The type system is the IR of the oracle probe project used to record the
// expectations (docs/parsing.md, "Testing"): bamlc build --emit-ir of
//   enum Color { RED  GREEN @alias("verde")  BLUE @description("the sky color")  DARK_BLUE  SKIPPED @skip }
//   class Person { name string  age int?  full_name string @alias("fullName")  hidden string? @skip }
//   class Job { title string  years int }      class Resume { name string  experience Job[]  skills string[] }
//   class One { value int }                    class Tree { v int  children Tree[] }
//   class S { a string @stream.done  b string @stream.not_null  c string @stream.with_state
//             d int  e Color  f string[] }
//   class Dog { kind "dog"  bark string }      class Cat { kind "cat"  meow string }
//   type JsonV = int | string | JsonV[] | map<string, JsonV>
#include "parse/test_support.h"

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/value_json.h>

namespace baml::parse::testing {

namespace {
constexpr const char* kTypes = R"JSON(
{"classes":[{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"name","skip":false,"stream":[],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"age","skip":false,"stream":[],"type":{"inner":{"kind":"int"},"kind":"optional"}},{"alias":"fullName","checks":[],"description":null,"name":"full_name","skip":false,"stream":[],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"hidden","skip":true,"stream":[],"type":{"inner":{"kind":"string"},"kind":"optional"}}],"name":"Person"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"title","skip":false,"stream":[],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"years","skip":false,"stream":[],"type":{"kind":"int"}}],"name":"Job"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"name","skip":false,"stream":[],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"experience","skip":false,"stream":[],"type":{"items":{"kind":"class","name":"Job"},"kind":"list"}},{"alias":null,"checks":[],"description":null,"name":"skills","skip":false,"stream":[],"type":{"items":{"kind":"string"},"kind":"list"}}],"name":"Resume"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"value","skip":false,"stream":[],"type":{"kind":"int"}}],"name":"One"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"v","skip":false,"stream":[],"type":{"kind":"int"}},{"alias":null,"checks":[],"description":null,"name":"children","skip":false,"stream":[],"type":{"items":{"kind":"class","name":"Tree"},"kind":"list"}}],"name":"Tree"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"a","skip":false,"stream":["done"],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"b","skip":false,"stream":["not_null"],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"c","skip":false,"stream":["with_state"],"type":{"kind":"string"}},{"alias":null,"checks":[],"description":null,"name":"d","skip":false,"stream":[],"type":{"kind":"int"}},{"alias":null,"checks":[],"description":null,"name":"e","skip":false,"stream":[],"type":{"kind":"enum","name":"Color"}},{"alias":null,"checks":[],"description":null,"name":"f","skip":false,"stream":[],"type":{"items":{"kind":"string"},"kind":"list"}}],"name":"S"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"kind","skip":false,"stream":[],"type":{"kind":"literal","value":"dog"}},{"alias":null,"checks":[],"description":null,"name":"bark","skip":false,"stream":[],"type":{"kind":"string"}}],"name":"Dog"},{"alias":null,"checks":[],"description":null,"dynamic":false,"fields":[{"alias":null,"checks":[],"description":null,"name":"kind","skip":false,"stream":[],"type":{"kind":"literal","value":"cat"}},{"alias":null,"checks":[],"description":null,"name":"meow","skip":false,"stream":[],"type":{"kind":"string"}}],"name":"Cat"}],"enums":[{"alias":null,"dynamic":false,"name":"Color","values":[{"alias":null,"description":null,"name":"RED","skip":false},{"alias":"verde","description":null,"name":"GREEN","skip":false},{"alias":null,"description":"the sky color","name":"BLUE","skip":false},{"alias":null,"description":null,"name":"DARK_BLUE","skip":false},{"alias":null,"description":null,"name":"SKIPPED","skip":true}]}],"aliases":[{"name":"JsonV","type":{"kind":"union","members":[{"kind":"int"},{"kind":"string"},{"items":{"kind":"alias","name":"JsonV"},"kind":"list"},{"key":{"kind":"string"},"kind":"map","value":{"kind":"alias","name":"JsonV"}}]}}],"functions":[{"name":"FString","return_type":{"kind":"string"}},{"name":"FInt","return_type":{"kind":"int"}},{"name":"FFloat","return_type":{"kind":"float"}},{"name":"FBool","return_type":{"kind":"bool"}},{"name":"FNull","return_type":{"kind":"null"}},{"name":"FIntList","return_type":{"items":{"kind":"int"},"kind":"list"}},{"name":"FStrList","return_type":{"items":{"kind":"string"},"kind":"list"}},{"name":"FEnum","return_type":{"kind":"enum","name":"Color"}},{"name":"FEnumList","return_type":{"items":{"kind":"enum","name":"Color"},"kind":"list"}},{"name":"FPerson","return_type":{"kind":"class","name":"Person"}},{"name":"FPersonList","return_type":{"items":{"kind":"class","name":"Person"},"kind":"list"}},{"name":"FResume","return_type":{"kind":"class","name":"Resume"}},{"name":"FOne","return_type":{"kind":"class","name":"One"}},{"name":"FTree","return_type":{"kind":"class","name":"Tree"}},{"name":"FS","return_type":{"kind":"class","name":"S"}},{"name":"FIntStr","return_type":{"kind":"union","members":[{"kind":"int"},{"kind":"string"}]}},{"name":"FStrInt","return_type":{"kind":"union","members":[{"kind":"string"},{"kind":"int"}]}},{"name":"FIntFloat","return_type":{"kind":"union","members":[{"kind":"int"},{"kind":"float"}]}},{"name":"FPet","return_type":{"kind":"union","members":[{"kind":"class","name":"Dog"},{"kind":"class","name":"Cat"}]}},{"name":"FMap","return_type":{"key":{"kind":"string"},"kind":"map","value":{"kind":"int"}}},{"name":"FMapEnum","return_type":{"key":{"kind":"enum","name":"Color"},"kind":"map","value":{"kind":"int"}}},{"name":"FMapLit","return_type":{"key":{"kind":"union","members":[{"kind":"literal","value":"x"},{"kind":"literal","value":"y"}]},"kind":"map","value":{"kind":"int"}}},{"name":"FOptInt","return_type":{"inner":{"kind":"int"},"kind":"optional"}},{"name":"FLit","return_type":{"kind":"union","members":[{"kind":"literal","value":"a"},{"kind":"literal","value":"b"}]}},{"name":"FLitInt","return_type":{"kind":"union","members":[{"kind":"literal","value":1},{"kind":"literal","value":2}]}},{"name":"FLitBool","return_type":{"kind":"literal","value":true}},{"name":"FJson","return_type":{"kind":"alias","name":"JsonV"}},{"name":"FStrListList","return_type":{"items":{"items":{"kind":"string"},"kind":"list"},"kind":"list"}},{"name":"FClassOrList","return_type":{"kind":"union","members":[{"kind":"class","name":"Job"},{"items":{"kind":"class","name":"Job"},"kind":"list"}]}}]}
)JSON";

void wrap_state(nlohmann::json& root, const std::string& path, const std::string& state) {
  nlohmann::json* cur = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      std::size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string k = path.substr(i + 1, j - i - 1);
      if (!cur->is_object() || !cur->contains(k)) return;
      cur = &(*cur)[k];
      i = j;
    } else if (path[i] == '[') {
      std::size_t j = path.find(']', i);
      std::size_t n = std::stoul(path.substr(i + 1, j - i - 1));
      if (!cur->is_array() || n >= cur->size()) return;
      cur = &(*cur)[n];
      i = j + 1;
    } else {
      return;
    }
  }
  nlohmann::json v = *cur;
  *cur = nlohmann::json{{"value", v}, {"state", state}};
}
}  // namespace

ir::Type prim(ir::Type::Kind k) {
  ir::Type t;
  t.kind = k;
  return t;
}
ir::Type cls(const std::string& name) {
  ir::Type t;
  t.kind = ir::Type::Kind::Class;
  t.name = name;
  return t;
}
ir::Type enm(const std::string& name) {
  ir::Type t;
  t.kind = ir::Type::Kind::Enum;
  t.name = name;
  return t;
}
ir::Type alias(const std::string& name) {
  ir::Type t;
  t.kind = ir::Type::Kind::Alias;
  t.name = name;
  return t;
}
ir::Type list(ir::Type items) {
  ir::Type t;
  t.kind = ir::Type::Kind::List;
  t.children.push_back(std::move(items));
  return t;
}
ir::Type opt(ir::Type inner) {
  ir::Type t;
  t.kind = ir::Type::Kind::Optional;
  t.children.push_back(std::move(inner));
  return t;
}
ir::Type map(ir::Type key, ir::Type value) {
  ir::Type t;
  t.kind = ir::Type::Kind::Map;
  t.children.push_back(std::move(key));
  t.children.push_back(std::move(value));
  return t;
}
ir::Type uni(std::vector<ir::Type> members) {
  ir::Type t;
  t.kind = ir::Type::Kind::Union;
  t.children = std::move(members);
  return t;
}
ir::Type lit(Value v) {
  ir::Type t;
  t.kind = ir::Type::Kind::Literal;
  t.literal = std::move(v);
  return t;
}

const nlohmann::json& ir_json() {
  static const nlohmann::json j = nlohmann::json::parse(kTypes);
  return j;
}

const ir::TypeSystem& types() {
  static const ir::TypeSystem ts = ir::read_type_system(ir_json());
  return ts;
}

ir::Type fn(const std::string& name) {
  for (const auto& f : ir_json()["functions"])
    if (f["name"] == name) return ir::read_type(f["return_type"], name);
  throw std::runtime_error("no function " + name);
}

std::optional<nlohmann::json> parse_value(std::string_view text, const ir::Type& type, bool partial) {
  return parse_value_in(types(), text, type, partial);
}

std::optional<nlohmann::json> parse_value_in(const ir::TypeSystem& ts, std::string_view text, const ir::Type& type,
                                             bool partial) {
  try {
    auto r = parse_answer(text, type, ts, partial);
    nlohmann::json v = to_json(r.value);
    for (auto it = r.states.rbegin(); it != r.states.rend(); ++it)
      wrap_state(v, it->path,
                 it->state == StreamState::Pending ? "Pending" : it->state == StreamState::Incomplete ? "Incomplete" : "Complete");
    return v;
  } catch (const ValidationError&) {
    return std::nullopt;
  }
}

bool matches_oracle(std::string_view text, const std::string& function, const char* expected, bool partial) {
  auto got = parse_value(text, fn(function), partial);
  if (std::string_view(expected) == "ERR") return !got.has_value();
  return got && *got == nlohmann::json::parse(expected);
}

std::string parse_json(std::string_view text, const ir::Type& type, bool partial) {
  try {
    auto r = parse_answer(text, type, types(), partial);
    nlohmann::json v = to_json(r.value);
    for (auto it = r.states.rbegin(); it != r.states.rend(); ++it)
      wrap_state(v, it->path,
                 it->state == StreamState::Pending ? "Pending" : it->state == StreamState::Incomplete ? "Incomplete" : "Complete");
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const ValidationError& e) {
    return "ERROR " + e.info().detail;
  }
}

std::string parse_error(std::string_view text, const ir::Type& type, bool partial) {
  try {
    (void)parse_answer(text, type, types(), partial);
    return "";
  } catch (const ValidationError& e) {
    return e.info().detail;
  }
}

bool finish_matches_whole(StreamParser& stream, std::string_view text, const ir::Type& type) {
  std::optional<Value> whole, streamed;
  try {
    whole = parse_answer(text, type, types(), false).value;
  } catch (const ValidationError&) {
  }
  try {
    streamed = stream.finish().value;
  } catch (const ValidationError&) {
  }
  if (whole.has_value() != streamed.has_value()) return false;
  return !whole || *whole == *streamed;
}

}  // namespace baml::parse::testing
