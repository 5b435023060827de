#include "function/render_plan.h"

#include <cstdint>

#include "function/messages.h"
#include "output_format/output_format.h"
#include "providers/chat_messages.h"
#include "providers/options.h"
#include "providers/rendered_wire.h"

namespace baml::fn {
namespace {

// In the order a first call tries them: a round-robin client's children from its `start` (taken
// modulo their number, as the rotation does), so that the first leaf is the one BAML's request
// builder shows.
void collect_leaves(const PlanNode& node, std::vector<const ClientSpec*>& leaves) {
  if (node.kind == PlanKind::Leaf) {
    leaves.push_back(&node.client);
    return;
  }
  const std::size_t n = node.children.size();
  std::size_t first = 0;
  if (node.kind == PlanKind::RoundRobin && n > 0) {
    const auto count = static_cast<std::int64_t>(n);
    first = static_cast<std::size_t>(((static_cast<std::int64_t>(node.client.start.value_or(0)) % count) + count) % count);
  }
  for (std::size_t k = 0; k < n; ++k) collect_leaves(node.children[(first + k) % n], leaves);
}

// A JSON option as a template value.
Value plain_value(const nlohmann::json& j) {
  if (j.is_string()) return Value::string(j.get<std::string>());
  if (j.is_boolean()) return Value::boolean(j.get<bool>());
  if (j.is_number_integer()) return Value::integer(j.get<std::int64_t>());
  if (j.is_number()) return Value::floating(j.get<double>());
  if (j.is_array()) {
    Value::Items items;
    for (const auto& item : j) items.push_back(plain_value(item));
    return Value::list(std::move(items));
  }
  if (j.is_object()) {
    Value::Entries entries;
    for (auto it = j.begin(); it != j.end(); ++it) entries.emplace_back(it.key(), plain_value(it.value()));
    return Value::map(std::move(entries));
  }
  return Value::null();
}

// ctx.client in a prompt, as BAML shows it: the client's roles and the options its requests
// carry in their body (not its key, URL, headers or role settings; an option read from the
// environment is left out rather than resolved into the prompt).
void describe_client(const ClientSpec& client, tmpl::PromptContext& ctx) {
  ctx.client_name = client.name;
  ctx.client_provider = client.provider_name;
  const RolePolicy policy = role_policy(client.provider, client.options, client.name);
  ctx.client_default_role = policy.default_role;
  Value::Items allowed;
  for (const std::string& role : policy.allowed_roles) allowed.push_back(Value::string(role));
  ctx.client_allowed_roles = Value::list(std::move(allowed));
  Value::Entries remap;
  for (const auto& [from, to] : policy.remap_roles) remap.emplace_back(from, Value::string(to));
  ctx.client_remap_roles = Value::map(std::move(remap));
  Value::Entries options;
  if (client.options.is_object()) {
    for (auto it = client.options.begin(); it != client.options.end(); ++it) {
      if (!wire::is_body_option(it.key()) || contains_env_reference(it.value())) continue;
      options.emplace_back(it.key(), plain_value(it.value()));
    }
  }
  ctx.client_options = Value::map(std::move(options));
}

}  // namespace

std::vector<const ClientSpec*> plan_leaves(const PlanNode& plan) {
  std::vector<const ClientSpec*> leaves;
  collect_leaves(plan, leaves);
  return leaves;
}

std::vector<Message> render_for_client(const Program::Impl& program, const Function& function, const Args& args,
                                       const ClientSpec& client, const RenderOptions& options) {
  tmpl::PromptContext ctx;
  describe_client(client, ctx);
  ctx.tags = Value::map(options.tags);
  ctx.output_format = [&](const Value::Entries& named) -> std::string {
    if (named.empty()) return function.default_output_format(program.types);
    return output_format::render(function.return_type, program.types, named);
  };
  tmpl::Environment env;
  env.types = &program.types;
  env.borrowed_variables = &args;
  env.macros = &program.macros;
  env.ctx = &ctx;
  env.role_helper = true;
  const tmpl::RenderOutput rendered = tmpl::render(*function.prompt, env);
  return split_messages(rendered, default_role(client));
}

std::vector<LeafMessages> render_leaves(const Program& program, const Function& function, const Args& args,
                                        const std::string& client, const RenderOptions& options) {
  const Program::Impl& impl = program.impl();
  std::shared_ptr<const PlanNode> plan = resolve_plan(impl.clients, client);
  const std::vector<const ClientSpec*> leaves = plan_leaves(*plan);
  std::vector<LeafMessages> out;
  out.reserve(leaves.size());
  for (const ClientSpec* leaf : leaves) {
    out.push_back(LeafMessages{plan, leaf, render_for_client(impl, function, args, *leaf, options)});
  }
  return out;
}

}  // namespace baml::fn
