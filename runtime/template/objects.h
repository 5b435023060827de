// The Objects a template meets (object.h): `loop`, macros (template_strings), the globals,
// `ctx` and `ctx.client`, `_` with `_.role`, enum types (`Color`) and namespaces.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "template/ast.h"
#include "template/object.h"
#include "template/template.h"

namespace baml::ir {
struct Enum;
}

namespace baml::tmpl {

// `loop` inside a `for`: render.cpp advances `index` and fills `items`.
class LoopObject final : public Object {
 public:
  LoopObject(const ast::Node* node, std::size_t depth) : node_(node), depth_(depth) {}

  std::string_view type() const override { return "loop"; }
  bool holds_state() const override { return true; }
  JValue attr(std::string_view name) const override;
  JValue call(Evaluator& ev, const CallArgs& args) override;  // recursive loops: loop(children)
  JValue call_method(Evaluator& ev, std::string_view name, const CallArgs& args) override;
  void print(std::string& out) const override;

  const JItems* items = nullptr;
  std::size_t index = 0;  // 0-based

 private:
  const ast::Node* node_;
  std::size_t depth_;
  JValue last_changed_;
  bool changed_seen_ = false;
};

// The global function `name`, or undefined.
JValue make_global(std::string_view name);
JValue make_macro(const Macro* macro, std::string_view name);
JValue make_ctx(const PromptContext* ctx);
JValue make_role_helper();
JValue make_enum_type(const ir::Enum* e);

}  // namespace baml::tmpl

namespace baml::tmpl {
// `{% set ns.attr = value %}`; false when `ns` is not a namespace. Fails (TemplateError) for a
// value a namespace cannot hold: a namespace or `loop`, or lists and dicts nested over 100 deep.
bool namespace_set(const Evaluator& ev, const JValue& ns, std::string_view attribute, JValue value);
}  // namespace baml::tmpl
