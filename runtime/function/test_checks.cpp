// A test block's @@check / @@assert expressions (include/baml/test_checks.h): compiled once,
// evaluated with `this` and the `_` object of tests. For a failure report, the operands of each
// comparison in the expression are printed back from the expression's IR and evaluated too.
#include <baml/test_checks.h>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/value_json.h>

#include "function/program.h"
#include "template/template.h"

namespace baml {
namespace {

constexpr std::size_t kMaxOperandText = 300;

struct CompiledCheck {
  std::string name;
  std::string expression;
  bool is_assert = false;
  std::shared_ptr<const tmpl::Expression> compiled;
  std::vector<std::pair<std::string, std::shared_ptr<const tmpl::Expression>>> operands;
};

bool is_comparison(const std::string& op) {
  return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" || op == "in" ||
         op == "not in";
}

// The expression written back as Jinja, for the names of operands ("" when it is not worth it).
std::string expression_text(const nlohmann::json& e, int depth = 0) {
  if (depth > 16 || !e.is_object()) return "";
  const std::string kind = e.value("kind", "");
  auto sub = [&](const char* key) { return e.contains(key) ? expression_text(e[key], depth + 1) : std::string(); };
  auto args = [&](const nlohmann::json& list) {
    std::string out;
    for (const auto& a : list) {
      if (!out.empty()) out += ", ";
      if (a.contains("name") && a["name"].is_string()) out += a["name"].get<std::string>() + "=";
      out += expression_text(a.value("value", nlohmann::json()), depth + 1);
    }
    return out;
  };
  if (kind == "var") return e.value("name", "");
  if (kind == "string" || kind == "int" || kind == "float" || kind == "bool") return e["value"].dump();
  if (kind == "none") return "none";
  if (kind == "attr") return sub("object") + "." + e.value("name", "");
  if (kind == "index") return sub("object") + "[" + sub("index") + "]";
  if (kind == "filter") {
    std::string out = sub("value") + "|" + e.value("name", "");
    if (e.contains("args") && !e["args"].empty()) out += "(" + args(e["args"]) + ")";
    return out;
  }
  if (kind == "call") return sub("callee") + "(" + (e.contains("args") ? args(e["args"]) : "") + ")";
  if (kind == "list") {
    std::string out = "[";
    for (const auto& item : e.value("items", nlohmann::json::array())) {
      if (out.size() > 1) out += ", ";
      out += expression_text(item, depth + 1);
    }
    return out + "]";
  }
  return "";
}

bool is_literal(const nlohmann::json& e) {
  const std::string kind = e.value("kind", "");
  return kind == "string" || kind == "int" || kind == "float" || kind == "bool" || kind == "none";
}

// The operands of the comparisons reachable through `and`, `or` and `not`.
void collect_operands(const nlohmann::json& e, const std::string& where, CompiledCheck& out, int depth = 0) {
  if (depth > 8 || !e.is_object()) return;
  const std::string kind = e.value("kind", "");
  if (kind == "unary" && e.value("op", "") == "not") return collect_operands(e["operand"], where, out, depth + 1);
  if (kind != "binary") {
    if (kind != "var" && !is_literal(e)) {
      const std::string text = expression_text(e);
      if (!text.empty()) out.operands.emplace_back(text, tmpl::compile_expression(e, where));
    }
    return;
  }
  const std::string op = e.value("op", "");
  if (op == "and" || op == "or") {
    collect_operands(e["left"], where, out, depth + 1);
    collect_operands(e["right"], where, out, depth + 1);
    return;
  }
  if (!is_comparison(op)) return;
  for (const char* side : {"left", "right"}) {
    const nlohmann::json& operand = e[side];
    if (is_literal(operand)) continue;
    const std::string text = expression_text(operand);
    if (text.empty()) continue;
    bool seen = false;
    for (const auto& [name, _] : out.operands) seen = seen || name == text;
    if (!seen) out.operands.emplace_back(text, tmpl::compile_expression(operand, where));
  }
}

std::string shown(const Value& v) {
  std::string text = to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxOperandText) text = text.substr(0, kMaxOperandText) + "...";
  return text;
}

}  // namespace

struct TestChecks::Impl {
  Program program = Program::empty();
  std::vector<CompiledCheck> checks;
};

TestChecks TestChecks::compile(const Program& program, const nlohmann::json& checks) {
  auto impl = std::make_shared<Impl>();
  impl->program = program;
  if (!checks.is_array()) throw_config_error("a test's checks must be an array");
  for (const nlohmann::json& c : checks) {
    CompiledCheck check;
    check.name = c.value("name", "");
    check.expression = c.value("expression", "");
    check.is_assert = c.value("assert", false);
    const std::string where = std::string("test ") + (check.is_assert ? "assert" : "check") + " `" + check.name + "`";
    const auto ast = c.find("expression_ast");
    if (ast == c.end() || ast->is_null()) throw_config_error(where + " has no expression_ast");
    check.compiled = tmpl::compile_expression(*ast, where);
    collect_operands(*ast, where, check);
    impl->checks.push_back(std::move(check));
  }
  TestChecks out;
  out.impl_ = std::move(impl);
  return out;
}

bool TestChecks::empty() const { return !impl_ || impl_->checks.empty(); }

std::vector<TestCheckOutcome> TestChecks::evaluate(const Value& result, const std::vector<CheckResult>& value_checks,
                                                   std::chrono::milliseconds latency) const {
  std::vector<TestCheckOutcome> out;
  if (!impl_) return out;
  // `_.checks.NAME`: a name checked on several parts of the value held only if it held on all.
  Value::Entries named;
  auto set = [&named](const std::string& name, bool passed) {
    if (name.empty()) return;
    for (auto& [n, v] : named) {
      if (n == name) {
        v = Value::boolean(v.as_bool() && passed);
        return;
      }
    }
    named.emplace_back(name, Value::boolean(passed));
  };
  for (const CheckResult& c : value_checks) set(c.name, c.passed);

  out.resize(impl_->checks.size());
  tmpl::Environment env;
  env.types = &impl_->program.impl().types;
  auto run = [&](std::size_t i) {
    const CompiledCheck& c = impl_->checks[i];
    TestCheckOutcome& o = out[i];
    o.name = c.name;
    o.expression = c.expression;
    o.is_assert = c.is_assert;
    env.variables = {{"this", result},
                     {"_", Value::map({{"result", result},
                                       {"checks", Value::map(named)},
                                       {"latency_ms", Value::integer(latency.count())}})}};
    try {
      o.passed = tmpl::truthy(tmpl::evaluate(*c.compiled, env));
    } catch (const Error& e) {
      o.passed = false;
      o.error = e.message();
    }
    if (!o.passed) {
      for (const auto& [text, expr] : c.operands) {
        try {
          o.operands.emplace_back(text, shown(tmpl::evaluate(*expr, env)));
        } catch (const Error&) {
          o.operands.emplace_back(text, "(cannot be evaluated)");
        }
      }
    }
    if (!c.is_assert) set(c.name, o.passed);
  };
  for (std::size_t i = 0; i < impl_->checks.size(); ++i) {
    if (!impl_->checks[i].is_assert) run(i);
  }
  for (std::size_t i = 0; i < impl_->checks.size(); ++i) {
    if (impl_->checks[i].is_assert) run(i);
  }
  return out;
}

}  // namespace baml
