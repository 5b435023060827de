// baml::Value: one alternative of the variant per Kind, in Kind's order, so kind() is the index.
// List, Map, Class and Enum share the Compound payload (each uses the parts it needs).
#include <baml/value.h>

#include <algorithm>
#include <stdexcept>

namespace baml {

Media Media::from_url(MediaKind kind, std::string url, std::string media_type) {
  Media m;
  m.kind = kind;
  m.by_url = true;
  m.url = std::move(url);
  m.media_type = std::move(media_type);
  return m;
}

Media Media::from_base64(MediaKind kind, std::string base64, std::string media_type) {
  Media m;
  m.kind = kind;
  m.by_url = false;
  m.base64 = std::move(base64);
  m.media_type = std::move(media_type);
  return m;
}

bool operator==(const Media& a, const Media& b) {
  return a.kind == b.kind && a.by_url == b.by_url && a.url == b.url && a.base64 == b.base64 &&
         a.media_type == b.media_type;
}

std::string_view to_string(MediaKind kind) {
  switch (kind) {
    case MediaKind::Image: return "image";
    case MediaKind::Audio: return "audio";
    case MediaKind::Pdf: return "pdf";
    case MediaKind::Video: return "video";
  }
  return "image";
}

namespace {
template <std::size_t I, typename V, typename T>
V make(T&& payload) {
  V v;
  v.template emplace<I>(std::forward<T>(payload));
  return v;
}
constexpr auto index_of(Value::Kind k) { return static_cast<std::size_t>(k); }
}  // namespace

Value Value::boolean(bool b) {
  Value v;
  v.data_.emplace<index_of(Kind::Bool)>(b);
  return v;
}
Value Value::integer(std::int64_t i) {
  Value v;
  v.data_.emplace<index_of(Kind::Int)>(i);
  return v;
}
Value Value::floating(double f) {
  Value v;
  v.data_.emplace<index_of(Kind::Float)>(f);
  return v;
}
Value Value::string(std::string s) {
  Value v;
  v.data_.emplace<index_of(Kind::String)>(std::move(s));
  return v;
}
Value Value::duration(std::chrono::milliseconds ms) {
  Value v;
  v.data_.emplace<index_of(Kind::Duration)>(ms);
  return v;
}
Value Value::media(Media m) {
  Value v;
  v.data_.emplace<index_of(Kind::Media)>(std::make_shared<const Media>(std::move(m)));
  return v;
}
Value Value::list(Items items) {
  auto c = std::make_shared<Compound>();
  c->items = ListItems(std::move(items));
  Value v;
  v.data_.emplace<index_of(Kind::List)>(std::move(c));
  return v;
}
Value Value::list(std::shared_ptr<const ItemStore> store, std::size_t shared, Items tail) {
  auto c = std::make_shared<Compound>();
  c->items = ListItems(std::move(store), shared, std::move(tail));
  Value v;
  v.data_.emplace<index_of(Kind::List)>(std::move(c));
  return v;
}
Value Value::map(Entries entries) {
  auto c = std::make_shared<Compound>();
  c->entries = std::move(entries);
  Value v;
  v.data_.emplace<index_of(Kind::Map)>(std::move(c));
  return v;
}
Value Value::instance(std::string class_name, Entries fields) {
  auto c = std::make_shared<Compound>();
  c->name = std::move(class_name);
  c->entries = std::move(fields);
  Value v;
  v.data_.emplace<index_of(Kind::Class)>(std::move(c));
  return v;
}
Value Value::enumeration(std::string enum_name, std::string value_name) {
  auto c = std::make_shared<Compound>();
  c->name = std::move(enum_name);
  c->value = std::move(value_name);
  Value v;
  v.data_.emplace<index_of(Kind::Enum)>(std::move(c));
  return v;
}

const Value::Compound& Value::compound() const {
  switch (kind()) {
    case Kind::List: return *std::get<index_of(Kind::List)>(data_);
    case Kind::Map: return *std::get<index_of(Kind::Map)>(data_);
    case Kind::Class: return *std::get<index_of(Kind::Class)>(data_);
    case Kind::Enum: return *std::get<index_of(Kind::Enum)>(data_);
    default: throw std::bad_variant_access();
  }
}

const ListItems& Value::items() const {
  if (kind() != Kind::List) throw std::bad_variant_access();
  return compound().items;
}

const Value::Entries& Value::entries() const {
  if (kind() != Kind::Map && kind() != Kind::Class) throw std::bad_variant_access();
  return compound().entries;
}

const std::string& Value::class_name() const {
  if (kind() != Kind::Class) throw std::bad_variant_access();
  return compound().name;
}

const std::string& Value::enum_name() const {
  if (kind() != Kind::Enum) throw std::bad_variant_access();
  return compound().name;
}

const std::string& Value::enum_value() const {
  if (kind() != Kind::Enum) throw std::bad_variant_access();
  return compound().value;
}

const Value* Value::find(std::string_view key) const {
  if (kind() != Kind::Map && kind() != Kind::Class) return nullptr;
  for (const auto& [k, v] : compound().entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

void ItemStore::push_back(Value v) {
  std::size_t k = segment_of(size_);
  if (!segments_[k]) segments_[k] = std::make_unique<Value[]>(std::size_t{16} << k);
  segments_[k][size_ + 16 - (std::size_t{16} << k)] = std::move(v);
  ++size_;
}

const Value& ListItems::at(std::size_t i) const {
  if (i >= size()) throw std::out_of_range("list index out of range");
  return (*this)[i];
}

Value::Items ListItems::to_vector() const { return Value::Items(begin(), end()); }

bool operator==(const ListItems& a, const ListItems& b) {
  if (a.size() != b.size()) return false;
  std::size_t from = a.store_ && a.store_ == b.store_ ? std::min(a.shared_, b.shared_) : 0;
  for (std::size_t i = from; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  using Kind = Value::Kind;
  switch (a.kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return a.as_bool() == b.as_bool();
    case Kind::Int: return a.as_int() == b.as_int();
    case Kind::Float: return a.as_float() == b.as_float();
    case Kind::String: return a.as_string() == b.as_string();
    case Kind::Duration: return a.as_duration() == b.as_duration();
    case Kind::Media: return a.as_media() == b.as_media();
    case Kind::List: return a.items() == b.items();
    case Kind::Map: return a.entries() == b.entries();
    case Kind::Class: return a.class_name() == b.class_name() && a.entries() == b.entries();
    case Kind::Enum: return a.enum_name() == b.enum_name() && a.enum_value() == b.enum_value();
  }
  return false;
}

}  // namespace baml
