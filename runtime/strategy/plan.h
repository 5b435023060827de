// The plan of a call: the client called, resolved against the IR into a tree of leaves and
// composites with each node's retry policy. Resolving it before anything is sent means that a
// mistake anywhere in the tree (an unknown child, an unknown retry policy, a cycle, an empty
// composite, a provider this runtime cannot call) is a ConfigError at once, not after the first
// children have been tried. The checker rejects all of these in a compiled project; the runtime
// checks again because an IR can be written by hand.
//
// The tree holds copies of the client specs, so a call in flight never depends on the caller's
// ClientIr staying alive.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <baml/client_spec.h>

namespace baml {

enum class PlanKind { Leaf, Fallback, RoundRobin };

struct PlanNode {
  ClientSpec client;
  PlanKind kind = PlanKind::Leaf;
  std::optional<RetryPolicySpec> retry_policy;
  std::vector<PlanNode> children;  // composites: in the order of `strategy`

  // How many times the node's whole strategy may run: 1 + max_retries.
  int rounds() const { return 1 + (retry_policy ? retry_policy->max_retries : 0); }
};

// What a plan is for. A call needs every leaf's provider to be callable; building requests only
// (bamlc render) needs each leaf's provider to build one, which some providers can do although
// this runtime cannot call them yet (aws-bedrock, vertex-ai).
enum class PlanUse { Call, BuildRequests };

// The plan of a call through `client` of `ir`. Throws ConfigError; with PlanUse::Call, also for a
// leaf whose provider this runtime cannot call ("calling provider X is not implemented yet").
std::shared_ptr<const PlanNode> resolve_plan(const ClientIr& ir, std::string_view client,
                                             PlanUse use = PlanUse::Call);

// The plan of a call through a leaf client given on its own (Runtime's ClientSpec methods): one
// node, without a retry policy, since the policy's definition lives in the IR. Throws ConfigError
// for a composite or a provider this runtime cannot call.
std::shared_ptr<const PlanNode> leaf_plan(const ClientSpec& client);

}  // namespace baml
