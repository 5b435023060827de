// Resolving a client of the IR into its plan, and the configuration errors found before anything
// is sent: unknown children and policies, cycles, empty composites, unsupported providers.
#include <doctest/doctest.h>

#include <vector>

#include <baml/client_ir.h>
#include <baml/errors.h>

#include "strategy/plan.h"

namespace baml {
namespace {

nlohmann::json leaf(const std::string& name, nlohmann::json retry_policy = nullptr) {
  return {{"name", name},
          {"provider", "openai-generic"},
          {"kind", "leaf"},
          {"options", {{"model", "m"}, {"base_url", "http://127.0.0.1:1/v1"}}},
          {"limits", {{"request_ms", 1000}}},
          {"retry_policy", retry_policy}};
}

nlohmann::json composite(const std::string& name, const std::string& provider, std::vector<std::string> children,
                         nlohmann::json retry_policy = nullptr, nlohmann::json start = nullptr) {
  return {{"name", name},         {"provider", provider}, {"options", nlohmann::json::object()},
          {"strategy", children}, {"start", start},       {"retry_policy", retry_policy}};
}

// A vector: clang reads a braced list of one json as a copy of it, GCC as an array of it.
ClientIr ir(std::vector<nlohmann::json> clients) {
  return read_client_ir(
      {{"ir_version", 1},
       {"clients", nlohmann::json(std::move(clients))},
       {"retry_policies",
        {{{"name", "Twice"}, {"max_retries", 2}, {"strategy", {{"type", "constant_delay"}, {"delay_ms", 10}}}}}}});
}

TEST_CASE("a nested plan keeps the order of strategies and each node's retry policy") {
  const ClientIr clients =
      ir({leaf("A", "Twice"), leaf("B"), composite("Spread", "round-robin", {"A", "B"}, nullptr, 1),
          composite("Agent", "fallback", {"Spread", "B"}, "Twice")});
  const auto plan = resolve_plan(clients, "Agent");
  CHECK(plan->kind == PlanKind::Fallback);
  CHECK(plan->rounds() == 3);
  REQUIRE(plan->children.size() == 2);
  const PlanNode& spread = plan->children[0];
  CHECK(spread.kind == PlanKind::RoundRobin);
  CHECK(spread.client.start == 1);
  CHECK(spread.rounds() == 1);
  REQUIRE(spread.children.size() == 2);
  CHECK(spread.children[0].client.name == "A");
  CHECK(spread.children[0].rounds() == 3);
  CHECK(spread.children[0].kind == PlanKind::Leaf);
  CHECK(plan->children[1].client.name == "B");
}

TEST_CASE("mistakes anywhere in the tree are ConfigErrors before anything is sent") {
  CHECK_THROWS_WITH_AS(resolve_plan(ir({leaf("A")}), "Nope"), "config: no client named \"Nope\" in the IR",
                       ConfigError);
  CHECK_THROWS_WITH_AS(resolve_plan(ir({leaf("A"), composite("Agent", "fallback", {"A", "Typo"})}), "Agent"),
                       "config: no client named \"Typo\" in the IR (in the strategy of Agent)", ConfigError);
  CHECK_THROWS_WITH_AS(resolve_plan(ir({leaf("A", "Missing")}), "A"),
                       "config: A: no retry policy named \"Missing\" in the IR", ConfigError);
  CHECK_THROWS_WITH_AS(resolve_plan(ir({composite("X", "fallback", {"Y"}), composite("Y", "round-robin", {"X"})}), "X"),
                       "config: X: client strategies form a cycle: X \u2192 Y \u2192 X", ConfigError);
  CHECK_THROWS_WITH_AS(resolve_plan(ir({composite("Empty", "fallback", {})}), "Empty"),
                       "config: Empty: a composite client needs a non-empty strategy", ConfigError);
  nlohmann::json odd = leaf("Odd");
  odd["provider"] = "vertex-ai";  // requests only: calling it is not implemented
  CHECK_THROWS_AS(resolve_plan(ir({odd, composite("Agent", "fallback", {"Odd"})}), "Agent"), ConfigError);
}

TEST_CASE("building requests only accepts providers that build a request but cannot be called yet") {
  nlohmann::json bedrock = leaf("Bedrock");
  bedrock["provider"] = "aws-bedrock";
  const ClientIr clients = ir({bedrock, leaf("A"), composite("Agent", "fallback", {"Bedrock", "A"})});
  CHECK_THROWS_WITH_AS(resolve_plan(clients, "Agent"),
                       "config: Bedrock: calling provider aws-bedrock is not implemented yet", ConfigError);
  CHECK_THROWS_WITH_AS(resolve_plan(clients, "Agent", PlanUse::Call),
                       "config: Bedrock: calling provider aws-bedrock is not implemented yet", ConfigError);
  const auto plan = resolve_plan(clients, "Agent", PlanUse::BuildRequests);
  REQUIRE(plan->children.size() == 2);
  CHECK(plan->children[0].client.name == "Bedrock");
  CHECK(plan->children[0].kind == PlanKind::Leaf);

  nlohmann::json unknown = leaf("Unknown");
  unknown["provider"] = "no-such-provider";
  CHECK_THROWS_AS(resolve_plan(ir({unknown}), "Unknown", PlanUse::BuildRequests), ConfigError);
}

TEST_CASE("a composite's deadline header reaches every leaf under it that names none of its own") {
  nlohmann::json own = leaf("Own");
  own["deadline_header"] = "x-own-ms";
  nlohmann::json agent = composite("Agent", "fallback", {"Inner", "Own"});
  agent["deadline_header"] = "x-envoy-upstream-rq-timeout-ms";
  const ClientIr clients = ir({leaf("A"), own, composite("Inner", "round-robin", {"A"}), agent});
  const auto plan = resolve_plan(clients, "Agent");
  REQUIRE(plan->children.size() == 2);
  CHECK(plan->children[0].children[0].client.deadline_header == "x-envoy-upstream-rq-timeout-ms");
  CHECK(plan->children[1].client.deadline_header == "x-own-ms");
  CHECK_FALSE(resolve_plan(clients, "A")->client.deadline_header.has_value());
}

TEST_CASE("a leaf given on its own is one node without a retry policy") {
  const ClientIr clients = ir({leaf("A", "Twice"), composite("Agent", "fallback", {"A"})});
  const auto plan = leaf_plan(*clients.find_client("A"));
  CHECK(plan->kind == PlanKind::Leaf);
  CHECK(plan->rounds() == 1);
  CHECK_THROWS_AS(leaf_plan(*clients.find_client("Agent")), ConfigError);
}

}  // namespace
}  // namespace baml
