// codegen_bench: the overhead of a generated sync call over the runtime's own call (issue 16,
// goal: within 2%, docs/performance.md "Generated code").
//
// Both contenders call examples/agent's ExtractResume on the mock server's `MockReply` client,
// whose canned answer (`[mock:answer=resume]`) is a full Resume: the same runtime, program,
// request and answer. The baseline is `baml::call_function` with arguments built once and the
// result left as a `baml::Value`; the candidate is the generated `agent::Client::ExtractResume`,
// which converts its typed argument to a `baml::Value` on every call and the answer to an
// `agent::Resume`. Calls are sequential, measured in interleaved blocks (A B, B A, ...) after a
// warm-up, so a change in the machine's load hits both alike; the figure is the ratio of the
// medians of per-call wall time.
//
//   codegen_bench [--calls N] [--warmup N] [--blocks N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <baml/functions.h>
#include <baml/runtime.h>

#include "baml_client/client.hpp"
#include "launcher.h"

// Defined in the generated ir.cpp (the IR the client loads); declared here so the baseline loads
// the very same program.
namespace agent {
const char* baml_ir_text() noexcept;
}

namespace {

struct Options {
  int calls = 2000;  // measured calls per contender
  int warmup = 200;
  int blocks = 10;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const int value = std::stoi(argv[++i]);
    if (value < 1) throw std::invalid_argument(flag + " must be at least 1");
    if (flag == "--calls") o.calls = value;
    else if (flag == "--warmup") o.warmup = value;
    else if (flag == "--blocks") o.blocks = value;
    else throw std::invalid_argument("unknown option " + flag + " (known: --calls, --warmup, --blocks)");
  }
  return o;
}

double cpu_micros() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Contender {
  std::string name;
  std::function<void()> call;
  std::vector<double> micros;
  double cpu = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double percentile90(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, v.size() * 9 / 10)];
}

void run_block(Contender& c, int calls) {
  const double cpu_start = cpu_micros();
  for (int i = 0; i < calls; ++i) {
    const auto start = std::chrono::steady_clock::now();
    c.call();
    c.micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  c.cpu += cpu_micros() - cpu_start;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse_options(argc, argv);
  mock_llm::MockServerProcess mock;
  setenv("BAML_MOCK_BASE_URL", mock.openai_base_url().c_str(), 1);

  auto runtime = std::make_shared<baml::Runtime>();
  const baml::Program program = baml::Program::from_ir_text(agent::baml_ir_text());
  agent::Client client(runtime);
  baml::CallOptions on_mock;
  on_mock.client_override = "MockReply";
  const std::string text = "[mock:answer=resume] Grace Hopper, rear admiral, compiler pioneer";
  const baml::Args args = {{"resume_text", baml::Value::string(text)}};

  std::size_t sink = 0;  // keeps each result observable, so no call is optimized away
  std::vector<Contender> contenders;
  contenders.push_back({"runtime call_function", [&] {
                          const baml::FunctionResult r = baml::call_function(*runtime, program, "ExtractResume", args, on_mock);
                          sink += r.raw_text.size();
                        }});
  contenders.push_back({"generated ExtractResume", [&] {
                          const agent::Resume r = client.ExtractResume(text, on_mock);
                          sink += r.name.size();
                        }});

  for (Contender& c : contenders) {
    run_block(c, options.warmup);
    c.micros.clear();
    c.cpu = 0;
  }
  const int per_block = std::max(1, options.calls / options.blocks);
  for (int b = 0; b < options.blocks; ++b) {
    for (std::size_t k = 0; k < contenders.size(); ++k) run_block(contenders[(k + static_cast<std::size_t>(b)) % contenders.size()], per_block);
  }

  std::printf("%d calls per contender in %d interleaved blocks, mock on port %d\n", per_block * options.blocks, options.blocks, mock.port());
  std::printf("%-26s %10s %10s %14s\n", "contender", "p50 us", "p90 us", "CPU us/call");
  for (const Contender& c : contenders) {
    std::printf("%-26s %10.1f %10.1f %14.1f\n", c.name.c_str(), median(c.micros), percentile90(c.micros),
                c.cpu / static_cast<double>(c.micros.size()));
  }
  const double ratio = median(contenders[1].micros) / median(contenders[0].micros);
  const double cpu_ratio = contenders[1].cpu / contenders[0].cpu;
  std::printf("generated / runtime: %.3fx wall (p50), %.3fx CPU (goal: wall within 1.02x)\n", ratio, cpu_ratio);
  return sink > 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::cerr << "codegen_bench: " << e.what() << "\n";
  return 1;
}
