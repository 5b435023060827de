// What generated clients are made of (CODEGEN.md, "Calls"): baml::Stream and baml::Future, the
// typed faces of stream_function and submit_function, and baml::gen, the conversions between
// baml::Value and generated types that client.cpp instantiates field by field (no JSON on the
// call path). C++17.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <baml/errors.h>
#include <baml/functions.h>
#include <baml/runtime.h>
#include <baml/types.h>
#include <baml/value.h>

namespace baml {

namespace gen {

// A cancellation token of the call's own, cancelled too when the caller's token (if any) is.
class LinkedCancel {
 public:
  explicit LinkedCancel(const CallOptions& options) {
    if (options.cancel) {
      parent_ = *options.cancel;
      CancellationToken own = own_;
      id_ = parent_->subscribe([own] { own.cancel(); });
    }
  }
  LinkedCancel(const LinkedCancel&) = delete;
  LinkedCancel& operator=(const LinkedCancel&) = delete;
  ~LinkedCancel() {
    if (parent_) parent_->unsubscribe(id_);
  }
  const CancellationToken& token() const { return own_; }

 private:
  CancellationToken own_;
  std::optional<CancellationToken> parent_;
  std::uint64_t id_ = 0;
};

}  // namespace gen

// A streaming call of a generated client: next() yields partial values as they arrive, final()
// the parsed answer or the call's error. Move-only; destroying it before the end cancels the call.
// The call runs on a thread of its own, feeding a queue that next() reads.
template <typename Partial, typename Final>
class Stream {
 public:
  using Start = std::function<FunctionResult(const CallOptions& options, const PartialCallback& on_partial)>;
  using ToPartial = Partial (*)(const PartialResult& partial);
  using ToFinal = Final (*)(const FunctionResult& result);

  Stream(Start starter, const CallOptions& options, ToPartial to_partial, ToFinal to_final)
      : state_(std::make_unique<State>(options)), to_partial_(to_partial), to_final_(to_final) {
    State* s = state_.get();
    CallOptions own = options;
    own.cancel = s->cancel.token();
    s->thread = std::thread([s, own, start = std::move(starter)] {
      try {
        FunctionResult r = start(own, [s](const PartialResult& p) {
          std::lock_guard<std::mutex> lock(s->mutex);
          s->queue.push_back(p);
          s->changed.notify_all();
        });
        std::lock_guard<std::mutex> lock(s->mutex);
        s->result = std::move(r);
        s->done = true;
      } catch (...) {
        std::lock_guard<std::mutex> lock(s->mutex);
        s->error = std::current_exception();
        s->done = true;
      }
      s->changed.notify_all();
    });
  }
  Stream(Stream&&) noexcept = default;
  Stream& operator=(Stream&& other) noexcept {
    if (this != &other) {
      stop();
      state_ = std::move(other.state_);
      to_partial_ = other.to_partial_;
      to_final_ = other.to_final_;
    }
    return *this;
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream() { stop(); }

  // The next partial value, waiting for it; nullopt once the call has ended (then call final()).
  // Throws nothing but what converting the value may throw (std::bad_alloc).
  std::optional<Partial> next() {
    if (!state_) return std::nullopt;
    PartialResult v;
    {
      std::unique_lock<std::mutex> lock(state_->mutex);
      state_->changed.wait(lock, [this] { return !state_->queue.empty() || state_->done; });
      if (state_->queue.empty()) return std::nullopt;
      v = std::move(state_->queue.front());
      state_->queue.pop_front();
    }
    return to_partial_(v);
  }

  // Waits for the end of the call: the parsed answer, or throws the call's typed error.
  Final final() {
    if (!state_) throw std::future_error(std::future_errc::no_state);
    if (state_->thread.joinable()) state_->thread.join();
    if (state_->error) std::rethrow_exception(state_->error);
    return to_final_(*state_->result);
  }

  // Cancels the call (final() then throws CancelledError, unless it had already ended).
  void cancel() {
    if (state_) state_->cancel.token().cancel();
  }

 private:
  struct State {
    explicit State(const CallOptions& options) : cancel(options) {}
    gen::LinkedCancel cancel;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<PartialResult> queue;
    bool done = false;
    std::optional<FunctionResult> result;
    std::exception_ptr error;
    std::thread thread;
  };
  void stop() {
    if (!state_) return;
    if (state_->thread.joinable()) {
      bool finished = false;
      {
        std::lock_guard<std::mutex> lock(state_->mutex);
        finished = state_->done;
      }
      if (!finished) state_->cancel.token().cancel();
      state_->thread.join();
    }
    state_.reset();
  }
  std::unique_ptr<State> state_;
  ToPartial to_partial_;
  ToFinal to_final_;
};

// An asynchronous call of a generated client, with std::future's interface. Destroying an
// unfinished future cancels the call.
template <typename T>
class Future {
 public:
  using ToFinal = T (*)(const FunctionResult& result);
  using Submit = std::function<FunctionFuture(const CallOptions& options)>;

  Future() = default;
  Future(const Submit& submit, const CallOptions& options, ToFinal to_final)
      : cancel_(std::make_unique<gen::LinkedCancel>(options)), to_final_(to_final) {
    CallOptions own = options;
    own.cancel = cancel_->token();
    inner_ = submit(own);
  }
  Future(Future&&) noexcept = default;
  Future& operator=(Future&& other) noexcept {
    if (this != &other) {
      abandon();
      inner_ = std::move(other.inner_);
      cancel_ = std::move(other.cancel_);
      to_final_ = other.to_final_;
    }
    return *this;
  }
  Future(const Future&) = delete;
  Future& operator=(const Future&) = delete;
  ~Future() { abandon(); }

  // The answer, or throws the call's typed error; then !valid().
  T get() {
    FunctionResult r = inner_.get();
    inner_ = FunctionFuture();
    return to_final_(r);
  }
  bool valid() const { return inner_.valid(); }
  void wait() const { inner_.wait(); }
  template <typename Rep, typename Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& d) const { return inner_.wait_for(d); }
  template <typename Clock, typename Duration>
  std::future_status wait_until(const std::chrono::time_point<Clock, Duration>& t) const { return inner_.wait_until(t); }
  void cancel() {
    if (cancel_) cancel_->token().cancel();
  }

 private:
  void abandon() {
    if (cancel_ && inner_.valid() && inner_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      cancel_->token().cancel();
    }
  }
  FunctionFuture inner_;
  std::unique_ptr<gen::LinkedCancel> cancel_;
  ToFinal to_final_ = nullptr;
};

namespace gen {

// The process-wide runtime of clients made without one (made on first use, never destroyed
// before the program's static objects that may still hold it).
std::shared_ptr<Runtime> default_runtime();

// Where a conversion is: the path of the value being read (".experience[1].title", the form of
// CheckResult::path), kept only when the result has checks to attach.
struct Ctx {
  const std::vector<CheckResult>* checks = nullptr;
  const std::vector<FieldState>* states = nullptr;  // a partial value's with_state fields
  std::string path;
  bool tracking() const { return (checks != nullptr && !checks->empty()) || (states != nullptr && !states->empty()); }
};

class PathScope {
 public:
  PathScope(Ctx& c, std::string_view piece) : c_(c), size_(c.path.size()) {
    if (c_.tracking()) c_.path.append(piece);
  }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;
  ~PathScope() {
    if (c_.tracking()) c_.path.resize(size_);
  }

 private:
  Ctx& c_;
  std::size_t size_;
};

inline std::string index_piece(std::size_t i) { return "[" + std::to_string(i) + "]"; }

// `[` + the key as a JSON string + `]`, as the runtime spells a map entry's path.
inline std::string key_piece(const std::string& key) {
  std::string out = "[\"";
  for (char ch : key) {
    const auto u = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          static const char* const hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xF];
        } else {
          out += ch;
        }
    }
  }
  return out + "\"]";
}

// The @check results named `names` at the current path.
template <typename T>
void collect_checks(const Ctx& c, std::initializer_list<const char*> names, Checked<T>& out) {
  if (c.checks == nullptr) return;
  for (const CheckResult& r : *c.checks) {
    if (r.is_assert || r.path != c.path) continue;
    for (const char* n : names) {
      if (r.name == n) {
        out.checks[r.name] = Check{r.name, r.expression, r.passed ? CheckStatus::Succeeded : CheckStatus::Failed};
      }
    }
  }
}

// The state of the with_state field at the current path (Pending when the parser names none).
inline StreamState state_at(const Ctx& c) {
  if (c.states != nullptr) {
    for (const FieldState& s : *c.states) {
      if (s.path == c.path) return s.state;
    }
  }
  return StreamState::Pending;
}

template <typename T>
struct Tag {};

// The conversions of one C++ type: Conv<T>::from (Value -> T, into `out`), ::to (T -> Value) and
// ::matches (whether a Value belongs to T: the arm a union's value takes). The standard and baml
// types are specialized here, each generated type in client.cpp. One class template, not
// overloads: a project with a thousand types would otherwise make every call weigh thousands of
// candidates.
template <typename T, typename Enable = void>
struct Conv;

template <typename T>
void from_value(const Value& v, T& out, Ctx& c) {
  Conv<T>::from(v, out, c);
}
template <typename T>
Value to_value(const T& x, Tag<void> = {}) {
  return Conv<T>::to(x);
}
template <typename T>
bool matches(const Value& v, Tag<T>) {
  return Conv<T>::matches(v);
}

template <>
struct Conv<std::string> {
  static void from(const Value& v, std::string& out, Ctx&) {
    if (v.kind() == Value::Kind::String) out = v.as_string();
  }
  static Value to(const std::string& x) { return Value::string(x); }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::String; }
};
template <>
struct Conv<std::string_view> {
  static Value to(std::string_view x) { return Value::string(std::string(x)); }
};
template <>
struct Conv<std::int64_t> {
  static void from(const Value& v, std::int64_t& out, Ctx&) {
    if (v.kind() == Value::Kind::Int) out = v.as_int();
  }
  static Value to(std::int64_t x) { return Value::integer(x); }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::Int; }
};
template <>
struct Conv<double> {
  static void from(const Value& v, double& out, Ctx&) {
    if (v.kind() == Value::Kind::Float) out = v.as_float();
    if (v.kind() == Value::Kind::Int) out = static_cast<double>(v.as_int());
  }
  static Value to(double x) { return Value::floating(x); }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::Float || v.kind() == Value::Kind::Int; }
};
template <>
struct Conv<bool> {
  static void from(const Value& v, bool& out, Ctx&) {
    if (v.kind() == Value::Kind::Bool) out = v.as_bool();
  }
  static Value to(bool x) { return Value::boolean(x); }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::Bool; }
};
template <>
struct Conv<std::chrono::milliseconds> {
  static void from(const Value& v, std::chrono::milliseconds& out, Ctx&) {
    if (v.kind() == Value::Kind::Duration) out = v.as_duration();
  }
  static Value to(std::chrono::milliseconds x) { return Value::duration(x); }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::Duration; }
};
template <MediaKind K>
struct Conv<BasicMedia<K>> {
  static void from(const Value& v, BasicMedia<K>& out, Ctx&) {
    if (v.kind() != Value::Kind::Media) return;
    const Media& m = v.as_media();
    out.by_url = m.by_url;
    out.url = m.url;
    out.base64 = m.base64;
    out.media_type = m.media_type;
  }
  static Value to(const BasicMedia<K>& m) {
    return Value::media(m.by_url ? Media::from_url(K, m.url, m.media_type) : Media::from_base64(K, m.base64, m.media_type));
  }
  static bool matches(const Value& v) { return v.kind() == Value::Kind::Media && v.as_media().kind == K; }
};
template <typename T>
struct Conv<Box<T>> {
  static void from(const Value& v, Box<T>& out, Ctx& c) { from_value(v, *out, c); }
  static Value to(const Box<T>& x) { return to_value(*x); }
  static bool matches(const Value& v) { return Conv<T>::matches(v); }
};
template <typename T>
struct Conv<Checked<T>> {
  static void from(const Value& v, Checked<T>& out, Ctx& c) { from_value(v, out.value, c); }
  static Value to(const Checked<T>& x) { return to_value(x.value); }
  static bool matches(const Value& v) { return Conv<T>::matches(v); }
};
template <typename T>
struct Conv<WithState<T>> {
  static void from(const Value& v, WithState<T>& out, Ctx& c) {
    from_value(v, out.value, c);
    out.state = state_at(c);
  }
  static bool matches(const Value& v) { return v.is_null() || Conv<T>::matches(v); }
};
template <typename T>
struct Conv<std::optional<T>> {
  static void from(const Value& v, std::optional<T>& out, Ctx& c) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    from_value(v, out.emplace(), c);
  }
  static Value to(const std::optional<T>& x) { return x ? to_value(*x) : Value::null(); }
  static bool matches(const Value& v) { return v.is_null() || Conv<T>::matches(v); }
};
template <typename T>
struct Conv<std::vector<T>> {
  static void from(const Value& v, std::vector<T>& out, Ctx& c) {
    out.clear();
    if (v.kind() != Value::Kind::List) return;
    out.reserve(v.items().size());
    std::size_t i = 0;
    for (const Value& item : v.items()) {
      PathScope scope(c, c.tracking() ? index_piece(i) : std::string());
      T element{};
      from_value(item, element, c);
      out.push_back(std::move(element));
      ++i;
    }
  }
  static Value to(const std::vector<T>& items) {
    Value::Items out;
    out.reserve(items.size());
    for (const auto& item : items) {
      if constexpr (std::is_same_v<T, bool>) {
        out.push_back(Value::boolean(item));
      } else {
        out.push_back(to_value(item));
      }
    }
    return Value::list(std::move(out));
  }
  static bool matches(const Value& v) {
    if (v.kind() != Value::Kind::List) return false;
    for (const Value& item : v.items()) {
      if (!Conv<T>::matches(item)) return false;
    }
    return true;
  }
};
// A map key as text: a string, or an enum value's name.
inline std::string key_text(const Value& v) {
  if (v.kind() == Value::Kind::Enum) return v.enum_value();
  if (v.kind() == Value::Kind::String) return v.as_string();
  return {};
}
template <typename K, typename T>
struct Conv<std::map<K, T>> {
  static void from(const Value& v, std::map<K, T>& out, Ctx& c) {
    out.clear();
    if (v.kind() != Value::Kind::Map) return;
    for (const auto& entry : v.entries()) {
      K key{};
      from_value(Value::string(entry.first), key, c);
      PathScope scope(c, c.tracking() ? key_piece(entry.first) : std::string());
      from_value(entry.second, out[key], c);
    }
  }
  static Value to(const std::map<K, T>& map) {
    Value::Entries out;
    out.reserve(map.size());
    for (const auto& entry : map) out.emplace_back(key_text(to_value(entry.first)), to_value(entry.second));
    return Value::map(std::move(out));
  }
  static bool matches(const Value& v) {
    if (v.kind() != Value::Kind::Map) return false;
    for (const auto& entry : v.entries()) {
      if (!Conv<T>::matches(entry.second)) return false;
    }
    return true;
  }
};
template <typename... Ts>
struct Conv<std::variant<Ts...>> {
  template <std::size_t I>
  static void from_arm(const Value& v, std::variant<Ts...>& out, Ctx& c) {
    if constexpr (I < sizeof...(Ts)) {
      using Arm = std::variant_alternative_t<I, std::variant<Ts...>>;
      if (Conv<Arm>::matches(v)) {
        from_value(v, out.template emplace<I>(), c);
        return;
      }
      from_arm<I + 1>(v, out, c);
    }
  }
  static void from(const Value& v, std::variant<Ts...>& out, Ctx& c) { from_arm<0>(v, out, c); }
  static Value to(const std::variant<Ts...>& x) {
    return std::visit([](const auto& arm) { return to_value(arm); }, x);
  }
  static bool matches(const Value& v) { return (Conv<Ts>::matches(v) || ...); }
};

}  // namespace gen
}  // namespace baml
