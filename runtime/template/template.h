// The template evaluator: the IR's template form (docs/ir-templates.md) evaluated with BAML
// 0.226.2's semantics (minijinja, trim_blocks + lstrip_blocks, lenient undefined). It knows
// nothing of prompts: the caller gives it the names a template sees (variables, template_string
// macros, enums, a `ctx` object, the `_` helper) through an Environment, and gets text back.
// Prompts, template_string bodies and @check/@assert expressions all go through it.
//
// Role markers (`_.role(...)`) and media values cannot be text, so rendering yields them as
// markers inside the text, indexes into RenderOutput's tables (see markers below); the message
// splitter (runtime/function/) turns them into chat messages and content parts.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/value.h>

namespace baml::ir {
class TypeSystem;
}

namespace baml::tmpl {

// A template compiled once from its IR JSON ({"dedent": N, "nodes": [...]}).
class Template;
// An expression compiled once from its IR JSON (a check's `expression_ast`).
class Expression;

// Throws ConfigError naming `where` when the JSON is not a template / expression of the IR.
// A template_string's body keeps the indentation its first line has beyond the others (BAML
// trims only the blank lines before it); a prompt's does not.
enum class TemplateRole { Prompt, TemplateString };
std::shared_ptr<const Template> compile_template(const nlohmann::json& ir_template, const std::string& where,
                                                 TemplateRole role = TemplateRole::Prompt);
std::shared_ptr<const Expression> compile_expression(const nlohmann::json& ir_expression, const std::string& where);

// A template_string: a macro of its parameters returning its rendered body.
struct Macro {
  std::vector<std::string> parameters;
  std::shared_ptr<const Template> body;
};

// `_.role("user", cache_control={"type": "ephemeral"})`: the role and its other named arguments.
struct RoleMarker {
  std::string role;
  Value::Entries metadata;
};

// The `ctx` object of a prompt. `output_format` is called for `{{ ctx.output_format }}` (no
// options) and `{{ ctx.output_format(prefix=..., ...) }}` with the named options as given.
struct PromptContext {
  std::function<std::string(const Value::Entries& options)> output_format;
  std::string client_name;
  std::string client_provider;
  // The rest of ctx.client, a map of default_role, allowed_roles, remap_role and options (the
  // options its requests carry in their body: no key, URL or header reaches a prompt). Built the
  // first time a prompt reads one of them, which most prompts never do.
  std::function<Value()> client_details;
  mutable std::optional<Value> client_details_built;
  Value tags = Value::map({});
};

// What evaluation may spend before it stops with an error (not a hang): a template that loops
// over a huge range or recurses through template_strings.
struct Limits {
  std::size_t max_output_bytes = 64u << 20;
  std::size_t max_steps = 50'000'000;  // loop iterations + node visits
  std::size_t max_call_depth = 64;     // nested macro calls
};

struct Environment {
  const ir::TypeSystem* types = nullptr;  // enums by name, aliases for printing classes/enums
  Value::Entries variables;              // parameters, `this`, ...
  // More variables, owned by the caller and not copied (a function's arguments), looked up after
  // `variables`; must outlive the render.
  const Value::Entries* borrowed_variables = nullptr;
  const std::map<std::string, Macro, std::less<>>* macros = nullptr;
  const PromptContext* ctx = nullptr;  // null: `ctx` is undefined (check expressions)
  bool role_helper = false;            // `_.role` / `_.chat` available (prompts)
  Limits limits;
};

struct RenderOutput {
  std::string text;                // with markers
  std::vector<RoleMarker> roles;   // marker 'r' indexes this
  std::vector<Media> media;        // marker 'm' indexes this
  std::string nonce;               // this render's, in every marker it wrote
};

// The markers inside RenderOutput::text: kMarker, a letter ('r' role, 'm' media), the decimal
// index into the table, ':', the render's nonce, kMarker. The nonce is random and never shown, so
// an argument holding bytes of this shape (a role marker smuggled into a user's text) is text, not
// a marker.
inline constexpr char kMarker = '\x1e';
std::string marker(char letter, std::size_t index, std::string_view nonce);

// Renders `tmpl` (dedent, trim, whitespace control, then evaluation). Throws TemplateError with
// a message that says what failed (an unknown filter, a bad argument, a limit reached).
RenderOutput render(const Template& tmpl, const Environment& env);

// Evaluates an expression (a check) to a Value; Jinja truthiness for a check's result is
// `truthy(value)`. Throws TemplateError.
Value evaluate(const Expression& expr, const Environment& env);
bool truthy(const Value& value);

}  // namespace baml::tmpl
