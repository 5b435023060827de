// Template values that are not data: macros, `loop`, `range` and the other globals, `_`, `ctx`,
// a namespace, an enum type. Each is an Object subclass that answers the few operations Jinja
// applies to it (attribute, call, method call, printing). Dispatch is virtual because the set is
// open-ended and none of it is on the hot path of printing data.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "template/jvalue.h"

namespace baml::tmpl {

class Evaluator;

// The arguments of a call, evaluated, in written order within each group.
struct CallArgs {
  std::vector<JValue> positional;
  std::vector<std::pair<std::string_view, JValue>> named;

  const JValue* find(std::string_view name) const {
    for (const auto& [n, v] : named) {
      if (n == name) return &v;
    }
    return nullptr;
  }
};

class Object {
 public:
  virtual ~Object() = default;
  // For messages: "macro", "namespace", "loop", ...
  virtual std::string_view type() const = 0;
  virtual JValue attr(std::string_view /*name*/) const { return {}; }
  // Throws TemplateError (not callable) unless overridden.
  virtual JValue call(Evaluator& ev, const CallArgs& args);
  // `obj.name(args)`; throws TemplateError (unknown method) unless overridden.
  virtual JValue call_method(Evaluator& ev, std::string_view name, const CallArgs& args);
  // What `{{ obj }}` prints.
  virtual void print(std::string& out) const;
  // Namespaces and ctx.client answer `is mapping`, iterate their keys and print as dicts.
  virtual bool is_mapping() const { return false; }
  virtual JEntries entries() const { return {}; }
  // `{% if obj %}`: true unless overridden (an empty namespace and ctx.output_format are false,
  // as in BAML).
  virtual bool truthy() const { return true; }
  // Whether the object's contents can change (a namespace, `loop`) or it holds such an object
  // (JValue::holds_state).
  virtual bool holds_state() const { return false; }
};

}  // namespace baml::tmpl
