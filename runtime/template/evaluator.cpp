// Evaluator state: names and scopes, attribute and item access, iteration, the budget, and the
// conversion of template values back to baml::Value.
#include "template/evaluator.h"

#include <baml/errors.h>

#include "template/objects.h"
#include "template/operators.h"
#include "template/unicode.h"
#include "value/types.h"

namespace baml::tmpl {

using K = JValue::Kind;

Evaluator::Evaluator(const Environment& env, RenderOutput* output)
    : env_(env), output_(output), printer_{env.types, output} {
  frames_.emplace_back();
}

void Evaluator::fail(const std::string& message) const { throw_template_error(message); }

void Evaluator::step(std::size_t n) {
  steps_ = n > env_.limits.max_steps ? n : steps_ + n;  // a huge n must not wrap around
  if (steps_ > env_.limits.max_steps) {
    fail("template evaluation limit reached: more than " + std::to_string(env_.limits.max_steps) +
         " steps (loop iterations and node visits)");
  }
}

void Evaluator::check_size(std::size_t bytes) const {
  if (bytes > env_.limits.max_output_bytes) {
    fail("template output limit reached: more than " + std::to_string(env_.limits.max_output_bytes) + " bytes");
  }
}

std::string Evaluator::to_string(const JValue& v) const {
  if (v.is_string()) return v.as_string();
  std::string out;
  printer_.display(v, out);
  return out;
}

JValue Evaluator::lookup(std::string_view name) {
  for (std::size_t f = frames_.size(); f-- > base_;) {
    for (auto it = frames_[f].rbegin(); it != frames_[f].rend(); ++it) {
      if (it->name == name) return it->value;
    }
  }
  for (const auto& [k, v] : env_.variables) {
    if (k == name) return borrow(v);
  }
  if (env_.borrowed_variables) {
    for (const auto& [k, v] : *env_.borrowed_variables) {
      if (k == name) return borrow(v);
    }
  }
  return lookup_global(name);
}

JValue Evaluator::lookup_global(std::string_view name) {
  if (name == "ctx" && env_.ctx) {
    if (ctx_.is_undefined()) ctx_ = make_ctx(env_.ctx);
    return ctx_;
  }
  if (name == "_" && env_.role_helper) {
    if (role_helper_.is_undefined()) role_helper_ = make_role_helper();
    return role_helper_;
  }
  if (env_.macros) {
    auto it = env_.macros->find(name);
    if (it != env_.macros->end()) return make_macro(&it->second, it->first);
  }
  if (env_.types) {
    if (const ir::Enum* e = env_.types->find_enum(name)) return make_enum_type(e);
  }
  for (const auto& [n, v] : global_cache_) {
    if (n == name) return v;
  }
  JValue g = make_global(name);
  if (!g.is_undefined()) global_cache_.emplace_back(name, g);
  return g;
}

void Evaluator::assign(std::string_view name, JValue value) {
  Frame& frame = frames_.back();
  for (Binding& b : frame) {
    if (b.name == name) {
      b.value = std::move(value);
      return;
    }
  }
  frame.push_back(Binding{name, std::move(value)});
}

JValue Evaluator::get_attr(const JValue& object, std::string_view name) {
  switch (object.kind()) {
    case K::Instance:
    case K::BMap: {
      const Value* v = object.base().find(name);
      return v ? borrow(*v) : JValue();
    }
    case K::Dict:
      for (const auto& [k, v] : object.dict_entries()) {
        if (k.is_string() && k.as_string() == name) return v;
      }
      return {};
    case K::EnumValue:
      if (name == "value") return JValue::borrowed_string(&object.enum_name());
      return {};
    case K::Object: return object.as_object().attr(name);
    case K::Seq:
      if (object.seq_is_group()) {
        if (name == "grouper") return object.seq_items()[0];
        if (name == "list") return object.seq_items()[1];
      }
      [[fallthrough]];
    case K::BSeq: {
      std::size_t i = 0;
      if (name.empty() || name.size() > 18) return {};
      for (char c : name) {
        if (c < '0' || c > '9') return {};
        i = i * 10 + static_cast<std::size_t>(c - '0');
      }
      return i < object.seq_size() ? object.seq_at(i, env_.types) : JValue();
    }
    case K::Undefined:
      fail("undefined value: cannot look up attribute " + std::string(name) + " of an undefined value");
    default: return {};  // none.x is undefined, as in BAML
  }
}

JValue Evaluator::get_item(const JValue& object, const JValue& key) {
  if (key.kind() == K::String) return get_attr(object, key.as_string());
  if (key.kind() == K::Int || key.kind() == K::Bool) {
    std::int64_t i = key.kind() == K::Bool ? key.as_bool() : key.as_int();
    if (object.is_sequence()) {
      const auto n = static_cast<std::int64_t>(object.seq_size());
      if (i < 0) i += n;
      return i >= 0 && i < n ? object.seq_at(static_cast<std::size_t>(i), env_.types) : JValue();
    }
    if (object.is_string()) {
      // By character, as minijinja indexes strings.
      JItems chars = iterate(object);
      const auto n = static_cast<std::int64_t>(chars.size());
      if (i < 0) i += n;
      return i >= 0 && i < n ? chars[static_cast<std::size_t>(i)] : JValue();
    }
    if (object.kind() == K::Dict) {
      for (const auto& [k, v] : object.dict_entries()) {
        if (values_equal(k, key)) return v;
      }
      return {};
    }
  }
  if (object.kind() == K::Dict) {
    for (const auto& [k, v] : object.dict_entries()) {
      if (values_equal(k, key)) return v;
    }
    return {};
  }
  if (key.kind() == K::EnumValue) return get_attr(object, key.enum_name());
  if (object.kind() == K::Undefined) return get_attr(object, to_string(key));
  return {};
}

JItems Evaluator::iterate(const JValue& v) {
  JItems out;
  switch (v.kind()) {
    case K::Seq: return v.seq_items();
    case K::BSeq:
      out.reserve(v.base().items().size());
      for (const Value& item : v.base().items()) out.push_back(borrow(item));
      return out;
    case K::Dict:
      for (const auto& [k, val] : v.dict_entries()) out.push_back(k);
      return out;
    case K::BMap:
    case K::Instance:
      for (const auto& [k, val] : v.base().entries()) out.push_back(JValue::borrowed_string(&k));
      return out;
    case K::String: {
      const std::string& s = v.as_string();
      for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        next_code_point(s, i);
        out.push_back(JValue::string(s.substr(start, i - start)));
      }
      return out;
    }
    case K::Undefined: return out;
    case K::Object:
      if (v.as_object().is_mapping()) {
        for (auto& [k, val] : v.as_object().entries()) out.push_back(k);
        return out;
      }
      break;
    default: break;
  }
  fail("invalid operation: " + std::string(type_name(v)) + " is not iterable");
}

Value Evaluator::to_value(const JValue& v) const {
  switch (v.kind()) {
    case K::Undefined:
    case K::None: return Value::null();
    case K::Bool: return Value::boolean(v.as_bool());
    case K::Int: return Value::integer(v.as_int());
    case K::Float: return Value::floating(v.as_float());
    case K::String: return Value::string(v.as_string());
    case K::Seq: {
      Value::Items items;
      for (const JValue& item : v.seq_items()) items.push_back(to_value(item));
      return Value::list(std::move(items));
    }
    case K::Dict: {
      Value::Entries entries;
      for (const auto& [k, val] : v.dict_entries()) entries.emplace_back(to_string(k), to_value(val));
      return Value::map(std::move(entries));
    }
    case K::BSeq:
    case K::BMap:
    case K::Instance: return v.base();
    case K::EnumValue: return Value::string(v.enum_name());
    case K::Media: return Value::media(v.as_media());
    case K::Duration: return Value::duration(std::chrono::milliseconds(v.as_int()));
    case K::Object:
      if (v.as_object().is_mapping()) return to_value(JValue::dict(v.as_object().entries()));
      return Value::string(to_string(v));
  }
  return Value::null();
}

}  // namespace baml::tmpl
