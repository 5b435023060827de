// baml_parse_probe: parses text against a function's return type from an IR file, printing what
// the oracle (tools/baml_oracle) prints, for side-by-side comparison while developing.
//   baml_parse_probe IR.json FUNCTION [--partial] < text
//   baml_parse_probe IR.json --batch < cases.jsonl   ({"function", "parse", "partial"} a line)
//   baml_parse_probe IR.json --stream-diff 1,4,7 < cases.jsonl   ({"function", "text"} a line): the
//     incremental StreamParser against parse_answer of every prefix, in chunks of each size
//   baml_parse_probe IR.json FUNCTION --stream-bench N [R] < text   streaming in N-byte deltas against
//     one whole parse (medians of R rounds)
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/value_json.h>

#include "parse/parse.h"

namespace {

using nlohmann::json;

// Wraps the value at `path` (".a[1].b", `["key"]`) as {"value", "state"}.
void wrap_state(json& root, const std::string& path, const std::string& state) {
  json* cur = &root;
  std::size_t i = 0;
  while (i < path.size() && cur) {
    if (path[i] == '.') {
      std::size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string k = path.substr(i + 1, j - i - 1);
      if (!cur->is_object() || !cur->contains(k)) return;
      cur = &(*cur)[k];
      i = j;
    } else if (path[i] == '[') {
      std::size_t j = path.find(']', i);
      std::string inner = path.substr(i + 1, j - i - 1);
      if (!inner.empty() && inner[0] == '"') {
        std::string k = inner.substr(1, inner.size() - 2);
        if (!cur->is_object() || !cur->contains(k)) return;
        cur = &(*cur)[k];
      } else {
        std::size_t n = std::stoul(inner);
        if (!cur->is_array() || n >= cur->size()) return;
        cur = &(*cur)[n];
      }
      i = j + 1;
    } else {
      return;
    }
  }
  json v = *cur;
  *cur = json{{"value", v}, {"state", state}};
}

json run(const json& ir, const baml::ir::TypeSystem& types, const std::string& fn, const std::string& text, bool partial) {
  for (const auto& f : ir["functions"]) {
    if (f["name"] != fn) continue;
    baml::ir::Type t = baml::ir::read_type(f["return_type"], "return_type");
    try {
      auto r = baml::parse::parse_answer(text, t, types, partial);
      json v = baml::to_json(r.value);
      // Deepest first, so that outer wrapping does not hide inner paths.
      for (auto it = r.states.rbegin(); it != r.states.rend(); ++it) {
        const char* s = it->state == baml::parse::StreamState::Pending ? "Pending"
                        : it->state == baml::parse::StreamState::Incomplete ? "Incomplete" : "Complete";
        wrap_state(v, it->path, s);
      }
      return json{{"ok", true}, {"value", v}};
    } catch (const baml::Error& e) {
      return json{{"ok", false}, {"error", e.info().detail}};
    }
  }
  return json{{"ok", false}, {"error", "no function " + fn}};
}

std::string shown(const baml::parse::ParseResult& r) {
  json v = baml::to_json(r.value);
  for (auto it = r.states.rbegin(); it != r.states.rend(); ++it)
    wrap_state(v, it->path, it->state == baml::parse::StreamState::Pending      ? "Pending"
                            : it->state == baml::parse::StreamState::Incomplete ? "Incomplete"
                                                                                : "Complete");
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool same(const baml::parse::ParseResult& a, const baml::parse::ParseResult& b) {
  if (!(a.value == b.value) || a.states.size() != b.states.size()) return false;
  for (std::size_t i = 0; i < a.states.size(); ++i)
    if (a.states[i].path != b.states[i].path || a.states[i].state != b.states[i].state) return false;
  return true;
}

// The reference stream: parse_answer(prefix, partial) after every delta, a value emitted when it
// parses and differs from the last one emitted. The StreamParser must emit exactly these, at the
// same deltas, and finish() must be parse_answer of the whole text. "" when it does; else what
// differed first.
std::string stream_differential(const std::string& text, const baml::ir::Type& t, const baml::ir::TypeSystem& types,
                                std::size_t chunk) {
  baml::parse::StreamParser sp(t, types);
  std::optional<baml::parse::ParseResult> last;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t n = std::min(chunk, text.size() - pos);
    bool changed = sp.feed(std::string_view(text).substr(pos, n));
    pos += n;
    std::optional<baml::parse::ParseResult> ref;
    try {
      ref = baml::parse::parse_answer(std::string_view(text).substr(0, pos), t, types, true);
    } catch (const baml::ValidationError&) {
    }
    bool emit = ref && (!last || !same(*ref, *last));
    std::string at = "after " + std::to_string(pos) + " bytes: ";
    if (changed != emit)
      return at + (emit ? "expected " + shown(*ref) + ", nothing emitted" : "emitted " + shown(sp.current()) + ", expected nothing");
    if (emit) {
      if (!same(sp.current(), *ref)) return at + "emitted " + shown(sp.current()) + ", expected " + shown(*ref);
      last = ref;
    }
  }
  std::string whole, streamed;
  try {
    whole = shown(baml::parse::parse_answer(text, t, types, false));
  } catch (const baml::ValidationError&) {
    whole = "error";
  }
  try {
    streamed = shown(sp.finish());
  } catch (const baml::ValidationError&) {
    streamed = "error";
  }
  if (whole != streamed) return "finish: " + streamed + ", expected " + whole;
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: baml_parse_probe IR.json FUNCTION [--partial] | --batch\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  json ir = json::parse(in);
  baml::ir::TypeSystem types = baml::ir::read_type_system(ir);
  std::string fn = argv[2];
  if (fn == "--batch") {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      json c = json::parse(line);
      std::cout << run(ir, types, c["function"], c["parse"], c.value("partial", false)).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
    return 0;
  }
  if (fn == "--stream-diff") {
    // Each line {"function", "text"}: the text fed to a StreamParser in chunks of each size
    // (argv[3], "1,4,7"), checked against parse_answer of every prefix (see stream_differential).
    std::vector<std::size_t> sizes;
    std::string list = argc > 3 ? argv[3] : "1";
    for (std::size_t at = 0; at <= list.size();) {
      std::size_t comma = list.find(',', at);
      if (comma == std::string::npos) comma = list.size();
      sizes.push_back(std::stoul(list.substr(at, comma - at)));
      at = comma + 1;
    }
    std::string line;
    int cases = 0, failures = 0;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      json c = json::parse(line);
      const std::string function = c["function"];
      const std::string text = c["text"];
      baml::ir::Type t;
      bool known = false;
      for (const auto& f : ir["functions"])
        if (f["name"] == function) t = baml::ir::read_type(f["return_type"], "return_type"), known = true;
      if (!known) continue;
      for (std::size_t n : sizes) {
        ++cases;
        std::string why = stream_differential(text, t, types, n);
        if (!why.empty()) {
          ++failures;
          std::cout << c.value("id", function) << " (chunks of " << n << "): " << why << "\n";
        }
      }
    }
    std::cout << cases << " streams, " << failures << " different\n";
    return failures ? 1 : 0;
  }
  if (argc > 4 && std::string(argv[3]) == "--stream-bench") {
    // Feeds stdin in N-byte deltas; prints the time against one whole parse: medians over R
    // rounds (argv[5], default 5), a whole parse timed as the mean of as many as fit in 50 ms.
    std::size_t n = std::stoul(argv[4]);
    int rounds = argc > 5 ? std::max(1, std::stoi(argv[5])) : 5;
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    baml::ir::Type t;
    for (const auto& f : ir["functions"])
      if (f["name"] == fn) t = baml::ir::read_type(f["return_type"], "return_type");
    using Clock = std::chrono::steady_clock;
    std::vector<double> wholes, streams, ratios;
    std::size_t changes = 0;
    for (int r = 0; r < rounds; ++r) {
      auto t0 = Clock::now();
      long calls = 0;
      do {
        (void)baml::parse::parse_answer(text, t, types, false);
        ++calls;
      } while (Clock::now() - t0 < std::chrono::milliseconds(50));
      double whole = std::chrono::duration<double>(Clock::now() - t0).count() / static_cast<double>(calls);
      auto t1 = Clock::now();
      baml::parse::StreamParser sp(t, types);
      changes = 0;
      for (std::size_t i = 0; i < text.size(); i += n) changes += sp.feed(std::string_view(text).substr(i, n));
      double stream = std::chrono::duration<double>(Clock::now() - t1).count();
      wholes.push_back(whole);
      streams.push_back(stream);
      ratios.push_back(stream / whole);
    }
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v[v.size() / 2];
    };
    std::cout << "bytes " << text.size() << " whole " << median(wholes) * 1e3 << " ms, streamed " << median(streams) * 1e3
              << " ms (" << median(ratios) << "x, median of " << rounds << "), " << changes << " changes\n";
    return 0;
  }
  bool partial = argc > 3 && std::string(argv[3]) == "--partial";
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << run(ir, types, fn, text, partial).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}
