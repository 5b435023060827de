// The template's non-data values (see objects.h).
#include "template/objects.h"

#include <map>

#include "template/evaluator.h"
#include "template/operators.h"
#include "value/types.h"

namespace baml::tmpl {

JValue Object::call(Evaluator& ev, const CallArgs& /*args*/) {
  ev.fail("invalid operation: " + std::string(type()) + " is not callable");
}

JValue Object::call_method(Evaluator& ev, std::string_view name, const CallArgs& args) {
  JValue a = attr(name);
  if (a.kind() == JValue::Kind::Object) return a.as_object().call(ev, args);
  ev.fail("unknown method: " + std::string(type()) + " has no method named " + std::string(name));
}

void Object::print(std::string& out) const {
  out += '<';
  out += type();
  out += '>';
}

// ---- loop ----

JValue LoopObject::attr(std::string_view name) const {
  const std::size_t length = items ? items->size() : 0;
  auto i = [](std::size_t n) { return JValue::integer(static_cast<std::int64_t>(n)); };
  if (name == "index") return i(index + 1);
  if (name == "index0") return i(index);
  if (name == "revindex") return i(length - index);
  if (name == "revindex0") return i(length - index - 1);
  if (name == "first") return JValue::boolean(index == 0);
  if (name == "last") return JValue::boolean(index + 1 == length);
  if (name == "length") return i(length);
  if (name == "depth") return i(depth_);
  if (name == "depth0") return i(depth_ - 1);
  if (name == "previtem") return index > 0 && items ? (*items)[index - 1] : JValue();
  if (name == "nextitem") return index + 1 < length ? (*items)[index + 1] : JValue();
  return {};
}

JValue LoopObject::call(Evaluator& ev, const CallArgs& args) {
  if (!node_->recursive) ev.fail("invalid operation: cannot recurse outside of recursive loop");
  if (args.positional.size() != 1 || !args.named.empty()) ev.fail("loop() takes exactly one argument");
  std::string out;
  ev.run_loop(*node_, args.positional[0], depth_ + 1, out);
  return JValue::string(std::move(out));
}

JValue LoopObject::call_method(Evaluator& ev, std::string_view name, const CallArgs& args) {
  if (name == "cycle") {
    if (args.positional.empty()) return {};
    return args.positional[index % args.positional.size()];
  }
  if (name == "changed") {
    JValue now = JValue::seq(args.positional);
    // Kept until the next call: a namespace or a loop (this one) kept here could hold the loop.
    if (now.holds_state()) ev.fail("invalid operation: loop.changed() cannot take a namespace or a loop");
    const bool changed = !changed_seen_ || !values_equal(now, last_changed_);
    changed_seen_ = true;
    last_changed_ = std::move(now);
    return JValue::boolean(changed);
  }
  return Object::call_method(ev, name, args);
}

void LoopObject::print(std::string& out) const {
  out += "<loop ";
  out += std::to_string(index);
  out += '/';
  out += std::to_string(items ? items->size() : 0);
  out += '>';
}

namespace {

std::int64_t int_arg(Evaluator& ev, const JValue& v, std::string_view what) {
  if (v.kind() != JValue::Kind::Int) ev.fail(std::string(what) + ": expected an integer, got " + std::string(type_name(v)));
  return v.as_int();
}

// ---- globals ----

enum class Global { Range, Dict, Namespace, Joiner, Cycler, Lipsum, Debug };

class NamespaceObject final : public Object {
 public:
  std::string_view type() const override { return "namespace"; }
  JValue attr(std::string_view name) const override {
    for (const auto& [k, v] : values) {
      if (k == name) return v;
    }
    return {};
  }
  bool is_mapping() const override { return true; }
  JEntries entries() const override {
    JEntries out;
    for (const auto& [k, v] : values) out.emplace_back(JValue::string(k), v);
    return out;
  }
  bool truthy() const override { return !values.empty(); }
  void print(std::string& out) const override {
    Printer p;
    p.repr(JValue::dict(entries()), out);
  }
  bool holds_state() const override { return true; }
  std::vector<std::pair<std::string, JValue>> values;
};

// What a namespace attribute may hold: not a namespace or a `loop` (at any depth), through which a
// namespace could come to hold itself (never freed, printed without end) or a chain of namespaces
// as long as a loop runs; and nothing nested more than kMaxNesting lists and dicts deep, which
// `{% set ns.x = [ns.x] %}` in a loop would otherwise build. Values that deep would overflow the
// stack when printed, compared or freed (BAML's minijinja overflows its own on both).
constexpr std::uint32_t kMaxNamespaceNesting = 100;

void check_namespace_value(const Evaluator& ev, const JValue& value) {
  if (value.holds_state()) ev.fail("invalid operation: a namespace cannot hold a namespace or a loop");
  if (value.nesting() > kMaxNamespaceNesting) {
    ev.fail("invalid operation: a namespace cannot hold a value nested more than " +
            std::to_string(kMaxNamespaceNesting) + " lists or dicts deep");
  }
}

class JoinerObject final : public Object {
 public:
  explicit JoinerObject(std::string sep) : sep_(std::move(sep)) {}
  std::string_view type() const override { return "joiner"; }
  JValue call(Evaluator&, const CallArgs&) override {
    if (!used_) {
      used_ = true;
      return JValue::string("");
    }
    return JValue::string(sep_);
  }

 private:
  std::string sep_;
  bool used_ = false;
};

class CyclerObject final : public Object {
 public:
  explicit CyclerObject(JItems items) : items_(std::move(items)) {
    for (const JValue& item : items_) holds_state_ = holds_state_ || item.holds_state();
  }
  std::string_view type() const override { return "cycler"; }
  bool holds_state() const override { return holds_state_; }
  JValue attr(std::string_view name) const override {
    if (name == "current") return items_.empty() ? JValue() : items_[pos_ % items_.size()];
    return {};
  }
  JValue call_method(Evaluator& ev, std::string_view name, const CallArgs& args) override {
    if (name == "next") {
      if (items_.empty()) return {};
      return items_[pos_++ % items_.size()];
    }
    if (name == "reset") {
      pos_ = 0;
      return {};
    }
    return Object::call_method(ev, name, args);
  }

 private:
  JItems items_;
  std::size_t pos_ = 0;
  bool holds_state_ = false;
};

constexpr std::string_view kLorem =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex "
    "ea commodo consequat.";

class GlobalFunction final : public Object {
 public:
  GlobalFunction(Global g, std::string_view name) : global_(g), name_(name) {}
  std::string_view type() const override { return "function"; }
  void print(std::string& out) const override {
    out += "<function ";
    out += name_;
    out += '>';
  }
  JValue call(Evaluator& ev, const CallArgs& args) override {
    switch (global_) {
      case Global::Range: return range(ev, args);
      case Global::Dict: {
        JEntries entries;
        if (!args.positional.empty()) {
          for (const JValue& k : ev.iterate(args.positional[0])) {
            entries.emplace_back(k, ev.get_item(args.positional[0], k));
          }
        }
        for (const auto& [k, v] : args.named) entries.emplace_back(JValue::string(std::string(k)), v);
        return JValue::dict(std::move(entries));
      }
      case Global::Namespace: {
        auto ns = std::make_shared<NamespaceObject>();
        if (!args.positional.empty()) {
          for (const JValue& k : ev.iterate(args.positional[0])) {
            ns->values.emplace_back(ev.to_string(k), ev.get_item(args.positional[0], k));
            check_namespace_value(ev, ns->values.back().second);
          }
        }
        for (const auto& [k, v] : args.named) {
          check_namespace_value(ev, v);
          ns->values.emplace_back(std::string(k), v);
        }
        return JValue::object(std::move(ns));
      }
      case Global::Joiner: {
        const JValue* sep = args.find("sep");
        if (!sep && !args.positional.empty()) sep = &args.positional[0];
        return JValue::object(std::make_shared<JoinerObject>(sep ? ev.to_string(*sep) : ", "));
      }
      case Global::Cycler: return JValue::object(std::make_shared<CyclerObject>(args.positional));
      case Global::Lipsum: {
        const JValue* n = args.find("n");
        if (!n && !args.positional.empty()) n = &args.positional[0];
        const std::int64_t count = n ? int_arg(ev, *n, "lipsum") : 5;
        std::string out;
        for (std::int64_t i = 0; i < count; ++i) {
          if (i) out += "\n\n";
          out += kLorem;
          ev.check_size(out.size());
        }
        return JValue::string(std::move(out));
      }
      case Global::Debug: return JValue::string("<debug>");
    }
    return {};
  }

 private:
  static JValue range(Evaluator& ev, const CallArgs& args) {
    if (args.positional.empty() || args.positional.size() > 3 || !args.named.empty()) {
      ev.fail("range() takes 1 to 3 integer arguments");
    }
    std::int64_t start = 0, stop = 0, step = 1;
    if (args.positional.size() == 1) {
      stop = int_arg(ev, args.positional[0], "range");
    } else {
      start = int_arg(ev, args.positional[0], "range");
      stop = int_arg(ev, args.positional[1], "range");
      if (args.positional.size() == 3) step = int_arg(ev, args.positional[2], "range");
    }
    if (step == 0) ev.fail("invalid operation: cannot create range with step of 0");
    constexpr long double kMax = 100000;  // minijinja's limit
    const long double n = (static_cast<long double>(stop) - start) / step;
    if (n > kMax) ev.fail("invalid operation: range has too many elements");
    JItems items;
    if (n > 0) items.reserve(static_cast<std::size_t>(n) + 1);
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop;) {
      items.push_back(JValue::integer(i));
      if (__builtin_add_overflow(i, step, &i)) break;  // the next one would be past any int64 stop
    }
    ev.step(items.size());
    return JValue::seq(std::move(items));
  }

  Global global_;
  std::string_view name_;
};

// ---- macros ----

class MacroObject final : public Object {
 public:
  MacroObject(const Macro* macro, std::string_view name) : macro_(macro), name_(name) {}
  std::string_view type() const override { return "macro"; }
  JValue call(Evaluator& ev, const CallArgs& args) override { return ev.call_macro(*macro_, name_, args); }
  void print(std::string& out) const override {
    out += "<macro ";
    out += name_;
    out += '>';
  }

 private:
  const Macro* macro_;
  std::string_view name_;
};

// ---- ctx ----

class OutputFormatObject final : public Object {
 public:
  explicit OutputFormatObject(const PromptContext* ctx) : ctx_(ctx) {}
  std::string_view type() const override { return "output_format"; }
  JValue call(Evaluator& ev, const CallArgs& args) override {
    if (!args.positional.empty()) ev.fail("ctx.output_format takes only named options");
    Value::Entries options;
    for (const auto& [k, v] : args.named) options.emplace_back(std::string(k), ev.to_value(v));
    return JValue::string(ctx_->output_format ? ctx_->output_format(options) : std::string());
  }
  void print(std::string& out) const override {
    if (ctx_->output_format) out += ctx_->output_format({});
  }
  // BAML's ctx.output_format is an empty map that prints as the schema: `is mapping`, length 0,
  // false in an `if`.
  bool is_mapping() const override { return true; }
  bool truthy() const override { return false; }

 private:
  const PromptContext* ctx_;
};

class ClientObject final : public Object {
 public:
  explicit ClientObject(const PromptContext* ctx) : ctx_(ctx) {}
  std::string_view type() const override { return "client"; }
  JValue attr(std::string_view name) const override {
    if (name == "name") return JValue::borrowed_string(&ctx_->client_name);
    if (name == "provider") return JValue::borrowed_string(&ctx_->client_provider);
    if (const Value* detail = details().find(name)) return JValue::borrow(*detail, nullptr);
    return {};
  }
  bool is_mapping() const override { return true; }
  JEntries entries() const override {
    JEntries out;
    for (std::string_view key : {"name", "provider", "default_role", "allowed_roles", "remap_role", "options"})
      out.emplace_back(JValue::string(std::string(key)), attr(key));
    return out;
  }
  void print(std::string& out) const override { Printer{}.repr(JValue::dict(entries()), out); }

 private:
  const Value& details() const {
    if (!ctx_->client_details_built) {
      ctx_->client_details_built = ctx_->client_details ? ctx_->client_details() : Value::map({});
    }
    return *ctx_->client_details_built;
  }

  const PromptContext* ctx_;
};

class CtxObject final : public Object {
 public:
  explicit CtxObject(const PromptContext* ctx) : ctx_(ctx) {}
  std::string_view type() const override { return "ctx"; }
  JValue attr(std::string_view name) const override {
    if (name == "output_format") return JValue::object(std::make_shared<OutputFormatObject>(ctx_));
    if (name == "client") return JValue::object(std::make_shared<ClientObject>(ctx_));
    if (name == "tags") return JValue::borrow(ctx_->tags, nullptr);
    return {};
  }

 private:
  const PromptContext* ctx_;
};

// ---- _ ----

class RoleHelper final : public Object {
 public:
  std::string_view type() const override { return "role helper"; }
  JValue call_method(Evaluator& ev, std::string_view name, const CallArgs& args) override {
    if (name != "role" && name != "chat") return Object::call_method(ev, name, args);
    RoleMarker marker;
    const JValue* role = args.positional.empty() ? args.find("role") : &args.positional[0];
    if (!role || args.positional.size() > 1) ev.fail("_." + std::string(name) + "() takes one role");
    if (role->is_none() || role->is_undefined()) {
      ev.fail("missing argument: _." + std::string(name) + "() called without a role; write _." + std::string(name) +
              "(\"user\") or _." + std::string(name) + "(role=\"user\")");
    }
    marker.role = ev.to_string(*role);
    for (const auto& [k, v] : args.named) {
      if (k != "role") marker.metadata.emplace_back(std::string(k), ev.to_value(v));
    }
    RenderOutput* out = ev.output();
    if (!out) ev.fail("_." + std::string(name) + "() is only available in prompts");
    std::string text = tmpl::marker('r', out->roles.size(), out->nonce);
    out->roles.push_back(std::move(marker));
    return JValue::string(std::move(text));
  }
};

// ---- enum types ----

class EnumTypeObject final : public Object {
 public:
  explicit EnumTypeObject(const ir::Enum* e) : enum_(e) {}
  std::string_view type() const override { return "enum"; }
  JValue attr(std::string_view name) const override {
    const ir::EnumValue* v = enum_->find_value(name);
    if (!v) return {};
    return JValue::enum_value_of(&v->name, &v->rendered_name());
  }
  bool is_mapping() const override { return true; }
  void print(std::string& out) const override { out += "{}"; }

 private:
  const ir::Enum* enum_;
};

}  // namespace

bool namespace_set(const Evaluator& ev, const JValue& ns, std::string_view attribute, JValue value) {
  if (ns.kind() != JValue::Kind::Object) return false;
  auto* obj = dynamic_cast<NamespaceObject*>(&ns.as_object());
  if (!obj) return false;
  check_namespace_value(ev, value);
  for (auto& [k, v] : obj->values) {
    if (k == attribute) {
      v = std::move(value);
      return true;
    }
  }
  obj->values.emplace_back(std::string(attribute), std::move(value));
  return true;
}

JValue make_global(std::string_view name) {
  static const std::pair<std::string_view, Global> kGlobals[] = {
      {"range", Global::Range},   {"dict", Global::Dict},     {"namespace", Global::Namespace},
      {"joiner", Global::Joiner}, {"cycler", Global::Cycler}, {"lipsum", Global::Lipsum},
      {"debug", Global::Debug},
  };
  for (const auto& [n, g] : kGlobals) {
    if (n == name) return JValue::object(std::make_shared<GlobalFunction>(g, n));
  }
  return {};
}

JValue make_macro(const Macro* macro, std::string_view name) {
  return JValue::object(std::make_shared<MacroObject>(macro, name));
}
JValue make_ctx(const PromptContext* ctx) { return JValue::object(std::make_shared<CtxObject>(ctx)); }
JValue make_role_helper() { return JValue::object(std::make_shared<RoleHelper>()); }
JValue make_enum_type(const ir::Enum* e) { return JValue::object(std::make_shared<EnumTypeObject>(e)); }

}  // namespace baml::tmpl
