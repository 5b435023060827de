#include "compiler/ir/ir_writer.h"

#include "compiler/base/trim.h"
#include "compiler/ir/template_json.h"

#include <utility>

namespace bamlc::ir {
namespace {

using nlohmann::json;

json optional_string(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

std::string_view primitive_name(model::TypeKind kind) {
  switch (kind) {
    case model::TypeKind::Int: return "int";
    case model::TypeKind::Float: return "float";
    case model::TypeKind::String: return "string";
    case model::TypeKind::Bool: return "bool";
    case model::TypeKind::Null: return "null";
    case model::TypeKind::Duration: return "duration";
    case model::TypeKind::Image: return "image";
    case model::TypeKind::Audio: return "audio";
    case model::TypeKind::Pdf: return "pdf";
    case model::TypeKind::Video: return "video";
    default: return "";
  }
}

json option_to_json(const model::OptionValue& v) {
  switch (v.kind) {
    case model::OptionValue::Kind::String: return v.text;
    case model::OptionValue::Kind::Int: return v.int_value;
    case model::OptionValue::Kind::Float: return v.float_value;
    case model::OptionValue::Kind::Bool: return v.bool_value;
    case model::OptionValue::Kind::Null: return nullptr;
    case model::OptionValue::Kind::Env: return json{{"env", v.text}};
    case model::OptionValue::Kind::List: {
      json out = json::array();
      for (const auto& item : v.items) out.push_back(option_to_json(item));
      return out;
    }
    case model::OptionValue::Kind::Map: {
      json out = json::object();
      for (const auto& [key, value] : v.entries) out[key] = option_to_json(value);
      return out;
    }
  }
  return nullptr;
}

std::string_view source_name(model::LimitSource source) {
  switch (source) {
    case model::LimitSource::Declared: return "declared";
    case model::LimitSource::Default: return "default";
    case model::LimitSource::Unset: return "unset";
  }
  return "unset";
}

std::string_view kind_name(model::ClientKind kind) {
  switch (kind) {
    case model::ClientKind::Leaf: return "leaf";
    case model::ClientKind::Fallback: return "fallback";
    case model::ClientKind::RoundRobin: return "round-robin";
  }
  return "leaf";
}

json client_to_json(const model::Client& c) {
  json limits = json::object();
  json sources = json::object();
  for (model::LimitKind kind : model::kAllLimitKinds) {
    const std::string key(model::limit_ir_key(kind));
    const model::Limit& limit = c.limits[kind];
    limits[key] = limit.value ? json(limit.value->count()) : json(nullptr);
    sources[key] = source_name(limit.source);
  }
  json options = json::object();
  for (const auto& [key, value] : c.options) options[key] = option_to_json(value);
  return json{{"name", c.name},
              {"provider", c.provider},
              {"kind", kind_name(c.kind)},
              {"shorthand", c.shorthand},
              {"retry_policy", optional_string(c.retry_policy)},
              {"options", options},
              {"limits", limits},
              {"limit_sources", sources},
              {"strategy", c.kind == model::ClientKind::Leaf ? json(nullptr) : json(c.strategy)},
              {"start", c.start ? json(*c.start) : json(nullptr)},
              {"deadline_header", optional_string(c.deadline_header)}};
}

json retry_policy_to_json(const model::RetryPolicy& p) {
  json retry_on = json::array();
  for (model::RetryClass c : p.retry_on) retry_on.push_back(model::retry_class_name(c));
  const bool exponential = p.backoff == model::BackoffKind::ExponentialBackoff;
  return json{{"name", p.name},
              {"max_retries", p.max_retries},
              {"strategy",
               {{"type", exponential ? "exponential_backoff" : "constant_delay"},
                {"delay_ms", p.delay.count()},
                {"multiplier", exponential ? p.multiplier : 1.0},
                {"max_delay_ms", exponential ? p.max_delay.count() : p.delay.count()},
                {"jitter", p.jitter == model::Jitter::Full ? "full" : "none"}}},
              {"retry_on", retry_on}};
}

json checks_to_json(const std::vector<model::Check>& checks) {
  json out = json::array();
  for (const model::Check& c : checks) {
    out.push_back({{"name", c.name},
                   {"assert", c.is_assert},
                   {"expression", trimmed(c.expression)},
                   {"expression_ast", c.parsed ? template_expr_to_json(*c.parsed) : json(nullptr)}});
  }
  return out;
}

json parameters_to_json(const std::vector<model::Parameter>& parameters) {
  json out = json::array();
  for (const model::Parameter& p : parameters) {
    out.push_back({{"name", p.name}, {"type", type_to_json(p.type)}, {"checks", checks_to_json(p.checks)}});
  }
  return out;
}

// Test arguments as plain JSON values; durations become milliseconds, env.X stays symbolic.
json value_to_json(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::String: case ast::ValueKind::RawString: case ast::ValueKind::JinjaExpr: return v.text;
    case ast::ValueKind::Int: return v.int_value;
    case ast::ValueKind::Float: return v.float_value;
    case ast::ValueKind::Duration: return v.duration.count();
    case ast::ValueKind::Word:
      if (v.text == "true" || v.text == "false") return v.text == "true";
      if (v.text == "null") return nullptr;
      return v.text;
    case ast::ValueKind::EnvRef: return json{{"env", v.text}};
    case ast::ValueKind::List: {
      json out = json::array();
      for (const ast::Value& item : v.items) out.push_back(value_to_json(item));
      return out;
    }
    case ast::ValueKind::Map: {
      json out = json::object();
      for (const ast::MapEntry& e : v.entries) out[e.key.text] = e.value ? value_to_json(*e.value) : json(nullptr);
      return out;
    }
    case ast::ValueKind::Invalid: return nullptr;
  }
  return nullptr;
}

}  // namespace

namespace {

json type_shape_to_json(const model::Type& t) {
  switch (t.kind) {
    case model::TypeKind::Class: return {{"kind", "class"}, {"name", t.name}};
    case model::TypeKind::Enum: return {{"kind", "enum"}, {"name", t.name}};
    case model::TypeKind::Alias: return {{"kind", "alias"}, {"name", t.name}};
    case model::TypeKind::List: return {{"kind", "list"}, {"items", type_to_json(t.children.at(0))}};
    case model::TypeKind::Optional: return {{"kind", "optional"}, {"inner", type_to_json(t.children.at(0))}};
    case model::TypeKind::Map:
      return {{"kind", "map"}, {"key", type_to_json(t.children.at(0))}, {"value", type_to_json(t.children.at(1))}};
    case model::TypeKind::Union: {
      json members = json::array();
      for (const model::Type& m : t.children) members.push_back(type_to_json(m));
      return {{"kind", "union"}, {"members", std::move(members)}};
    }
    case model::TypeKind::LiteralString: return {{"kind", "literal"}, {"value", t.literal}};
    case model::TypeKind::LiteralInt: return {{"kind", "literal"}, {"value", std::stoll(t.literal)}};
    case model::TypeKind::LiteralBool: return {{"kind", "literal"}, {"value", t.literal == "true"}};
    case model::TypeKind::Error: return {{"kind", "error"}};
    default: return {{"kind", primitive_name(t.kind)}};
  }
}

}  // namespace

// A grouped type's attributes (`(Step @stream.done)[]`, `-> int @check(...)`) are written only
// when it has some, so a type without them reads as it always did.
json type_to_json(const model::Type& t) {
  json out = type_shape_to_json(t);
  if (!t.stream_attributes.empty()) out["stream"] = t.stream_attributes;
  if (!t.checks.empty()) out["checks"] = checks_to_json(t.checks);
  return out;
}

json to_json(const model::Program& program) {
  json classes = json::array();
  for (const model::Class& c : program.classes) {
    json fields = json::array();
    for (const model::Field& f : c.fields) {
      fields.push_back({{"name", f.name},
                        {"alias", optional_string(f.alias)},
                        {"description", optional_string(f.description)},
                        {"type", type_to_json(f.type)},
                        {"skip", f.skip},
                        {"checks", checks_to_json(f.checks)},
                        {"stream", f.stream_attributes}});
    }
    classes.push_back({{"name", c.name},
                       {"alias", optional_string(c.alias)},
                       {"description", optional_string(c.description)},
                       {"dynamic", c.dynamic},
                       {"fields", std::move(fields)},
                       {"checks", checks_to_json(c.checks)},
                       {"stream", c.stream_attributes}});
  }
  json enums = json::array();
  for (const model::Enum& e : program.enums) {
    json values = json::array();
    for (const model::EnumValue& v : e.values) {
      values.push_back({{"name", v.name}, {"alias", optional_string(v.alias)}, {"description", optional_string(v.description)}, {"skip", v.skip}});
    }
    enums.push_back({{"name", e.name}, {"alias", optional_string(e.alias)}, {"dynamic", e.dynamic}, {"values", std::move(values)}});
  }
  json aliases = json::array();
  for (const model::TypeAlias& a : program.aliases) aliases.push_back({{"name", a.name}, {"type", type_to_json(a.target)}, {"checks", checks_to_json(a.checks)}});
  json functions = json::array();
  for (const model::Function& f : program.functions) {
    functions.push_back({{"name", f.name},
                         {"parameters", parameters_to_json(f.parameters)},
                         {"return_type", type_to_json(f.return_type)},
                         {"client", f.client},
                         {"prompt", f.prompt},
                         {"prompt_template", f.prompt_template ? template_to_json(*f.prompt_template) : json(nullptr)}});
  }
  json template_strings = json::array();
  for (const model::TemplateString& t : program.template_strings) {
    template_strings.push_back({{"name", t.name},
                                {"parameters", parameters_to_json(t.parameters)},
                                {"body", t.body},
                                {"body_template", t.body_template ? template_to_json(*t.body_template) : json(nullptr)}});
  }
  json clients = json::array();
  for (const model::Client& c : program.clients) clients.push_back(client_to_json(c));
  json policies = json::array();
  for (const model::RetryPolicy& p : program.retry_policies) policies.push_back(retry_policy_to_json(p));
  json tests = json::array();
  for (const model::Test& t : program.tests) {
    json args = json::object();
    for (const ast::MapEntry& e : t.args) args[e.key.text] = e.value ? value_to_json(*e.value) : json(nullptr);
    tests.push_back({{"name", t.name}, {"functions", t.functions}, {"args", std::move(args)}, {"checks", checks_to_json(t.checks)}});
  }
  return json{{"ir_version", kIrVersion},
              {"classes", std::move(classes)},
              {"enums", std::move(enums)},
              {"aliases", std::move(aliases)},
              {"functions", std::move(functions)},
              {"template_strings", std::move(template_strings)},
              {"clients", std::move(clients)},
              {"retry_policies", std::move(policies)},
              {"tests", std::move(tests)}};
}

}  // namespace bamlc::ir
