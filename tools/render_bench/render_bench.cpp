// render_bench: how long baml::render_requests takes to build a function's request, measured in
// process (no compile, no process start): the IR is loaded once, then the function is rendered
// `--iterations` times per run and the median of `--runs` runs is reported, per call.
//
//   render_bench IR.json FUNCTION ARGS.json [--iterations N] [--runs R]
//
// prints one JSON line: {"function", "median_us", "runs_us": [...], "body_bytes"}.
// tools/render_bench/compare.py runs it beside BAML 0.226.2 (tools/baml_oracle/bench_render.js).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/functions.h>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: render_bench IR.json FUNCTION ARGS.json [--iterations N] [--runs R]\n";
    return 2;
  }
  int iterations = 2000;
  int runs = 7;
  for (int i = 4; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--iterations") iterations = std::max(1, std::stoi(argv[i + 1]));
    else if (flag == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
  }
  try {
    const baml::Program program = baml::Program::from_ir_text(read_file(argv[1]));
    const nlohmann::ordered_json args = nlohmann::ordered_json::parse(read_file(argv[3]));
    const std::string function = argv[2];
    baml::RenderOptions options;
    options.env = [](const std::string&) -> std::optional<std::string> { return std::string("sk-bench-key-0000"); };
    std::size_t body_bytes = baml::render_requests_json(program, function, args, options).front().http.body.size();
    std::vector<double> per_call_us;
    for (int run = 0; run < runs; ++run) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < iterations; ++i) {
        body_bytes = baml::render_requests_json(program, function, args, options).front().http.body.size();
      }
      const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
      per_call_us.push_back(elapsed.count() / iterations);
    }
    std::vector<double> sorted = per_call_us;
    std::sort(sorted.begin(), sorted.end());
    nlohmann::json out{{"function", function}, {"median_us", sorted[sorted.size() / 2]},
                       {"runs_us", per_call_us}, {"body_bytes", body_bytes}};
    std::cout << out.dump() << '\n';
    return 0;
  } catch (const baml::Error& e) {
    std::cerr << "render_bench: " << e.message() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "render_bench: " << e.what() << '\n';
    return 1;
  }
}
