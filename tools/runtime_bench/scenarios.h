// The ways of tripping a limit that `runtime_bench lateness` measures, one per limit kind (two for
// time to first token: headers withheld, and headers sent but no content). A scenario builds the
// IR of the client to call and the caller's options, with the limit under test set to the given
// value and every other limit generous, as real clients declare them, so each transfer carries
// several live timers and only the one under test can fire. Issue 5's figures add scenarios here
// (e.g. a fallback chain cut by its total_timeout) without touching the measuring loop.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mock_process.h"
#include "runtime.h"

namespace runtime_bench {

struct ScenarioSetup {
  baml::ClientIr ir;
  std::string client;  // the client to call, in `ir`
  baml::CallOptions options;
};

struct Scenario {
  std::string name;      // the --kinds spelling: connect, ttfb, first, idle, request, deadline, total
  std::string expected;  // the outcome every call must end with, e.g. "timeout:idle"
  std::string fault;     // how the limit is tripped, for the table
  std::function<ScenarioSetup(const MockProcess& mock, std::chrono::milliseconds limit)> setup;
};

const std::vector<Scenario>& lateness_scenarios();

// nullptr when there is no scenario of that name.
const Scenario* find_scenario(std::string_view name);

}  // namespace runtime_bench
