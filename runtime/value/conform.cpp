// Reading JSON into values of declared types and checking arguments (from_json.h).
#include "value/from_json.h"

#include <cmath>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include <baml/duration.h>
#include <baml/errors.h>
#include <baml/value_json.h>

namespace baml::ir {
namespace {

// A JSON argument deeper than this is refused: values this deep are not arguments a prompt can
// show, and the checks below recurse.
constexpr int kMaxDepth = 128;

[[noreturn]] void mismatch(const std::string& path, const std::string& expected, const Value& got) {
  std::string shown = to_json(got).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  throw_invalid_argument(path + ": expected " + expected + ", got " + shown);
}

// JSON of either flavour: nlohmann::json (keys sorted) or ordered_json (keys as written, which is
// how the CLI reads arguments, so that a map iterates in the order the user wrote it).
template <typename Json>
Value from_json_untyped(const Json& j, const std::string& path, int depth) {
  if (depth > kMaxDepth) throw_invalid_argument(path + ": nested more than " + std::to_string(kMaxDepth) + " levels deep");
  switch (j.type()) {
    case Json::value_t::null: return Value::null();
    case Json::value_t::boolean: return Value::boolean(j.template get<bool>());
    case Json::value_t::number_integer: return Value::integer(j.template get<std::int64_t>());
    case Json::value_t::number_unsigned: {
      const auto u = j.template get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return Value::floating(static_cast<double>(u));
      return Value::integer(static_cast<std::int64_t>(u));
    }
    case Json::value_t::number_float: return Value::floating(j.template get<double>());
    case Json::value_t::string: return Value::string(j.template get<std::string>());
    case Json::value_t::array: {
      Value::Items items;
      items.reserve(j.size());
      for (std::size_t i = 0; i < j.size(); ++i) items.push_back(from_json_untyped(j[i], path + "[" + std::to_string(i) + "]", depth + 1));
      return Value::list(std::move(items));
    }
    case Json::value_t::object: {
      Value::Entries entries;
      entries.reserve(j.size());
      for (const auto& [key, item] : j.items()) entries.emplace_back(key, from_json_untyped(item, path + "." + key, depth + 1));
      return Value::map(std::move(entries));
    }
    default: return Value::null();
  }
}

std::string kind_expected(const Type& type) { return describe(type); }

std::optional<MediaKind> media_kind(Type::Kind kind) {
  switch (kind) {
    case Type::Kind::Image: return MediaKind::Image;
    case Type::Kind::Audio: return MediaKind::Audio;
    case Type::Kind::Pdf: return MediaKind::Pdf;
    case Type::Kind::Video: return MediaKind::Video;
    default: return std::nullopt;
  }
}

Value conform_at(const Value& v, const Type& declared, const TypeSystem& types, const std::string& path, int depth);

Value conform_media(const Value& v, MediaKind kind, const Type& type, const std::string& path) {
  if (v.kind() == Value::Kind::Media) {
    if (v.as_media().kind != kind) mismatch(path, kind_expected(type), v);
    return v;
  }
  if (v.kind() != Value::Kind::Map) mismatch(path, kind_expected(type) + R"( ({"url": ...} or {"base64": ..., "media_type": ...}))", v);
  const Value* url = v.find("url");
  const Value* base64 = v.find("base64");
  const Value* media_type = v.find("media_type");
  if (media_type && !media_type->is_null() && media_type->kind() != Value::Kind::String) {
    mismatch(path + ".media_type", "string", *media_type);
  }
  std::string mime = media_type && media_type->kind() == Value::Kind::String ? media_type->as_string() : "";
  if (url && !base64) {
    if (url->kind() != Value::Kind::String) mismatch(path + ".url", "string", *url);
    return Value::media(Media::from_url(kind, url->as_string(), std::move(mime)));
  }
  if (base64 && !url) {
    if (base64->kind() != Value::Kind::String) mismatch(path + ".base64", "string", *base64);
    if (mime.empty() && kind == MediaKind::Pdf) mime = "application/pdf";
    if (mime.empty()) throw_invalid_argument(path + ": media given as base64 needs a \"media_type\" such as \"image/png\"");
    return Value::media(Media::from_base64(kind, base64->as_string(), std::move(mime)));
  }
  mismatch(path, kind_expected(type) + R"( ({"url": ...} or {"base64": ..., "media_type": ...}))", v);
}

Value conform_enum(const Value& v, const Type& type, const TypeSystem& types, const std::string& path) {
  const Enum* e = types.find_enum(type.name);
  if (!e) throw_invalid_argument(path + ": unknown enum " + type.name);
  if (v.kind() == Value::Kind::Enum && v.enum_name() == e->name && e->find_value(v.enum_value())) return v;
  if (v.kind() == Value::Kind::String) {
    for (const EnumValue& ev : e->values) {
      if (ev.name == v.as_string()) return Value::enumeration(e->name, ev.name);
    }
    for (const EnumValue& ev : e->values) {
      if (ev.alias && *ev.alias == v.as_string()) return Value::enumeration(e->name, ev.name);
    }
  }
  std::string names;
  for (const EnumValue& ev : e->values) names += (names.empty() ? "" : " | ") + ev.name;
  mismatch(path, "a value of enum " + e->name + " (" + names + ")", v);
}

Value conform_class(const Value& v, const Type& type, const TypeSystem& types, const std::string& path, int depth) {
  const Class* c = types.find_class(type.name);
  if (!c) throw_invalid_argument(path + ": unknown class " + type.name);
  if (v.kind() != Value::Kind::Map && !(v.kind() == Value::Kind::Class && v.class_name() == c->name)) {
    mismatch(path, c->name + " (an object)", v);
  }
  Value::Entries fields;
  fields.reserve(c->fields.size());
  for (const Field& f : c->fields) {
    const Value* given = v.find(f.name);
    if (!given) {
      if (accepts_null(f.type, types)) continue;  // absent: undefined in a template, as in BAML
      throw_invalid_argument(path + "." + f.name + ": missing required field of class " + c->name + " (" +
                             describe(f.type) + ")");
    }
    fields.emplace_back(f.name, conform_at(*given, f.type, types, path + "." + f.name, depth + 1));
  }
  return Value::instance(c->name, std::move(fields));
}

// conform_at for a value the caller gives up: a string, number or bool that already has its
// declared type is moved, not copied (an argument of megabytes is otherwise copied once more).
Value conform_owned(Value&& v, const Type& declared, const TypeSystem& types, const std::string& path) {
  const Type& type = types.resolve(declared);
  using K = Type::Kind;
  using VK = Value::Kind;
  const bool same = (type.kind == K::String && v.kind() == VK::String) || (type.kind == K::Int && v.kind() == VK::Int) ||
                    (type.kind == K::Float && v.kind() == VK::Float) || (type.kind == K::Bool && v.kind() == VK::Bool);
  return same ? std::move(v) : conform_at(v, declared, types, path, 0);
}

Value conform_at(const Value& v, const Type& declared, const TypeSystem& types, const std::string& path, int depth) {
  if (depth > kMaxDepth) throw_invalid_argument(path + ": nested more than " + std::to_string(kMaxDepth) + " levels deep");
  const Type& type = types.resolve(declared);
  using K = Type::Kind;
  using VK = Value::Kind;
  switch (type.kind) {
    case K::Int:
      if (v.kind() == VK::Int) return v;
      if (v.kind() == VK::Float && std::isfinite(v.as_float()) && std::trunc(v.as_float()) == v.as_float() &&
          std::fabs(v.as_float()) < 9.2e18) {
        return Value::integer(static_cast<std::int64_t>(v.as_float()));
      }
      mismatch(path, "int", v);
    case K::Float:
      if (v.kind() == VK::Float) return v;
      if (v.kind() == VK::Int) return Value::floating(static_cast<double>(v.as_int()));
      mismatch(path, "float", v);
    case K::String:
      if (v.kind() == VK::String) return v;
      mismatch(path, "string", v);
    case K::Bool:
      if (v.kind() == VK::Bool) return v;
      mismatch(path, "bool", v);
    case K::Null:
      if (v.is_null()) return v;
      mismatch(path, "null", v);
    case K::Duration:
      // The language's range (<baml/duration.h>): a longer one could not be read back from the
      // string its JSON form writes.
      if (v.kind() == VK::Duration) {
        if (v.as_duration().count() < 0) mismatch(path, "duration (durations are never negative)", v);
        if (v.as_duration().count() > kMaxDurationMs) mismatch(path, "duration (at most 2^53 - 1 ms)", v);
        return v;
      }
      if (v.kind() == VK::Int) {
        if (v.as_int() < 0) mismatch(path, "duration (milliseconds are never negative)", v);
        if (v.as_int() > kMaxDurationMs) mismatch(path, "duration (at most 2^53 - 1 ms, about 285,000 years)", v);
        return Value::duration(std::chrono::milliseconds(v.as_int()));
      }
      if (v.kind() == VK::String) {
        const DurationParse parsed = parse_duration(v.as_string());
        if (parsed.value && parsed.value->count() >= 0) return Value::duration(*parsed.value);
      }
      mismatch(path, R"(duration (a string such as "90s" or "1m30s", or an integer of milliseconds))", v);
    case K::Image:
    case K::Audio:
    case K::Pdf:
    case K::Video: return conform_media(v, *media_kind(type.kind), type, path);
    case K::Enum: return conform_enum(v, type, types, path);
    case K::Class: return conform_class(v, type, types, path, depth);
    case K::Alias: throw_invalid_argument(path + ": unknown type " + type.name);
    case K::Optional:
      if (v.is_null()) return v;
      return conform_at(v, type.inner(), types, path, depth + 1);
    case K::List: {
      if (v.kind() != VK::List) mismatch(path, describe(type), v);
      Value::Items items;
      items.reserve(v.items().size());
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        items.push_back(conform_at(v.items()[i], type.items(), types, path + "[" + std::to_string(i) + "]", depth + 1));
      }
      return Value::list(std::move(items));
    }
    case K::Map: {
      if (v.kind() != VK::Map) mismatch(path, describe(type), v);
      Value::Entries entries;
      entries.reserve(v.entries().size());
      const Type& key_type = types.resolve(type.key());
      for (const auto& [key, item] : v.entries()) {
        const std::string at = path + "[" + nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
        if (key_type.kind != K::String) {
          const Value k = conform_at(Value::string(key), key_type, types, at + " (key)", depth + 1);
          (void)k;  // the key stays as written: an enum key by its name, a literal key by its text
        }
        entries.emplace_back(key, conform_at(item, type.value(), types, at, depth + 1));
      }
      return Value::map(std::move(entries));
    }
    case K::Union: {
      for (const Type& member : type.children) {
        try {
          return conform_at(v, member, types, path, depth + 1);
        } catch (const InvalidArgumentError&) {
          // try the next member: the first that fits wins, as in BAML
        }
      }
      mismatch(path, describe(type), v);
    }
    case K::Literal:
      if (v == type.literal) return v;
      mismatch(path, describe(type), v);
  }
  mismatch(path, describe(type), v);
}

}  // namespace

Value value_from_json_untyped(const nlohmann::json& json, const std::string& path) {
  return from_json_untyped(json, path, 0);
}

Value value_from_json(const nlohmann::json& json, const Type& type, const TypeSystem& types, const std::string& path) {
  return conform_at(from_json_untyped(json, path, 0), type, types, path, 0);
}

Value value_from_json(const nlohmann::ordered_json& json, const Type& type, const TypeSystem& types,
                      const std::string& path) {
  return conform_at(from_json_untyped(json, path, 0), type, types, path, 0);
}

Value conform(const Value& value, const Type& type, const TypeSystem& types, const std::string& path) {
  return conform_at(value, type, types, path, 0);
}

namespace {

template <typename Lookup, typename Names>
Args conform_parameters(const std::vector<Parameter>& parameters, const TypeSystem& types, std::string_view function,
                        Lookup&& lookup, Names&& given_names) {
  for (const std::string& name : given_names()) {
    bool known = false;
    for (const Parameter& p : parameters) known = known || p.name == name;
    if (!known) {
      std::string list;
      for (const Parameter& p : parameters) list += (list.empty() ? "" : ", ") + p.name;
      throw_invalid_argument("unknown parameter `" + name + "` of function " + std::string(function) +
                             (list.empty() ? " (it takes none)" : " (it takes: " + list + ")"));
    }
  }
  Args out;
  out.reserve(parameters.size());
  for (const Parameter& p : parameters) {
    std::optional<Value> given = lookup(p);
    if (!given) {
      if (accepts_null(p.type, types)) continue;
      throw_invalid_argument("missing required parameter `" + p.name + "` (" + describe(p.type) + ") of function " +
                             std::string(function));
    }
    out.emplace_back(p.name, conform_owned(std::move(*given), p.type, types, p.name));
  }
  return out;
}

}  // namespace

namespace {

template <typename Json>
Args args_from_any_json(const Json& args, const std::vector<Parameter>& parameters, const TypeSystem& types,
                        std::string_view function) {
  if (!args.is_object()) throw_invalid_argument("the arguments of " + std::string(function) + " must be a JSON object keyed by parameter name");
  return conform_parameters(
      parameters, types, function,
      [&](const Parameter& p) -> std::optional<Value> {
        auto it = args.find(p.name);
        if (it == args.end()) return std::nullopt;
        return from_json_untyped(*it, p.name, 0);
      },
      [&] {
        std::vector<std::string> names;
        for (const auto& item : args.items()) names.push_back(item.key());
        return names;
      });
}

}  // namespace

Args args_from_json(const nlohmann::json& args, const std::vector<Parameter>& parameters, const TypeSystem& types,
                    std::string_view function) {
  return args_from_any_json(args, parameters, types, function);
}

Args args_from_json(const nlohmann::ordered_json& args, const std::vector<Parameter>& parameters,
                    const TypeSystem& types, std::string_view function) {
  return args_from_any_json(args, parameters, types, function);
}

Args conform_args(const Args& args, const std::vector<Parameter>& parameters, const TypeSystem& types,
                  std::string_view function) {
  return conform_parameters(
      parameters, types, function,
      [&](const Parameter& p) -> std::optional<Value> {
        for (const auto& [name, value] : args) {
          if (name == p.name) return value;
        }
        return std::nullopt;
      },
      [&] {
        std::vector<std::string> names;
        for (const auto& item : args) names.push_back(item.first);
        return names;
      });
}

}  // namespace baml::ir
