// A Value as JSON (<baml/value_json.h>).
#include <baml/value_json.h>

#include <baml/duration.h>

namespace baml {

nlohmann::json to_json(const Value& value) {
  using Kind = Value::Kind;
  switch (value.kind()) {
    case Kind::Null: return nullptr;
    case Kind::Bool: return value.as_bool();
    case Kind::Int: return value.as_int();
    case Kind::Float: return value.as_float();
    case Kind::String: return value.as_string();
    case Kind::Duration: return format_duration(value.as_duration());
    case Kind::Media: {
      const Media& m = value.as_media();
      nlohmann::json out = nlohmann::json::object();
      if (m.by_url) out["url"] = m.url;
      else out["base64"] = m.base64;
      if (!m.media_type.empty()) out["media_type"] = m.media_type;
      return out;
    }
    case Kind::List: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : value.items()) out.push_back(to_json(item));
      return out;
    }
    case Kind::Map:
    case Kind::Class: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, item] : value.entries()) out[key] = to_json(item);
      return out;
    }
    case Kind::Enum: return value.enum_value();
  }
  return nullptr;
}

}  // namespace baml

