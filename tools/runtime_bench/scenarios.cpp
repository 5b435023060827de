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
  scenario.setup = [model, hang_port, limit_under_test](const mock_llm::MockServerProcess& mock, milliseconds limit) {
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
  deadline.setup = [](const mock_llm::MockServerProcess& mock, milliseconds limit) {
    ScenarioSetup setup{
        IrBuilder().leaf("Bench", mock.openai_base_url(), "mock:ttfb=10s", generous_limits()).read(), "Bench", {}};
    setup.options.timeout = limit;
    return setup;
  };
  out.push_back(std::move(deadline));

  // Issue 5: the budget's overshoot through a fallback chain. `Chain` is a fallback of two leaves
  // whose first child withholds its headers (every limit of its own generous) and whose
  // total_timeout is the limit under test: the budget cuts the first child's attempt in flight
  // and the call ends with kind total; the second child is never tried.
  Scenario chain_total;
  chain_total.name = "fallback-total";
  chain_total.expected = "timeout:total";
  chain_total.fault = "fallback [mock:ttfb=10s, mock:reply=hi], total_timeout";
  chain_total.setup = [](const mock_llm::MockServerProcess& mock, milliseconds limit) {
    Limits chain = generous_limits();
    chain.total = limit;
    IrBuilder ir;
    ir.leaf("Stalls", mock.openai_base_url(), "mock:ttfb=10s", generous_limits())
        .leaf("Backup", mock.openai_base_url(), "mock:reply=hi", generous_limits())
        .composite("Chain", "fallback", {"Stalls", "Backup"}, chain);
    ScenarioSetup setup{ir.read(), "Chain", {}};
    setup.through_ir = true;
    return setup;
  };
  out.push_back(std::move(chain_total));

  // The budget refusing a wait: the same chain with a retry policy whose wait (60 s) outlasts its
  // total_timeout (10 × the limit). The first child is cut by its own time-to-first-token limit
  // (the limit under test), the second fails at once with a 503, the policy would retry the chain
  // after 60 s, and the budget refuses that wait: the call fails at once with kind total, well
  // before the budget's own end. Lateness is how long after the second child's 503 arrived the
  // caller had its error: the refusal itself (see ScenarioSetup::lateness_is_refusal).
  Scenario chain_refuse;
  chain_refuse.name = "fallback-refuse";
  chain_refuse.expected = "timeout:total";
  chain_refuse.fault = "fallback [mock:ttfb=10s cut by its ttfb limit, mock:status=503] + 60 s retry wait";
  chain_refuse.setup = [](const mock_llm::MockServerProcess& mock, milliseconds limit) {
    Limits stalls = generous_limits();
    stalls.time_to_first_token = limit;
    Limits chain = generous_limits();
    chain.total = 10 * limit;
    IrBuilder ir;
    ir.leaf("Stalls", mock.openai_base_url(), "mock:ttfb=10s", stalls)
        .leaf("Fails", mock.openai_base_url(), "mock:status=503", generous_limits())
        .retry_policy({{"name", "Slow"},
                       {"max_retries", 1},
                       {"strategy", {{"type", "constant_delay"}, {"delay_ms", 60'000}}}})
        .composite("Chain", "fallback", {"Stalls", "Fails"}, chain, "Slow");
    ScenarioSetup setup{ir.read(), "Chain", {}};
    setup.through_ir = true;
    setup.lateness_is_refusal = true;
    return setup;
  };
  out.push_back(std::move(chain_refuse));
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
