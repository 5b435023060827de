// One value of any BAML type, shared by every stage of a function call: arguments, template
// evaluation, the parsed answer (FUNCTIONS.md, "One value type"). A Value is immutable once built;
// its compound parts are shared, so a copy is cheap and a move is cheaper. Maps and class fields
// keep insertion order. A Value knows its class or enum name but not its full IR type: the type
// is what a conversion (value_json.h) checks it against.
//
// C++17, no JSON: generated types and user programs include it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace baml {

enum class MediaKind { Image, Audio, Pdf, Video };

// A media argument: by URL, or inline as base64 with its MIME type.
struct Media {
  MediaKind kind = MediaKind::Image;
  bool by_url = true;
  std::string url;         // by_url
  std::string base64;      // !by_url
  std::string media_type;  // "image/png"; may be empty for a URL

  static Media from_url(MediaKind kind, std::string url, std::string media_type = {});
  static Media from_base64(MediaKind kind, std::string base64, std::string media_type);
  friend bool operator==(const Media& a, const Media& b);
};

std::string_view to_string(MediaKind kind);  // "image", "audio", "pdf", "video"

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, Duration, Media, List, Map, Class, Enum };
  using Items = std::vector<Value>;
  using Entries = std::vector<std::pair<std::string, Value>>;  // map entries, class fields

  Value() noexcept = default;  // null

  static Value null() { return Value(); }
  static Value boolean(bool b);
  static Value integer(std::int64_t i);
  static Value floating(double f);
  static Value string(std::string s);
  static Value duration(std::chrono::milliseconds ms);
  static Value media(Media m);
  static Value list(Items items);
  static Value map(Entries entries);
  // An instance of class `class_name`: its fields in declaration order (a missing optional field
  // is simply absent; see `field`).
  static Value instance(std::string class_name, Entries fields);
  static Value enumeration(std::string enum_name, std::string value_name);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::Null; }

  // Typed access; each throws std::bad_variant_access when the kind differs.
  bool as_bool() const { return std::get<1>(data_); }
  std::int64_t as_int() const { return std::get<2>(data_); }
  double as_float() const { return std::get<3>(data_); }
  const std::string& as_string() const { return std::get<4>(data_); }
  std::chrono::milliseconds as_duration() const { return std::get<5>(data_); }
  const Media& as_media() const { return *std::get<6>(data_); }
  const Items& items() const;        // List
  const Entries& entries() const;    // Map entries or Class fields
  const std::string& class_name() const;  // Class
  const std::string& enum_name() const;   // Enum
  const std::string& enum_value() const;  // Enum: the value's name (not its alias)

  // A map entry or class field by key; nullptr when absent or not a map/class.
  const Value* find(std::string_view key) const;

  // Structural equality (a float and an int are different values).
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  struct Compound {
    std::string name;   // Class: class name; Enum: enum name
    std::string value;  // Enum: value name
    Items items;
    Entries entries;
  };
  // One alternative per Kind, in Kind's order: kind() is the index.
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::chrono::milliseconds,
               std::shared_ptr<const Media>, std::shared_ptr<const Compound>, std::shared_ptr<const Compound>,
               std::shared_ptr<const Compound>, std::shared_ptr<const Compound>>
      data_;
  const Compound& compound() const;
};

// A function's arguments, by parameter name, in the order given.
using Args = std::vector<std::pair<std::string, Value>>;

}  // namespace baml
