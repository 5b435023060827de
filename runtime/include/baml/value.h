// One value of any BAML type, shared by every stage of a function call: arguments, template
// evaluation, the parsed answer (FUNCTIONS.md, "One value type"). A Value is immutable once built;
// its compound parts are shared, so a copy is cheap and a move is cheaper. Maps and class fields
// keep insertion order. A Value knows its class or enum name but not its full IR type: the type
// is what a conversion (value_json.h) checks it against. A list's items are read like a const
// std::vector<Value> (ListItems); successive partial values of a stream share the items they
// have in common instead of copying them.
//
// C++17, no JSON: generated types and user programs include it.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
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

class ItemStore;
class ListItems;

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Int, Float, String, Duration, Media, List, Map, Class, Enum };
  using Items = std::vector<Value>;  // what a list is built from
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
  // A list of the first `shared` items of `store` followed by `tail`: the store's items are not
  // copied (a stream's partial values are built so, each sharing the items already finished).
  static Value list(std::shared_ptr<const ItemStore> store, std::size_t shared, Items tail);
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
  const ListItems& items() const;    // List
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
  struct Compound;
  // One alternative per Kind, in Kind's order: kind() is the index.
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::chrono::milliseconds,
               std::shared_ptr<const Media>, std::shared_ptr<const Compound>, std::shared_ptr<const Compound>,
               std::shared_ptr<const Compound>, std::shared_ptr<const Compound>>
      data_;
  const Compound& compound() const;
};

// Values appended one at a time and never moved or changed afterwards, so that lists made of its
// first n items (Value::list(store, n, tail)) stay valid, and may be read from any thread, while
// one owner goes on appending. Item i lives in segment k = bit_width(i + 16) - 5, which holds
// 2^(k+4) items: no segment is reallocated as the store grows.
class ItemStore {
 public:
  std::size_t size() const { return size_; }
  const Value& operator[](std::size_t i) const {
    std::size_t k = segment_of(i);
    return segments_[k][i + 16 - (std::size_t{16} << k)];
  }
  void push_back(Value v);

 private:
  static std::size_t segment_of(std::size_t i) {
    std::size_t x = (i + 16) >> 5, k = 0;
    while (x) {
      x >>= 1;
      ++k;
    }
    return k;
  }
  std::array<std::unique_ptr<Value[]>, 58> segments_;
  std::size_t size_ = 0;
};

// The items of a list, read like a const std::vector<Value>: a prefix shared with other lists
// (an ItemStore's first items), then items of its own.
class ListItems {
 public:
  ListItems() = default;
  explicit ListItems(Value::Items own) : own_(std::move(own)) {}
  ListItems(std::shared_ptr<const ItemStore> store, std::size_t shared, Value::Items own)
      : store_(std::move(store)), shared_(store_ ? shared : 0), own_(std::move(own)) {}

  std::size_t size() const { return shared_ + own_.size(); }
  bool empty() const { return size() == 0; }
  const Value& operator[](std::size_t i) const { return i < shared_ ? (*store_)[i] : own_[i - shared_]; }
  const Value& at(std::size_t i) const;  // throws std::out_of_range
  const Value& front() const { return (*this)[0]; }
  const Value& back() const { return (*this)[size() - 1]; }
  Value::Items to_vector() const;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = const Value*;
    using reference = const Value&;
    const_iterator() = default;
    const_iterator(const ListItems* items, std::size_t i) : items_(items), i_(i) {}
    reference operator*() const { return (*items_)[i_]; }
    pointer operator->() const { return &(*items_)[i_]; }
    reference operator[](difference_type n) const { return (*items_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() { ++i_; return *this; }
    const_iterator operator++(int) { const_iterator o = *this; ++i_; return o; }
    const_iterator& operator--() { --i_; return *this; }
    const_iterator operator--(int) { const_iterator o = *this; --i_; return o; }
    const_iterator& operator+=(difference_type n) { i_ += static_cast<std::size_t>(n); return *this; }
    const_iterator& operator-=(difference_type n) { i_ -= static_cast<std::size_t>(n); return *this; }
    friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
    friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
    friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend bool operator!=(const const_iterator& a, const const_iterator& b) { return a.i_ != b.i_; }
    friend bool operator<(const const_iterator& a, const const_iterator& b) { return a.i_ < b.i_; }
    friend bool operator>(const const_iterator& a, const const_iterator& b) { return a.i_ > b.i_; }
    friend bool operator<=(const const_iterator& a, const const_iterator& b) { return a.i_ <= b.i_; }
    friend bool operator>=(const const_iterator& a, const const_iterator& b) { return a.i_ >= b.i_; }

   private:
    const ListItems* items_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  // The shared prefix: two lists with the same store have its first min(shared) items in common.
  const ItemStore* store() const { return store_.get(); }
  std::size_t shared() const { return shared_; }

  friend bool operator==(const ListItems& a, const ListItems& b);
  friend bool operator!=(const ListItems& a, const ListItems& b) { return !(a == b); }

 private:
  std::shared_ptr<const ItemStore> store_;
  std::size_t shared_ = 0;
  Value::Items own_;
};

struct Value::Compound {
  std::string name;   // Class: class name; Enum: enum name
  std::string value;  // Enum: value name
  ListItems items;
  Entries entries;
};

// A function's arguments, by parameter name, in the order given.
using Args = std::vector<std::pair<std::string, Value>>;

}  // namespace baml
