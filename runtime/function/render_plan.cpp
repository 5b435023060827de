#include "function/render_plan.h"

#include "function/messages.h"
#include "output_format/output_format.h"
#include "providers/chat_messages.h"
#include "providers/options.h"
#include "providers/rendered_wire.h"
#include "strategy/round_robin.h"
#include "value/from_json.h"

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
  const std::size_t first = node.kind == PlanKind::RoundRobin && n > 0 ? first_child(node.client.start, n) : 0;
  for (std::size_t k = 0; k < n; ++k) collect_leaves(node.children[(first + k) % n], leaves);
}

// The rest of ctx.client, as BAML shows it: the client's roles and the options its requests carry
// in their body (not its key, URL, headers or role settings; an option read from the environment
// is left out rather than resolved into the prompt).
Value client_details(const ClientSpec& client) {
  const RolePolicy policy = role_policy(client.provider, client.options, client.name);
  Value::Items allowed;
  for (const std::string& role : policy.allowed_roles) allowed.push_back(Value::string(role));
  Value::Entries remap;
  for (const auto& [from, to] : policy.remap_roles) remap.emplace_back(from, Value::string(to));
  Value::Entries options;
  if (client.options.is_object()) {
    for (auto it = client.options.begin(); it != client.options.end(); ++it) {
      if (!wire::is_body_option(it.key()) || contains_env_reference(it.value())) continue;
      options.emplace_back(it.key(), ir::value_from_json_untyped(it.value(), it.key()));
    }
  }
  return Value::map({{"default_role", Value::string(policy.default_role)},
                     {"allowed_roles", Value::list(std::move(allowed))},
                     {"remap_role", Value::map(std::move(remap))},
                     {"options", Value::map(std::move(options))}});
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
  ctx.client_name = client.name;
  ctx.client_provider = client.provider_name;
  ctx.client_details = [&client] { return client_details(client); };
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
