// Loading a Program: clients through the client reader, types, functions and template_strings,
// every template compiled once.
#include "function/program.h"

#include <nlohmann/json.hpp>

#include <baml/client_ir.h>
#include <baml/errors.h>

#include "output_format/output_format.h"

namespace baml::fn {

const std::string& Function::default_output_format(const ir::TypeSystem& types) const {
  std::call_once(output_format_once_, [&] { output_format_ = output_format::render(return_type, types); });
  return output_format_;
}

}  // namespace baml::fn

namespace baml {
namespace {

using nlohmann::json;

const json& array_at(const json& ir, const char* key) {
  static const json empty = json::array();
  auto it = ir.find(key);
  if (it == ir.end() || it->is_null()) return empty;
  if (!it->is_array()) throw_config_error(std::string("malformed IR at ") + key + ": expected an array");
  return *it;
}

// The i-th entry of an IR array, which must be an object (json::value() throws a type_error on
// anything else, which no caller expects).
const json& object_at(const json& array, std::size_t i, const std::string& where) {
  if (!array[i].is_object()) throw_config_error("malformed IR at " + where + ": expected an object");
  return array[i];
}

std::string string_at(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    throw_config_error("malformed IR at " + where + "." + key + ": expected a string");
  }
  return it->get<std::string>();
}

std::shared_ptr<const tmpl::Template> template_at(const json& object, const char* key, const std::string& where,
                                                  tmpl::TemplateRole role = tmpl::TemplateRole::Prompt) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    throw_config_error("malformed IR at " + where + "." + key + ": a template is missing (the project did not check)");
  }
  return tmpl::compile_template(*it, where + "." + key, role);
}

}  // namespace

const fn::Function* Program::Impl::find_function(std::string_view name) const {
  auto it = function_index.find(name);
  return it == function_index.end() ? nullptr : functions[it->second].get();
}

const fn::Function& Program::Impl::function(std::string_view name) const {
  if (const fn::Function* f = find_function(name)) return *f;
  std::string known;
  for (const auto& f : functions) known += (known.empty() ? "" : ", ") + f->name;
  throw_invalid_argument("unknown function `" + std::string(name) + "`" +
                         (known.empty() ? " (the project declares none)" : " (the project declares: " + known + ")"));
}

Program Program::from_ir(const json& ir) {
  if (!ir.is_object()) throw_config_error("malformed IR: expected a JSON object");
  auto impl = std::make_shared<Impl>();
  impl->clients = read_client_ir(ir);
  impl->types = ir::read_type_system(ir);
  const json& functions = array_at(ir, "functions");
  for (std::size_t i = 0; i < functions.size(); ++i) {
    const std::string at = "functions[" + std::to_string(i) + "]";
    const json& function = object_at(functions, i, at);
    auto f = std::make_unique<fn::Function>();
    f->name = string_at(function, "name", at);
    f->client = string_at(function, "client", at);
    f->parameters = ir::read_parameters(function.value("parameters", json::array()), at + ".parameters");
    f->return_type = ir::read_type(function.value("return_type", json::object()), at + ".return_type");
    f->prompt = template_at(function, "prompt_template", at);
    impl->function_index.emplace(f->name, impl->functions.size());
    impl->functions.push_back(std::move(f));
  }
  fn::compile_checks(impl->types, impl->checks);
  for (const auto& f : impl->functions) {
    fn::compile_checks(f->parameters, impl->checks);
    fn::compile_checks(f->return_type, impl->checks, "function " + f->name);
  }
  const json& template_strings = array_at(ir, "template_strings");
  for (std::size_t i = 0; i < template_strings.size(); ++i) {
    const std::string at = "template_strings[" + std::to_string(i) + "]";
    const json& template_string = object_at(template_strings, i, at);
    tmpl::Macro macro;
    for (const ir::Parameter& p : ir::read_parameters(template_string.value("parameters", json::array()), at + ".parameters")) {
      macro.parameters.push_back(p.name);
    }
    macro.body = template_at(template_string, "body_template", at, tmpl::TemplateRole::TemplateString);
    impl->macros.emplace(string_at(template_string, "name", at), std::move(macro));
  }
  Program program;
  program.impl_ = std::move(impl);
  return program;
}

Program Program::empty() {
  Program program;
  program.impl_ = std::make_shared<Impl>();
  return program;
}

Program Program::from_ir_text(std::string_view ir_json) {
  json ir = json::parse(ir_json, nullptr, false);
  if (ir.is_discarded()) throw_config_error("the IR is not valid JSON");
  return from_ir(ir);
}

const ClientIr& Program::clients() const { return impl_->clients; }

bool Program::has_function(std::string_view name) const { return impl_->find_function(name) != nullptr; }

std::vector<std::string> Program::function_names() const {
  std::vector<std::string> names;
  for (const auto& f : impl_->functions) names.push_back(f->name);
  return names;
}

const std::string& Program::function_client(std::string_view name) const { return impl_->function(name).client; }

}  // namespace baml
