#include "function/checks.h"

#include <nlohmann/json.hpp>

#include <baml/errors.h>

namespace baml::fn {
namespace {

constexpr int kMaxDepth = 128;

void compile(const std::vector<ir::Check>& checks, CompiledChecks& out, const std::string& where) {
  for (const ir::Check& c : checks) {
    if (!c.expression_ast) continue;
    out.emplace(&c, tmpl::compile_expression(*c.expression_ast, where + " check `" + c.name + "`"));
  }
}

bool run_check(const ir::Check& check, const Value& self, const ir::TypeSystem& types, const CompiledChecks& compiled) {
  auto it = compiled.find(&check);
  if (it == compiled.end()) return false;
  tmpl::Environment env;
  env.types = &types;
  env.variables = {{"this", self}};
  try {
    return tmpl::truthy(tmpl::evaluate(*it->second, env));
  } catch (const TemplateError&) {
    return false;  // an expression that cannot be evaluated on this value does not hold
  }
}

void run_all(const std::vector<ir::Check>& checks, const Value& self, const std::string& path,
             const ir::TypeSystem& types, const CompiledChecks& compiled, std::vector<CheckResult>& out) {
  for (const ir::Check& c : checks) {
    out.push_back(CheckResult{path, c.name, c.expression, c.is_assert, run_check(c, self, types, compiled)});
  }
}

// Whether `value` is a value of `type` (to find the union member it is).
bool is_of(const Value& value, const ir::Type& declared, const ir::TypeSystem& types, int depth) {
  if (depth > kMaxDepth) return false;
  const ir::Type& type = types.resolve(declared);
  using K = ir::Type::Kind;
  using VK = Value::Kind;
  switch (type.kind) {
    case K::Null: return value.is_null();
    case K::Optional: return value.is_null() || is_of(value, type.inner(), types, depth + 1);
    case K::Int: return value.kind() == VK::Int;
    case K::Float: return value.kind() == VK::Float || value.kind() == VK::Int;
    case K::String: return value.kind() == VK::String;
    case K::Bool: return value.kind() == VK::Bool;
    case K::Duration: return value.kind() == VK::Duration;
    case K::Image:
    case K::Audio:
    case K::Pdf:
    case K::Video: return value.kind() == VK::Media;
    case K::Class: return value.kind() == VK::Class && value.class_name() == type.name;
    case K::Enum: return value.kind() == VK::Enum && value.enum_name() == type.name;
    case K::List: return value.kind() == VK::List;
    case K::Map: return value.kind() == VK::Map;
    case K::Literal: return value == type.literal;
    case K::Union:
      for (const ir::Type& m : type.children) {
        if (is_of(value, m, types, depth + 1)) return true;
      }
      return false;
    case K::Alias: return false;
  }
  return false;
}

void walk(const Value& value, const ir::Type& declared, const std::string& path, const ir::TypeSystem& types,
          const CompiledChecks& compiled, std::vector<CheckResult>& out, int depth, bool partial) {
  if (depth > kMaxDepth || value.is_null()) return;
  // The type's own checks (`-> int @check(...)`, `(Item @check(...))[]`), then those of each
  // alias on the way to the type (`type Positive = int @check(...)`) and of the types they name.
  run_all(declared.checks, value, path, types, compiled, out);
  const ir::Type* alias = &declared;
  for (int hops = 0; alias->kind == ir::Type::Kind::Alias && hops < kMaxDepth; ++hops) {
    const ir::Alias* a = types.find_alias(alias->name);
    if (!a) break;
    run_all(a->checks, value, path, types, compiled, out);
    alias = &a->type;
    run_all(alias->checks, value, path, types, compiled, out);
  }
  const ir::Type& type = types.resolve(declared);
  using K = ir::Type::Kind;
  switch (type.kind) {
    case K::Optional: walk(value, type.inner(), path, types, compiled, out, depth + 1, partial); return;
    case K::List:
      if (value.kind() != Value::Kind::List) return;
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        walk(value.items()[i], type.items(), path + "[" + std::to_string(i) + "]", types, compiled, out, depth + 1, partial);
      }
      return;
    case K::Map:
      if (value.kind() != Value::Kind::Map) return;
      for (const auto& [key, item] : value.entries()) {
        walk(item, type.value(), path + "[" + nlohmann::json(key).dump() + "]", types, compiled, out, depth + 1, partial);
      }
      return;
    case K::Union:
      for (const ir::Type& m : type.children) {
        if (is_of(value, m, types, depth + 1)) {
          walk(value, m, path, types, compiled, out, depth + 1, partial);
          return;
        }
      }
      return;
    case K::Class: {
      if (value.kind() != Value::Kind::Class) return;
      const ir::Class* cls = types.find_class(value.class_name());
      if (!cls) return;
      for (const ir::Field& f : cls->fields) {
        const Value* fv = value.find(f.name);
        const Value field_value = fv ? *fv : Value::null();
        const std::string at = path + "." + f.name;
        // A check on an optional field constrains the value when there is one; in a partial
        // value a field is checked once it has arrived, and a field's @assert waits for the
        // final answer (BAML 0.226.2's parseStream does all three; class @@asserts still apply).
        const bool absent = field_value.is_null() &&
                            (partial || types.resolve(f.type).kind == ir::Type::Kind::Optional);
        if (!absent) {
          for (const ir::Check& c : f.checks) {
            if (partial && c.is_assert) continue;
            out.push_back(CheckResult{at, c.name, c.expression, c.is_assert, run_check(c, field_value, types, compiled)});
          }
        }
        walk(field_value, f.type, at, types, compiled, out, depth + 1, partial);
      }
      run_all(cls->checks, value, path, types, compiled, out);
      return;
    }
    default: return;
  }
}

}  // namespace

void compile_checks(const ir::TypeSystem& types, CompiledChecks& out) {
  for (const ir::Class& c : types.classes()) {
    compile(c.checks, out, "class " + c.name);
    for (const ir::Field& f : c.fields) {
      compile(f.checks, out, "field " + c.name + "." + f.name);
      compile_checks(f.type, out, "field " + c.name + "." + f.name);
    }
  }
  for (const ir::Alias& a : types.aliases()) {
    compile(a.checks, out, "type alias " + a.name);
    compile_checks(a.type, out, "type alias " + a.name);
  }
}

void compile_checks(const std::vector<ir::Parameter>& parameters, CompiledChecks& out) {
  for (const ir::Parameter& p : parameters) {
    compile(p.checks, out, "parameter " + p.name);
    compile_checks(p.type, out, "parameter " + p.name);
  }
}

void compile_checks(const ir::Type& type, CompiledChecks& out, const std::string& where) {
  std::vector<const ir::Type*> pending{&type};  // no recursion: a deep type cannot overflow the stack
  while (!pending.empty()) {
    const ir::Type* t = pending.back();
    pending.pop_back();
    compile(t->checks, out, where);
    for (const ir::Type& child : t->children) pending.push_back(&child);
  }
}

std::vector<CheckResult> evaluate_checks(const Value& value, const ir::Type& type, const ir::TypeSystem& types,
                                         const CompiledChecks& compiled, bool partial) {
  std::vector<CheckResult> out;
  // A program without a check: nothing to find, and a stream's every partial would be walked.
  if (compiled.empty()) return out;
  walk(value, type, "", types, compiled, out, 0, partial);
  return out;
}

void throw_failed_assert(const std::vector<CheckResult>& results, const std::string& raw_text) {
  for (const CheckResult& r : results) {
    if (!r.is_assert || r.passed) continue;
    ErrorInfo info;
    info.type = ErrorType::Validation;
    info.detail = "assert `" + r.name + "` failed" + (r.path.empty() ? "" : " at " + r.path) + ": " + r.expression;
    info.raw_output = raw_text;
    throw_error(std::move(info));
  }
}

void check_parameters(const Args& args, const std::vector<ir::Parameter>& parameters, const ir::TypeSystem& types,
                      const CompiledChecks& compiled) {
  for (const ir::Parameter& p : parameters) {
    if (p.checks.empty()) continue;
    const Value* given = nullptr;
    for (const auto& [name, value] : args) {
      if (name == p.name) given = &value;
    }
    const Value self = given ? *given : Value::null();
    for (const ir::Check& c : p.checks) {
      if (c.is_assert && !run_check(c, self, types, compiled)) {
        throw_invalid_argument("parameter `" + p.name + "`: assert `" + c.name + "` failed: " + c.expression);
      }
    }
  }
}

}  // namespace baml::fn
