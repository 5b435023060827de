// Resolving a client into its plan (see plan.h).
#include "strategy/plan.h"

#include <algorithm>
#include <string>

#include <baml/errors.h>

#include "providers/provider.h"

namespace baml {

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : " \u2192 ") + name;
  return out;
}

PlanKind kind_of(const ClientSpec& client) {
  switch (client.provider) {
    case ProviderKind::Fallback: return PlanKind::Fallback;
    case ProviderKind::RoundRobin: return PlanKind::RoundRobin;
    case ProviderKind::OpenAI:
    case ProviderKind::OpenAIGeneric:
    case ProviderKind::AzureOpenAI:
    case ProviderKind::Ollama:
    case ProviderKind::OpenAIResponses:
    case ProviderKind::Anthropic:
    case ProviderKind::GoogleAI:
    case ProviderKind::VertexAI:
    case ProviderKind::AwsBedrock:
    case ProviderKind::Unsupported: return PlanKind::Leaf;
  }
  return PlanKind::Leaf;
}

class Resolver {
 public:
  Resolver(const ClientIr& ir, PlanUse use) : ir_(ir), use_(use) {}

  // `stack` is the path from the root to here, for cycle detection and messages.
  // `deadline_header` is the nearest enclosing composite's: a composite's http.deadline_header
  // applies to every leaf under it that does not name its own, since the composite's
  // total_timeout is usually the budget worth propagating.
  PlanNode resolve(std::string_view name, std::vector<std::string>& stack,
                   const std::optional<std::string>& deadline_header) {
    const ClientSpec* client = ir_.find_client(name);
    if (client == nullptr) {
      const std::string where = stack.empty() ? std::string() : " (in the strategy of " + stack.back() + ")";
      throw_config_error("no client named \"" + std::string(name) + "\" in the IR" + where);
    }
    if (std::find(stack.begin(), stack.end(), client->name) != stack.end()) {
      stack.push_back(client->name);
      throw_config_error("client strategies form a cycle: " + join(stack), client->name);
    }
    PlanNode node;
    node.client = *client;
    node.kind = kind_of(*client);
    if (!node.client.deadline_header) node.client.deadline_header = deadline_header;
    if (client->retry_policy) {
      const RetryPolicySpec* policy = ir_.find_retry_policy(*client->retry_policy);
      if (policy == nullptr) {
        throw_config_error("no retry policy named \"" + *client->retry_policy + "\" in the IR", client->name);
      }
      node.retry_policy = *policy;
    }
    if (node.kind == PlanKind::Leaf) {
      // Throws ConfigError for a provider this runtime cannot call (or, building requests only,
      // cannot build a request for).
      if (use_ == PlanUse::Call) {
        provider_for(*client);
      } else {
        request_builder_for(*client);
      }
      return node;
    }
    if (client->strategy.empty()) throw_config_error("a composite client needs a non-empty strategy", client->name);
    stack.push_back(client->name);
    for (const std::string& child : client->strategy) {
      node.children.push_back(resolve(child, stack, node.client.deadline_header));
    }
    stack.pop_back();
    return node;
  }

 private:
  const ClientIr& ir_;
  PlanUse use_;
};

}  // namespace

std::shared_ptr<const PlanNode> resolve_plan(const ClientIr& ir, std::string_view client, PlanUse use) {
  std::vector<std::string> stack;
  return std::make_shared<const PlanNode>(Resolver(ir, use).resolve(client, stack, std::nullopt));
}

std::shared_ptr<const PlanNode> leaf_plan(const ClientSpec& client) {
  if (client.is_composite()) {
    throw_config_error("a " + client.provider_name + " client is called through the IR (Runtime::call(ir, name, ...))",
                       client.name);
  }
  provider_for(client);
  PlanNode node;
  node.client = client;
  return std::make_shared<const PlanNode>(std::move(node));
}

}  // namespace baml
