// A function's prompt rendered for each leaf client of a plan: the step that `render_requests`
// and the calls share (a prompt sees ctx.client, so each leaf gets its own messages).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <baml/functions.h>

#include "function/program.h"
#include "strategy/plan.h"

namespace baml::fn {

struct LeafMessages {
  std::shared_ptr<const PlanNode> plan;  // keeps `client` alive
  const ClientSpec* client = nullptr;
  std::vector<Message> messages;
};

// The leaves of `client`'s plan in order (a fallback's children in order, a round-robin's in
// order), each with the prompt rendered for it. Throws ConfigError, TemplateError.
std::vector<LeafMessages> render_leaves(const Program& program, const Function& function, const Args& args,
                                        const std::string& client, const RenderOptions& options);

// The leaf clients of a plan, in order.
std::vector<const ClientSpec*> plan_leaves(const PlanNode& plan);

// The prompt rendered for one client.
std::vector<Message> render_for_client(const Program::Impl& program, const Function& function, const Args& args,
                                       const ClientSpec& client, const RenderOptions& options);

}  // namespace baml::fn
