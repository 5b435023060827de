// parse_bench: how long parsing a function's answer takes, measured in process (the IR loaded
// once): the whole text with baml::parse_function_answer, and, with --delta B, the same text fed
// to a baml::AnswerStreamParser B bytes at a time (every partial value built, as a stream does).
//
//   parse_bench IR.json FUNCTION TEXT_FILE [--runs R] [--delta B]
//
// prints one JSON line: {"bytes", "whole_us", "mb_per_s", "stream_us", "stream_ratio", "partials"};
// each time is the median of R runs (default 5), a run repeating the parse for at least 50 ms.
// tools/parse_bench/compare.py runs it beside BAML 0.226.2 (tools/baml_oracle/bench_parse.js).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <baml/errors.h>
#include <baml/functions.h>

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The median over `runs` runs of the time of one `work()`, in microseconds.
template <typename Work>
double median_us(int runs, Work&& work) {
  std::vector<double> per_call;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    long calls = 0;
    do {
      work();
      ++calls;
    } while (Clock::now() - start < std::chrono::milliseconds(50));
    const std::chrono::duration<double, std::micro> spent = Clock::now() - start;
    per_call.push_back(spent.count() / static_cast<double>(calls));
  }
  std::sort(per_call.begin(), per_call.end());
  return per_call[per_call.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: parse_bench IR.json FUNCTION TEXT_FILE [--runs R] [--delta B]\n";
    return 2;
  }
  int runs = 5;
  std::size_t delta = 0;
  for (int i = 4; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
    else if (flag == "--delta") delta = static_cast<std::size_t>(std::stoul(argv[i + 1]));
  }
  try {
    const baml::Program program = baml::Program::from_ir_text(read_file(argv[1]));
    const std::string function = argv[2];
    const std::string text = read_file(argv[3]);

    const double whole = median_us(runs, [&] { baml::parse_function_answer(program, function, text); });
    std::cout << "{\"bytes\": " << text.size() << ", \"whole_us\": " << whole
              << ", \"mb_per_s\": " << static_cast<double>(text.size()) / whole;
    if (delta > 0) {
      long partials = 0;
      const double streamed = median_us(runs, [&] {
        baml::AnswerStreamParser parser(program, function);
        partials = 0;
        for (std::size_t at = 0; at < text.size(); at += delta) {
          if (parser.feed(std::string_view(text).substr(at, delta))) ++partials;
        }
        parser.finish();
      });
      std::cout << ", \"stream_us\": " << streamed << ", \"stream_ratio\": " << streamed / whole
                << ", \"partials\": " << partials;
    }
    std::cout << "}\n";
  } catch (const baml::Error& e) {
    std::cerr << "parse_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
