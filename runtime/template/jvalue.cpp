// JValue construction and access (see jvalue.h).
#include "template/jvalue.h"

#include <algorithm>

#include <baml/errors.h>

#include "template/object.h"
#include "value/types.h"

namespace baml::tmpl {
namespace {

struct SeqData {
  JItems items;
  bool is_iterator = false;
  bool is_group = false;
  std::uint32_t nesting = 1;
  bool holds_state = false;
};

struct DictData {
  JEntries entries;
  std::uint32_t nesting = 1;
  bool holds_state = false;
};

void summarize(const JValue& child, std::uint32_t& nesting, bool& holds_state) {
  nesting = std::max(nesting, child.nesting() + 1);
  holds_state = holds_state || child.holds_state();
}

std::shared_ptr<const SeqData> seq_data(JItems items, bool is_iterator, bool is_group) {
  auto data = std::make_shared<SeqData>();
  for (const JValue& item : items) summarize(item, data->nesting, data->holds_state);
  data->items = std::move(items);
  data->is_iterator = is_iterator;
  data->is_group = is_group;
  return data;
}

}  // namespace

JValue JValue::string(std::string s) {
  auto p = std::make_shared<const std::string>(std::move(s));
  JValue v(Kind::String);
  v.p_ = p.get();
  v.hold_ = std::move(p);
  return v;
}

JValue JValue::seq(JItems items, bool is_iterator) {
  auto p = seq_data(std::move(items), is_iterator, false);
  JValue v(Kind::Seq);
  v.p_ = p.get();
  v.hold_ = std::move(p);
  return v;
}

JValue JValue::group(JValue grouper, JValue list) {
  auto p = seq_data(JItems{std::move(grouper), std::move(list)}, false, true);
  JValue v(Kind::Seq);
  v.p_ = p.get();
  v.hold_ = std::move(p);
  return v;
}

JValue JValue::dict(JEntries entries) {
  auto data = std::make_shared<DictData>();
  for (const auto& [key, value] : entries) {
    summarize(key, data->nesting, data->holds_state);
    summarize(value, data->nesting, data->holds_state);
  }
  data->entries = std::move(entries);
  std::shared_ptr<const DictData> p = std::move(data);
  JValue v(Kind::Dict);
  v.p_ = p.get();
  v.hold_ = std::move(p);
  return v;
}

JValue JValue::object(std::shared_ptr<Object> object) {
  JValue v(Kind::Object);
  v.p_ = object.get();
  v.hold_ = std::move(object);
  return v;
}

JValue JValue::borrow(const Value& value, const ir::TypeSystem* types) {
  using K = Value::Kind;
  switch (value.kind()) {
    case K::Null: return none();
    case K::Bool: return boolean(value.as_bool());
    case K::Int: return integer(value.as_int());
    case K::Float: return floating(value.as_float());
    case K::String: return borrowed_string(&value.as_string());
    case K::Duration: return duration(value.as_duration().count());
    case K::Media: {
      JValue v(Kind::Media);
      v.p_ = &value.as_media();
      return v;
    }
    case K::List: {
      JValue v(Kind::BSeq);
      v.p_ = &value;
      return v;
    }
    case K::Map: {
      JValue v(Kind::BMap);
      v.p_ = &value;
      return v;
    }
    case K::Class: {
      JValue v(Kind::Instance);
      v.p_ = &value;
      return v;
    }
    case K::Enum: {
      const std::string& name = value.enum_value();
      const ir::Enum* e = types ? types->find_enum(value.enum_name()) : nullptr;
      const ir::EnumValue* ev = e ? e->find_value(name) : nullptr;
      return enum_value_of(&name, ev && ev->alias ? &*ev->alias : &name);
    }
  }
  return {};
}

bool JValue::is_mapping() const {
  switch (kind_) {
    case Kind::Dict:
    case Kind::BMap:
    case Kind::Instance:
    case Kind::EnumValue: return true;
    case Kind::Object: return as_object().is_mapping();
    default: return false;
  }
}

const JItems& JValue::seq_items() const { return static_cast<const SeqData*>(p_)->items; }
bool JValue::seq_is_iterator() const { return static_cast<const SeqData*>(p_)->is_iterator; }
bool JValue::seq_is_group() const { return static_cast<const SeqData*>(p_)->is_group; }
const JEntries& JValue::dict_entries() const { return static_cast<const DictData*>(p_)->entries; }
Object& JValue::as_object() const { return *const_cast<Object*>(static_cast<const Object*>(p_)); }

std::uint32_t JValue::nesting() const {
  if (kind_ == Kind::Seq) return static_cast<const SeqData*>(p_)->nesting;
  if (kind_ == Kind::Dict) return static_cast<const DictData*>(p_)->nesting;
  return 0;
}

bool JValue::holds_state() const {
  if (kind_ == Kind::Seq) return static_cast<const SeqData*>(p_)->holds_state;
  if (kind_ == Kind::Dict) return static_cast<const DictData*>(p_)->holds_state;
  if (kind_ == Kind::Object) return as_object().holds_state();
  return false;
}

std::size_t JValue::seq_size() const {
  if (kind_ == Kind::Seq) return seq_items().size();
  if (kind_ == Kind::BSeq) return base().items().size();
  return 0;
}

JValue JValue::seq_at(std::size_t i, const ir::TypeSystem* types) const {
  if (kind_ == Kind::Seq) return seq_items()[i];
  return borrow(base().items()[i], types);
}

std::string_view type_name(const JValue& v) {
  using K = JValue::Kind;
  switch (v.kind()) {
    case K::Undefined: return "undefined";
    case K::None: return "none";
    case K::Bool: return "bool";
    case K::Int:
    case K::Float: return "number";
    case K::String: return "string";
    case K::Seq: return v.seq_is_iterator() ? "iterator" : "sequence";
    case K::BSeq: return "sequence";
    case K::Dict:
    case K::BMap:
    case K::Instance:
    case K::EnumValue: return "map";
    case K::Media: return "media";
    case K::Duration: return "duration";
    case K::Object: return v.as_object().type();
  }
  return "value";
}

}  // namespace baml::tmpl
