// Reading the IR's types (docs/ir.md) and looking them up by name.
#include "value/types.h"

#include <nlohmann/json.hpp>

#include <baml/errors.h>

namespace baml::ir {
namespace {

using nlohmann::json;

[[noreturn]] void malformed(const std::string& where, const std::string& what) {
  throw_config_error("malformed IR at " + where + ": " + what);
}

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object()) malformed(where, "expected an object");
  auto it = object.find(key);
  if (it == object.end()) malformed(where, std::string("missing `") + key + "`");
  return *it;
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const json& v = member(object, key, where);
  if (!v.is_string()) malformed(where + "." + key, "expected a string");
  return v.get<std::string>();
}

std::optional<std::string> optional_string(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) malformed(where + "." + key, "expected a string or null");
  return it->get<std::string>();
}

bool bool_member(const json& object, const char* key, bool fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

const json& array_member(const json& object, const char* key, const std::string& where) {
  static const json empty = json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return empty;
  if (!it->is_array()) malformed(where + "." + key, "expected an array");
  return *it;
}

const std::map<std::string_view, Type::Kind>& kinds() {
  static const std::map<std::string_view, Type::Kind> table = {
      {"int", Type::Kind::Int},         {"float", Type::Kind::Float},       {"string", Type::Kind::String},
      {"bool", Type::Kind::Bool},       {"null", Type::Kind::Null},         {"duration", Type::Kind::Duration},
      {"image", Type::Kind::Image},     {"audio", Type::Kind::Audio},       {"pdf", Type::Kind::Pdf},
      {"video", Type::Kind::Video},     {"class", Type::Kind::Class},       {"enum", Type::Kind::Enum},
      {"alias", Type::Kind::Alias},     {"list", Type::Kind::List},         {"optional", Type::Kind::Optional},
      {"map", Type::Kind::Map},         {"union", Type::Kind::Union},       {"literal", Type::Kind::Literal},
  };
  return table;
}

Type read_type_at(const json& j, const std::string& where, int depth) {
  // The compiler limits nesting to 100; a deeper IR was not written by it.
  if (depth > 200) malformed(where, "types nested too deeply");
  const std::string kind_name = string_member(j, "kind", where);
  auto it = kinds().find(kind_name);
  if (it == kinds().end()) malformed(where + ".kind", "unknown type kind `" + kind_name + "`");
  Type t;
  t.kind = it->second;
  switch (t.kind) {
    case Type::Kind::Class:
    case Type::Kind::Enum:
    case Type::Kind::Alias: t.name = string_member(j, "name", where); break;
    case Type::Kind::List: t.children.push_back(read_type_at(member(j, "items", where), where + ".items", depth + 1)); break;
    case Type::Kind::Optional: t.children.push_back(read_type_at(member(j, "inner", where), where + ".inner", depth + 1)); break;
    case Type::Kind::Map:
      t.children.push_back(read_type_at(member(j, "key", where), where + ".key", depth + 1));
      t.children.push_back(read_type_at(member(j, "value", where), where + ".value", depth + 1));
      break;
    case Type::Kind::Union: {
      const json& members = array_member(j, "members", where);
      for (std::size_t i = 0; i < members.size(); ++i) {
        t.children.push_back(read_type_at(members[i], where + ".members[" + std::to_string(i) + "]", depth + 1));
      }
      break;
    }
    case Type::Kind::Literal: {
      const json& v = member(j, "value", where);
      if (v.is_string()) t.literal = Value::string(v.get<std::string>());
      else if (v.is_boolean()) t.literal = Value::boolean(v.get<bool>());
      else if (v.is_number_integer()) t.literal = Value::integer(v.get<std::int64_t>());
      else malformed(where + ".value", "a literal is a string, an integer or a boolean");
      break;
    }
    default: break;
  }
  for (const json& s : array_member(j, "stream", where)) {
    if (s.is_string()) t.stream.push_back(s.get<std::string>());
  }
  if (auto checks = j.find("checks"); checks != j.end()) t.checks = read_checks(*checks, where + ".checks");
  return t;
}

bool contains(const std::vector<std::string>& list, std::string_view what) {
  for (const std::string& s : list) {
    if (s == what) return true;
  }
  return false;
}

template <typename T>
std::map<std::string, std::size_t, std::less<>> index_by_name(const std::vector<T>& items) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].name, i);
  return index;
}

template <typename T>
const T* lookup(const std::vector<T>& items, const std::map<std::string, std::size_t, std::less<>>& index,
                std::string_view name) {
  auto it = index.find(name);
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

Type read_type(const json& j, const std::string& where) { return read_type_at(j, where, 0); }

std::vector<Check> read_checks(const json& j, const std::string& where) {
  std::vector<Check> checks;
  if (j.is_null()) return checks;
  if (!j.is_array()) malformed(where, "expected an array of checks");
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    Check c;
    c.name = j[i].is_object() && j[i].contains("name") && j[i]["name"].is_string() ? j[i]["name"].get<std::string>() : "";
    c.is_assert = bool_member(j[i], "assert", false);
    c.expression = string_member(j[i], "expression", at);
    auto ast = j[i].find("expression_ast");
    if (ast != j[i].end() && !ast->is_null()) c.expression_ast = std::make_shared<const json>(*ast);
    checks.push_back(std::move(c));
  }
  return checks;
}

std::vector<Parameter> read_parameters(const json& j, const std::string& where) {
  std::vector<Parameter> params;
  if (!j.is_array()) malformed(where, "expected an array of parameters");
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    Parameter p;
    p.name = string_member(j[i], "name", at);
    p.type = read_type(member(j[i], "type", at), at + ".type");
    if (j[i].contains("checks")) p.checks = read_checks(j[i]["checks"], at + ".checks");
    params.push_back(std::move(p));
  }
  return params;
}

TypeSystem read_type_system(const json& ir) {
  std::vector<Class> classes;
  const json& cs = array_member(ir, "classes", "");
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const std::string at = "classes[" + std::to_string(i) + "]";
    Class c;
    c.name = string_member(cs[i], "name", at);
    c.alias = optional_string(cs[i], "alias", at);
    c.description = optional_string(cs[i], "description", at);
    c.dynamic = bool_member(cs[i], "dynamic", false);
    if (cs[i].contains("checks")) c.checks = read_checks(cs[i]["checks"], at + ".checks");
    for (const json& s : array_member(cs[i], "stream", at)) {
      if (s.is_string()) c.stream.push_back(s.get<std::string>());
    }
    const json& fs = array_member(cs[i], "fields", at);
    for (std::size_t k = 0; k < fs.size(); ++k) {
      const std::string fat = at + ".fields[" + std::to_string(k) + "]";
      Field f;
      f.name = string_member(fs[k], "name", fat);
      f.alias = optional_string(fs[k], "alias", fat);
      f.description = optional_string(fs[k], "description", fat);
      f.type = read_type(member(fs[k], "type", fat), fat + ".type");
      f.skip = bool_member(fs[k], "skip", false);
      if (fs[k].contains("checks")) f.checks = read_checks(fs[k]["checks"], fat + ".checks");
      for (const json& s : array_member(fs[k], "stream", fat)) {
        if (s.is_string()) f.stream.push_back(s.get<std::string>());
      }
      c.fields.push_back(std::move(f));
    }
    classes.push_back(std::move(c));
  }
  std::vector<Enum> enums;
  const json& es = array_member(ir, "enums", "");
  for (std::size_t i = 0; i < es.size(); ++i) {
    const std::string at = "enums[" + std::to_string(i) + "]";
    Enum e;
    e.name = string_member(es[i], "name", at);
    e.alias = optional_string(es[i], "alias", at);
    e.dynamic = bool_member(es[i], "dynamic", false);
    const json& vs = array_member(es[i], "values", at);
    for (std::size_t k = 0; k < vs.size(); ++k) {
      const std::string vat = at + ".values[" + std::to_string(k) + "]";
      EnumValue v;
      v.name = string_member(vs[k], "name", vat);
      v.alias = optional_string(vs[k], "alias", vat);
      v.description = optional_string(vs[k], "description", vat);
      v.skip = bool_member(vs[k], "skip", false);
      e.values.push_back(std::move(v));
    }
    enums.push_back(std::move(e));
  }
  std::vector<Alias> aliases;
  const json& as = array_member(ir, "aliases", "");
  for (std::size_t i = 0; i < as.size(); ++i) {
    const std::string at = "aliases[" + std::to_string(i) + "]";
    auto checks = as[i].is_object() ? as[i].find("checks") : as[i].end();
    aliases.push_back({string_member(as[i], "name", at), read_type(member(as[i], "type", at), at + ".type"),
                       checks == as[i].end() ? std::vector<Check>{} : read_checks(*checks, at + ".checks")});
  }
  return TypeSystem(std::move(classes), std::move(enums), std::move(aliases));
}

bool Type::has_stream(std::string_view what) const { return contains(stream, what); }
bool Class::has_stream(std::string_view what) const { return contains(stream, what); }

const Field* Class::find_field(std::string_view field_name) const {
  for (const Field& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const EnumValue* Enum::find_value(std::string_view value_name) const {
  for (const EnumValue& v : values) {
    if (v.name == value_name) return &v;
  }
  return nullptr;
}

TypeSystem::TypeSystem(std::vector<Class> classes, std::vector<Enum> enums, std::vector<Alias> aliases)
    : classes_(std::move(classes)), enums_(std::move(enums)), aliases_(std::move(aliases)) {
  class_index_ = index_by_name(classes_);
  enum_index_ = index_by_name(enums_);
  alias_index_ = index_by_name(aliases_);
}

const Class* TypeSystem::find_class(std::string_view name) const { return lookup(classes_, class_index_, name); }
const Enum* TypeSystem::find_enum(std::string_view name) const { return lookup(enums_, enum_index_, name); }
const Alias* TypeSystem::find_alias(std::string_view name) const { return lookup(aliases_, alias_index_, name); }

const Type& TypeSystem::resolve(const Type& type) const {
  const Type* t = &type;
  // Bounded: a cycle through nothing but aliases does not check, but an IR not written by the
  // compiler could hold one.
  for (std::size_t hops = 0; t->kind == Type::Kind::Alias && hops <= aliases_.size(); ++hops) {
    const Alias* a = find_alias(t->name);
    if (!a) break;
    t = &a->type;
  }
  return *t;
}

std::string describe(const Type& type) {
  switch (type.kind) {
    case Type::Kind::Int: return "int";
    case Type::Kind::Float: return "float";
    case Type::Kind::String: return "string";
    case Type::Kind::Bool: return "bool";
    case Type::Kind::Null: return "null";
    case Type::Kind::Duration: return "duration";
    case Type::Kind::Image: return "image";
    case Type::Kind::Audio: return "audio";
    case Type::Kind::Pdf: return "pdf";
    case Type::Kind::Video: return "video";
    case Type::Kind::Class:
    case Type::Kind::Enum:
    case Type::Kind::Alias: return type.name;
    case Type::Kind::List: {
      const bool group = type.items().kind == Type::Kind::Union || type.items().kind == Type::Kind::Optional;
      return group ? "(" + describe(type.items()) + ")[]" : describe(type.items()) + "[]";
    }
    case Type::Kind::Optional: {
      const bool group = type.inner().kind == Type::Kind::Union;
      return group ? "(" + describe(type.inner()) + ")?" : describe(type.inner()) + "?";
    }
    case Type::Kind::Map: return "map<" + describe(type.key()) + ", " + describe(type.value()) + ">";
    case Type::Kind::Union: {
      std::string out;
      for (const Type& m : type.children) out += (out.empty() ? "" : " | ") + describe(m);
      return out;
    }
    case Type::Kind::Literal:
      switch (type.literal.kind()) {
        case Value::Kind::String: return json(type.literal.as_string()).dump();
        case Value::Kind::Int: return std::to_string(type.literal.as_int());
        case Value::Kind::Bool: return type.literal.as_bool() ? "true" : "false";
        default: return "literal";
      }
  }
  return "?";
}

namespace {
bool accepts_null_at(const Type& type, const TypeSystem& types, int depth) {
  if (depth > 64) return false;  // a union that reaches itself through aliases
  const Type& t = types.resolve(type);
  switch (t.kind) {
    case Type::Kind::Null:
    case Type::Kind::Optional: return true;
    case Type::Kind::Union:
      for (const Type& m : t.children) {
        if (accepts_null_at(m, types, depth + 1)) return true;
      }
      return false;
    default: return false;
  }
}
}  // namespace

bool accepts_null(const Type& type, const TypeSystem& types) { return accepts_null_at(type, types, 0); }

}  // namespace baml::ir
