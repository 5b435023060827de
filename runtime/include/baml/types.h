// What generated types need and nothing more (CODEGEN.md): baml::Box (a value-semantics box for
// recursive types), baml::Checked<T> (a value with the results of its @check), baml::WithState<T>
// (a streamed `@stream.with_state` field), and the media types. C++17, no JSON, no HTTP: a translation unit that only uses generated types stays cheap.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <baml/value.h>
#include <baml/version.h>

namespace baml {

// Holds one T on the heap with value semantics: copying copies the T, comparing compares the Ts.
// T may be incomplete where a Box<T> is declared (a recursive class holds a Box of itself).
template <typename T>
class Box {
 public:
  Box() : p_(new T()) {}
  Box(const T& v) : p_(new T(v)) {}                 // NOLINT: implicit, as std::optional's
  Box(T&& v) : p_(new T(std::move(v))) {}           // NOLINT
  Box(const Box& other) : p_(new T(*other.p_)) {}
  Box(Box&& other) noexcept : p_(std::move(other.p_)) {}
  Box& operator=(const Box& other) {
    if (this != &other) p_.reset(new T(*other.p_));
    return *this;
  }
  Box& operator=(Box&& other) noexcept {
    p_ = std::move(other.p_);
    return *this;
  }
  ~Box() = default;

  // A moved-from Box holds nothing; everything else holds a T.
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& get() { return *p_; }
  const T& get() const { return *p_; }

  friend bool operator==(const Box& a, const Box& b) { return *a.p_ == *b.p_; }
  friend bool operator!=(const Box& a, const Box& b) { return !(a == b); }

 private:
  std::unique_ptr<T> p_;
};

enum class CheckStatus { Succeeded, Failed };

// One @check's outcome on a value.
struct Check {
  std::string name;
  std::string expression;
  CheckStatus status = CheckStatus::Succeeded;
  friend bool operator==(const Check& a, const Check& b) {
    return a.name == b.name && a.expression == b.expression && a.status == b.status;
  }
  friend bool operator!=(const Check& a, const Check& b) { return !(a == b); }
};

// A value with its checks, by check name (BAML's Checked[T, Literal[...]]).
template <typename T>
struct Checked {
  T value{};
  std::map<std::string, Check> checks;

  bool all_passed() const {
    for (const auto& entry : checks) {
      if (entry.second.status != CheckStatus::Succeeded) return false;
    }
    return true;
  }
  friend bool operator==(const Checked& a, const Checked& b) { return a.value == b.value && a.checks == b.checks; }
  friend bool operator!=(const Checked& a, const Checked& b) { return !(a == b); }
};

// Where a `@stream.with_state` field of a streamed value is: no value yet, part of one, all of it.
enum class StreamState { Pending, Incomplete, Complete };

// A `@stream.with_state` field of a partial value: the value so far and its state.
template <typename T>
struct WithState {
  std::optional<T> value;
  StreamState state = StreamState::Pending;
  friend bool operator==(const WithState& a, const WithState& b) { return a.value == b.value && a.state == b.state; }
  friend bool operator!=(const WithState& a, const WithState& b) { return !(a == b); }
};

// `image`, `audio`, `pdf`, `video`: by URL, or inline as base64 with a MIME type.
template <MediaKind K>
struct BasicMedia {
  bool by_url = true;
  std::string url;         // by_url
  std::string base64;      // !by_url
  std::string media_type;  // "image/png"; may be empty for a URL

  static BasicMedia from_url(std::string u, std::string type = {}) {
    BasicMedia m;
    m.url = std::move(u);
    m.media_type = std::move(type);
    return m;
  }
  static BasicMedia from_base64(std::string data, std::string type) {
    BasicMedia m;
    m.by_url = false;
    m.base64 = std::move(data);
    m.media_type = std::move(type);
    return m;
  }
  friend bool operator==(const BasicMedia& a, const BasicMedia& b) {
    return a.by_url == b.by_url && a.url == b.url && a.base64 == b.base64 && a.media_type == b.media_type;
  }
  friend bool operator!=(const BasicMedia& a, const BasicMedia& b) { return !(a == b); }
};

using Image = BasicMedia<MediaKind::Image>;
using Audio = BasicMedia<MediaKind::Audio>;
using Pdf = BasicMedia<MediaKind::Pdf>;
using Video = BasicMedia<MediaKind::Video>;

}  // namespace baml
