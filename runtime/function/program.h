// A Program's contents: the IR read once, with every template compiled and looked up by name.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <baml/client_spec.h>
#include <baml/functions.h>

#include "function/checks.h"
#include "template/template.h"
#include "value/types.h"

namespace baml::fn {

struct Function {
  std::string name;
  std::string client;
  std::vector<ir::Parameter> parameters;
  ir::Type return_type;
  std::shared_ptr<const tmpl::Template> prompt;

  // ctx.output_format with default options, made on first use (most prompts print it, and it
  // does not depend on the arguments or the client).
  const std::string& default_output_format(const ir::TypeSystem& types) const;

 private:
  mutable std::once_flag output_format_once_;
  mutable std::string output_format_;
};

}  // namespace baml::fn

namespace baml {

struct Program::Impl {
  ClientIr clients;
  ir::TypeSystem types;
  std::vector<std::unique_ptr<fn::Function>> functions;
  std::map<std::string, std::size_t, std::less<>> function_index;
  std::map<std::string, tmpl::Macro, std::less<>> macros;  // template_strings
  fn::CompiledChecks checks;  // of classes, fields and function parameters

  const fn::Function* find_function(std::string_view name) const;
  // The function, or an InvalidArgumentError naming the functions there are.
  const fn::Function& function(std::string_view name) const;
};

}  // namespace baml
