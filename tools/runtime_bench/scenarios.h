// The ways of tripping a limit that `runtime_bench lateness` measures, one per limit kind (two for
// time to first token: headers withheld, and headers sent but no content). A scenario builds the
// IR of the client to call and the caller's options, with the limit under test set to the given
// value and every other limit generous, as real clients declare them, so each transfer carries
// several live timers and only the one under test can fire. Issue 5's scenarios call a fallback
// chain through the IR (Runtime::submit(ir, name)), so the strategy layer and its one budget are
// what ends the call.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <baml/runtime.h>

#include "launcher.h"

namespace runtime_bench {

struct ScenarioSetup {
  baml::ClientIr ir;
  std::string client;  // the client to call, in `ir`
  baml::CallOptions options;
  // Call `client` through the IR (its plan: composites, retry policies) rather than as a leaf
  // ClientSpec given on its own.
  bool through_ir = false;
  // A budget that refuses a wait fails the call before its own limit passes, so lateness is not
  // elapsed − limit there but how long after the last attempt ended the error came (CallResult's
  // `refusal`): the instant the refusal became due.
  bool lateness_is_refusal = false;
};

struct Scenario {
  // The --kinds spelling: connect, ttfb, first, idle, request, total, deadline, fallback-total,
  // fallback-refuse.
  std::string name;
  std::string expected;  // the outcome every call must end with, e.g. "timeout:idle"
  std::string fault;     // how the limit is tripped, for the table
  std::function<ScenarioSetup(const mock_llm::MockServerProcess& mock, std::chrono::milliseconds limit)> setup;
};

const std::vector<Scenario>& lateness_scenarios();

// nullptr when there is no scenario of that name.
const Scenario* find_scenario(std::string_view name);

}  // namespace runtime_bench
