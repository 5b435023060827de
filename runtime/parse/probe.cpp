// baml_parse_probe: parses text against a function's return type from an IR file, printing what
// the oracle (tools/baml_oracle) prints, for side-by-side comparison while developing.
//   baml_parse_probe IR.json FUNCTION [--partial] < text
//   baml_parse_probe IR.json --batch < cases.jsonl   ({"function", "parse", "partial"} a line)
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

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
  if (argc > 4 && std::string(argv[3]) == "--stream-bench") {
    // Feeds stdin in N-byte deltas; prints the time against one whole parse.
    std::size_t n = std::stoul(argv[4]);
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    baml::ir::Type t;
    for (const auto& f : ir["functions"])
      if (f["name"] == fn) t = baml::ir::read_type(f["return_type"], "return_type");
    auto t0 = std::chrono::steady_clock::now();
    (void)baml::parse::parse_answer(text, t, types, false);
    auto t1 = std::chrono::steady_clock::now();
    baml::parse::StreamParser sp(t, types);
    std::size_t changes = 0;
    for (std::size_t i = 0; i < text.size(); i += n) changes += sp.feed(std::string_view(text).substr(i, n));
    auto t2 = std::chrono::steady_clock::now();
    double whole = std::chrono::duration<double>(t1 - t0).count(), stream = std::chrono::duration<double>(t2 - t1).count();
    std::cout << "bytes " << text.size() << " whole " << whole * 1e3 << " ms, streamed " << stream * 1e3 << " ms ("
              << stream / whole << "x), " << changes << " changes\n";
    return 0;
  }
  bool partial = argc > 3 && std::string(argv[3]) == "--partial";
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::cout << run(ir, types, fn, text, partial).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}
