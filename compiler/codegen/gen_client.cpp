// The client class: one per project, `<ns>::Client`, with each function in three forms — sync,
// `stream()` (baml::Stream<partial::T, T>) and `async()` (baml::Future<T>) — over
// baml::call_function, stream_function and submit_function with arguments converted to
// baml::Value field by field.
#include <string>

#include "compiler/codegen/generators.h"

namespace bamlc::codegen {
namespace {

std::string param_list(const Function& f, const Spell& s, bool with_default) {
  std::string out;
  for (const Param& p : f.params) {
    std::string t;
    switch (p.type.kind) {
      case Type::Kind::String: t = "::std::string_view"; break;
      case Type::Kind::Int:
      case Type::Kind::Float:
      case Type::Kind::Bool:
      case Type::Kind::Duration:
      case Type::Kind::Enum:
      case Type::Kind::Literal: t = s.full(p.type); break;
      default: t = "const " + s.full(p.type) + "&";
    }
    out += t + " " + p.cpp + ", ";
  }
  out += std::string("const ::baml::CallOptions& options") + (with_default ? " = {}" : "");
  return out;
}

std::string arg_names(const Function& f) {
  std::string out;
  for (const Param& p : f.params) out += p.cpp + ", ";
  return out;
}

}  // namespace

void generate_client_class(Printer& p, const Model& m, const Spell& s) {
  p.print(
      "// The project's functions. Cheap to copy; every copy shares one baml::Runtime (by default the\n"
      "// process-wide one) and the embedded IR. Each call throws the runtime's typed errors\n"
      "// (baml::TimeoutError, baml::HttpError, baml::ValidationError, baml::CancelledError, ...).\n"
      "class Client {\n"
      " public:\n");
  p.indent();
  p.print("Client();\nexplicit Client(::std::shared_ptr<::baml::Runtime> runtime);\n\n");
  for (const Function& f : m.functions) {
    p.print("$r$ $n$($params$) const;\n", {{"r", s.full(f.result)}, {"n", f.cpp}, {"params", param_list(f, s, true)}});
  }
  for (const char* kind : {"StreamClient", "AsyncClient"}) {
    const bool stream = std::string(kind) == "StreamClient";
    p.print("\n// $what$\nclass $k$ {\n public:\n", {{"k", kind}, {"what", stream ? "b.stream().F(...): partial values, then the final one; dropping the stream cancels the call."
                                                                                       : "b.async().F(...): a future; dropping an unfinished one cancels the call."}});
    p.indent();
    for (const Function& f : m.functions) {
      const std::string r = stream ? "::baml::Stream<" + s.partial(f.result) + ", " + s.full(f.result) + ">" : "::baml::Future<" + s.full(f.result) + ">";
      p.print("$r$ $n$($params$) const;\n", {{"r", r}, {"n", f.cpp}, {"params", param_list(f, s, true)}});
    }
    p.outdent();
    p.print(
        "\n private:\n"
        "  friend class Client;\n"
        "  explicit $k$(::std::shared_ptr<::baml::Runtime> runtime) : runtime_(::std::move(runtime)) {}\n"
        "  ::std::shared_ptr<::baml::Runtime> runtime_;\n"
        "};\n",
        {{"k", kind}});
  }
  p.print("\nStreamClient stream() const { return StreamClient(runtime_); }\nAsyncClient async() const { return AsyncClient(runtime_); }\n");
  p.outdent();
  p.print("\n private:\n  ::std::shared_ptr<::baml::Runtime> runtime_;\n};\n");
}

void generate_client_functions(Printer& p, const Model& m, const Spell& s) {
  p.print("namespace baml_detail {\nnamespace {\n\n");
  p.print(
      "const ::baml::Program& program() {\n"
      "  static const ::baml::Program loaded = ::baml::Program::from_ir_text($q$baml_ir_text());\n"
      "  return loaded;\n"
      "}\n\n",
      {{"q", s.q()}});
  for (std::size_t i = 0; i < m.functions.size(); ++i) {
    const Function& f = m.functions[i];
    const std::string n = std::to_string(i);
    std::string params;
    for (const Param& prm : f.params) {
      std::string t;
      switch (prm.type.kind) {
        case Type::Kind::String: t = "::std::string_view"; break;
        case Type::Kind::Int:
        case Type::Kind::Float:
        case Type::Kind::Bool:
        case Type::Kind::Duration:
        case Type::Kind::Enum:
        case Type::Kind::Literal: t = s.full(prm.type); break;
        default: t = "const " + s.full(prm.type) + "&";
      }
      params += (params.empty() ? "" : ", ") + t + " " + prm.cpp;
    }
    p.print("// $b$\n::baml::Args args_$i$($params$) {\n", {{"b", f.baml}, {"i", n}, {"params", params}});
    p.indent();
    p.print("::baml::Args baml_args_;\n");
    if (!f.params.empty()) p.print("baml_args_.reserve($k$);\n", {{"k", std::to_string(f.params.size())}});
    for (const Param& prm : f.params) {
      p.print("baml_args_.emplace_back($b$, ::baml::gen::to_value($p$));\n",
              {{"b", cpp_string(prm.baml)}, {"p", prm.cpp}});
    }
    p.print("return baml_args_;\n");
    p.outdent();
    p.print("}\n");
    p.print(
        "$r$ final_$i$(const ::baml::FunctionResult& result) {\n"
        "  ::baml::gen::Ctx c;\n"
        "  c.checks = &result.checks;\n"
        "  $r$ out{};\n"
        "  ::baml::gen::from_value(result.value, out, c);\n"
        "  return out;\n"
        "}\n"
        "$pr$ partial_$i$(const ::baml::PartialResult& baml_partial_) {\n"
        "  ::baml::gen::Ctx c;\n"
        "  c.states = &baml_partial_.states;\n"
        "  $pr$ out{};\n"
        "  ::baml::gen::from_value(baml_partial_.value, out, c);\n"
        "  return out;\n"
        "}\n\n",
        {{"r", s.full(f.result)}, {"pr", s.partial(f.result)}, {"i", n}});
  }
  p.print("}  // namespace\n}  // namespace baml_detail\n\n");

  p.print(
      "Client::Client() : Client(::baml::gen::default_runtime()) {}\n"
      "Client::Client(::std::shared_ptr<::baml::Runtime> runtime) : runtime_(::std::move(runtime)) {\n"
      "  // Headers and library of one version: this symbol exists only in a runtime of this version.\n"
      "  static_cast<void>(::baml::version_0_1_0());\n"
      "}\n\n");
  for (std::size_t i = 0; i < m.functions.size(); ++i) {
    const Function& f = m.functions[i];
    const std::string n = std::to_string(i);
    const std::string args = arg_names(f);
    const std::string call_args = args.empty() ? "" : args.substr(0, args.size() - 2);
    const std::string r = s.full(f.result), pr = s.partial(f.result), params = param_list(f, s, false), baml = cpp_string(f.baml);
    p.print(
        "$r$ Client::$n$($params$) const {\n"
        "  return baml_detail::final_$i$(\n"
        "      ::baml::call_function(*runtime_, baml_detail::program(), $b$, baml_detail::args_$i$($a$), options));\n"
        "}\n\n"
        "::baml::Stream<$pr$, $r$> Client::StreamClient::$n$($params$) const {\n"
        "  ::std::shared_ptr<::baml::Runtime> baml_rt_ = runtime_;\n"
        "  ::baml::Args baml_args_ = baml_detail::args_$i$($a$);\n"
        "  return ::baml::Stream<$pr$, $r$>(\n"
        "      [baml_rt_, baml_args_](const ::baml::CallOptions& baml_o_, const ::baml::PartialCallback& baml_on_partial_) {\n"
        "        return ::baml::stream_function(*baml_rt_, baml_detail::program(), $b$, baml_args_, baml_o_, baml_on_partial_);\n"
        "      },\n"
        "      options, &baml_detail::partial_$i$, &baml_detail::final_$i$);\n"
        "}\n\n"
        "::baml::Future<$r$> Client::AsyncClient::$n$($params$) const {\n"
        "  ::std::shared_ptr<::baml::Runtime> baml_rt_ = runtime_;\n"
        "  ::baml::Args baml_args_ = baml_detail::args_$i$($a$);\n"
        "  return ::baml::Future<$r$>(\n"
        "      [baml_rt_, &baml_args_](const ::baml::CallOptions& baml_o_) {\n"
        "        return ::baml::submit_function(*baml_rt_, baml_detail::program(), $b$, baml_args_, baml_o_);\n"
        "      },\n"
        "      options, &baml_detail::final_$i$);\n"
        "}\n\n",
        {{"r", r}, {"pr", pr}, {"n", f.cpp}, {"params", params}, {"i", n}, {"a", call_args}, {"b", baml}});
  }
}

}  // namespace bamlc::codegen
