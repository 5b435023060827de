// The "JSON-ish" value the locating and fixing stages produce and coercion consumes (BAML's
// jsonish::Value): JSON plus the alternatives a text offers (AnyOf: every reading of the text,
// with the raw text itself kept for string targets), where a value came from (a fenced block, a
// repaired fragment), and whether it was complete when the text ended (streaming).
//
// An object's entries and an array's items may start with a shared, immutable prefix: the
// streaming parser (stream_parser.cpp) keeps the children a container has finished in a store
// that only grows, and each partial reading of the text refers to them instead of copying them.
// Such finished nodes are `stable`: their address stays the same from one delta to the next, so
// what was computed from them (their coercion) can be kept.
#pragma once

#include <cstddef>
#include <deque>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace baml::parse {

// A sequence: a prefix shared with others (`base`, its first `base_len` elements, never changed
// again) followed by elements of its own.
template <class T>
class JSeq {
 public:
  using Store = std::deque<T>;

  JSeq() = default;
  JSeq(const JSeq&) = default;
  JSeq& operator=(const JSeq&) = default;
  JSeq(JSeq&& o) noexcept : base_(std::move(o.base_)), base_len_(o.base_len_), own_(std::move(o.own_)) { o.base_len_ = 0; }
  JSeq& operator=(JSeq&& o) noexcept {
    base_ = std::move(o.base_);
    base_len_ = o.base_len_;
    o.base_len_ = 0;
    own_ = std::move(o.own_);
    return *this;
  }

  std::size_t size() const { return base_len_ + own_.size(); }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return i < base_len_ ? (*base_)[i] : own_[i - base_len_]; }
  // Mutable access to an element of its own (a shared element is first copied into this sequence).
  T& operator[](std::size_t i) {
    if (i < base_len_) unshare();
    return own_[i - base_len_];
  }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }

  void push_back(T v) { own_.push_back(std::move(v)); }
  template <class... A>
  T& emplace_back(A&&... a) {
    return own_.emplace_back(std::forward<A>(a)...);
  }
  void reserve(std::size_t n) { own_.reserve(n); }
  void clear() {
    base_.reset();
    base_len_ = 0;
    own_.clear();
  }
  JSeq& operator=(std::vector<T> v) {
    base_.reset();
    base_len_ = 0;
    own_ = std::move(v);
    return *this;
  }

  // The shared prefix: `n` first elements of `store`.
  void share(std::shared_ptr<const Store> store, std::size_t n) {
    own_.clear();
    base_ = std::move(store);
    base_len_ = n;
  }
  const Store* base() const { return base_.get(); }
  std::size_t base_len() const { return base_len_; }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const JSeq* s, std::size_t i) : s_(s), i_(i) {}
    reference operator*() const { return (*s_)[i_]; }
    pointer operator->() const { return &(*s_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const JSeq* s_;
    std::size_t i_;
  };
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size()); }

 private:
  void unshare() {
    std::vector<T> all;
    all.reserve(size());
    for (std::size_t k = 0; k < base_len_; ++k) all.push_back((*base_)[k]);
    for (auto& x : own_) all.push_back(std::move(x));
    base_.reset();
    base_len_ = 0;
    own_ = std::move(all);
  }

  std::shared_ptr<const Store> base_;
  std::size_t base_len_ = 0;
  std::vector<T> own_;
};

struct JValue {
  enum class Kind { Null, Bool, Number, String, Object, Array, AnyOf, Markdown, Fixed };
  Kind kind = Kind::Null;
  bool complete = true;  // false: cut off by the end of the text
  bool boolean = false;
  // A finished node of a stream, at an address that does not change until the stream ends (not
  // copied: a copy is a new node).
  bool stable = false;
  std::string text;  // Number: its literal; String: contents; AnyOf: the raw text; Markdown: the tag
  JSeq<std::pair<std::string, JValue>> entries;  // Object, in the text's order (duplicates kept)
  JSeq<JValue> items;  // Array; AnyOf: candidates; Markdown, Fixed: the one inner value

  // Out of line: a JValue holds pairs of JValues, complete only after the class (clang's
  // libstdc++ checks instantiate the pair's destructor eagerly otherwise).
  JValue();
  ~JValue();
  JValue(const JValue&);
  JValue(JValue&&) noexcept;
  JValue& operator=(const JValue&);
  JValue& operator=(JValue&&) noexcept;

  static JValue null_value(bool complete = true) { JValue v; v.complete = complete; return v; }
  static JValue string(std::string s, bool complete = true) {
    JValue v; v.kind = Kind::String; v.text = std::move(s); v.complete = complete; return v;
  }
  static JValue wrap(Kind kind, JValue inner, std::string text = {}) {
    JValue v; v.kind = kind; v.text = std::move(text); v.complete = inner.complete;
    v.items.push_back(std::move(inner)); return v;
  }

  // BAML's Display of a jsonish value, which is what a non-string value becomes when a string is
  // wanted inside a larger value: `{a: 1, b: [x, y]}` (strings unquoted).
  std::string display() const;
  // Its start: at least the first `n` bytes of display() (all of it when shorter), without
  // building the rest (for messages that show a value briefly).
  std::string display_prefix(std::size_t n) const;
  // The value with Markdown / Fixed wrappers taken off (AnyOf left alone).
  const JValue& unwrapped() const;
};

}  // namespace baml::parse
