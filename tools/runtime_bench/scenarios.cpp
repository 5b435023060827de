// The limit-tripping scenarios (see scenarios.h).
#include "scenarios.h"

#include "ir_builder.h"

namespace runtime_bench {

namespace {

using std::chrono::milliseconds;

// A scenario whose one client is a leaf on the mock's serving port (or its hang port).
Scenario leaf_scenario(std::string name, std::string expected, std::string model, bool hang_port,
                       std::optional<milliseconds> Limits::*limit_under_test) {
  Scenario scenario;
  scenario.name = std::move(name);
  scenario.expected = std::move(expected);
  scenario.fault = hang_port ? "hang port" : model;
  scenario.setup = [model, hang_port, limit_under_test](const MockProcess& mock, milliseconds limit) {
    Limits limits = generous_limits();
    limits.*limit_under_test = limit;
    const std::string base_url = hang_port ? mock.hang_base_url() : mock.openai_base_url();
    return ScenarioSetup{IrBuilder().leaf("Bench", base_url, model, limits).read(), "Bench", {}};
  };
  return scenario;
}

std::vector<Scenario> make_scenarios() {
  std::vector<Scenario> out;
  out.push_back(leaf_scenario("connect", "timeout:connect", "mock:reply=hi", true, &Limits::connect));
  out.push_back(
      leaf_scenario("ttfb", "timeout:time_to_first_token", "mock:ttfb=10s", false, &Limits::time_to_first_token));
  out.push_back(
      leaf_scenario("first", "timeout:time_to_first_token", "mock:first=10s", false, &Limits::time_to_first_token));
  out.push_back(leaf_scenario("idle", "timeout:idle", "mock:stall_after=1", false, &Limits::idle));
  out.push_back(leaf_scenario("request", "timeout:request", "mock:drip=50ms", false, &Limits::request));
  out.push_back(leaf_scenario("total", "timeout:total", "mock:ttfb=10s", false, &Limits::total));

  // The caller's budget: CallOptions::timeout, on a client whose own limits are all generous.
  Scenario deadline;
  deadline.name = "deadline";
  deadline.expected = "timeout:deadline";
  deadline.fault = "mock:ttfb=10s, CallOptions::timeout";
  deadline.setup = [](const MockProcess& mock, milliseconds limit) {
    ScenarioSetup setup{
        IrBuilder().leaf("Bench", mock.openai_base_url(), "mock:ttfb=10s", generous_limits()).read(), "Bench", {}};
    setup.options.timeout = limit;
    return setup;
  };
  out.push_back(std::move(deadline));
  return out;
}

}  // namespace

const std::vector<Scenario>& lateness_scenarios() {
  static const std::vector<Scenario> scenarios = make_scenarios();
  return scenarios;
}

const Scenario* find_scenario(std::string_view name) {
  for (const Scenario& scenario : lateness_scenarios()) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

}  // namespace runtime_bench
