// The evaluator's value. Jinja needs more than baml::Value: `undefined`, lists and dicts built by
// the template, callables (macros, `loop`, `range`, `_.role`), a mutable namespace, an enum type
// (`Color`) and its values. Values that come from the caller's arguments are *borrowed*: a
// JValue points into the Environment (or the IR's types, or the compiled template), which
// outlive the render, so reading a 10 KB argument copies nothing. Values made by the template
// hold their payload through a shared pointer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/value.h>

namespace baml::ir {
class TypeSystem;
}

namespace baml::tmpl {

class Object;
class JValue;

using JItems = std::vector<JValue>;
using JEntries = std::vector<std::pair<JValue, JValue>>;

class JValue {
 public:
  enum class Kind : std::uint8_t {
    Undefined,
    None,      // Jinja's none and BAML's null
    Bool,
    Int,
    Float,
    String,
    Seq,       // a list or tuple made by the template
    Dict,      // a dict made by the template (insertion order)
    BSeq,      // a borrowed baml list
    BMap,      // a borrowed baml map
    Instance,  // a borrowed baml class instance
    EnumValue, // an enum value: its name and what it prints (its alias, or its name)
    Media,     // a borrowed media value
    Duration,
    Object,    // anything else: callables, namespace, ctx, enum types, loop
  };

  JValue() noexcept : kind_(Kind::Undefined) {}

  static JValue none() { return JValue(Kind::None); }
  static JValue boolean(bool b) {
    JValue v(Kind::Bool);
    v.b_ = b;
    return v;
  }
  static JValue integer(std::int64_t i) {
    JValue v(Kind::Int);
    v.i_ = i;
    return v;
  }
  static JValue floating(double f) {
    JValue v(Kind::Float);
    v.f_ = f;
    return v;
  }
  // A string owned elsewhere for at least the render (the Environment, the template).
  static JValue borrowed_string(const std::string* s) {
    JValue v(Kind::String);
    v.p_ = s;
    return v;
  }
  static JValue string(std::string s);
  // The same value marked safe (`|safe`, `|escape`): `|escape` leaves it as is and `is safe` /
  // `is escaped` are true. Any value can be marked; operations that make a new value drop it.
  JValue marked_safe() const {
    JValue v = *this;
    v.safe_ = true;
    return v;
  }
  bool is_safe() const { return safe_; }
  static JValue seq(JItems items, bool is_iterator = false);
  // The items of `|groupby`: a pair (grouper, list) that also answers `.grouper` and `.list`.
  static JValue group(JValue grouper, JValue list);
  static JValue dict(JEntries entries);
  static JValue object(std::shared_ptr<Object> object);
  static JValue enum_value_of(const std::string* name, const std::string* printed) {
    JValue v(Kind::EnumValue);
    v.p_ = name;
    v.p2_ = printed;
    return v;
  }
  static JValue duration(std::int64_t ms) {
    JValue v(Kind::Duration);
    v.i_ = ms;
    return v;
  }
  // Borrows `value` (and everything in it): it must outlive the render. Enum values are looked
  // up in `types` (may be null) to print their alias.
  static JValue borrow(const Value& value, const ir::TypeSystem* types);

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::Undefined; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_number() const { return kind_ == Kind::Int || kind_ == Kind::Float; }
  bool is_sequence() const { return kind_ == Kind::Seq || kind_ == Kind::BSeq; }
  bool is_mapping() const;

  bool as_bool() const { return b_; }
  std::int64_t as_int() const { return i_; }
  double as_float() const { return f_; }
  double as_number() const { return kind_ == Kind::Int ? static_cast<double>(i_) : f_; }
  const std::string& as_string() const { return *static_cast<const std::string*>(p_); }
  const Value& base() const { return *static_cast<const Value*>(p_); }  // BSeq, BMap, Instance
  const Media& as_media() const { return *static_cast<const Media*>(p_); }
  const std::string& enum_name() const { return *static_cast<const std::string*>(p_); }
  const std::string& enum_printed() const { return *static_cast<const std::string*>(p2_); }
  const JItems& seq_items() const;  // Seq
  bool seq_is_iterator() const;     // Seq made by a filter that yields an iterator (`split`)
  bool seq_is_group() const;        // Seq made by `groupby` (see group())
  const JEntries& dict_entries() const;  // Dict
  Object& as_object() const;             // Object

  // Sequences of either origin, by position.
  std::size_t seq_size() const;
  JValue seq_at(std::size_t i, const ir::TypeSystem* types) const;

  // How many lists and dicts made by the template nest here (0 for anything else; borrowed values
  // are the arguments', bounded when they were read), and whether a namespace or a `loop`, the
  // values whose contents can change, is among them. Kept with each list and dict when it is made,
  // so a namespace attribute can refuse what would let values nest without end or hold themselves.
  std::uint32_t nesting() const;
  bool holds_state() const;

 private:
  explicit JValue(Kind k) noexcept : kind_(k) {}
  Kind kind_;
  bool safe_ = false;
  union {
    bool b_;
    std::int64_t i_;
    double f_;
    const void* p_ = nullptr;
  };
  const void* p2_ = nullptr;
  std::shared_ptr<const void> hold_;
};

// The type name Jinja messages use: "string", "number", "sequence", "map", "none", ...
std::string_view type_name(const JValue& v);

}  // namespace baml::tmpl
