// Compares bamlc's ctx.output_format with BAML 0.226.2's, case by case, on the golden corpus
// (tests/output_format_golden: expected.json holds the oracle's text, or its error, and the
// options of each case; project/ the functions whose return types they describe).
//
//   output_format_golden_driver --bamlc BAMLC --project DIR --expected EXPECTED.json
//   output_format_golden_driver --ir IR.json --expected EXPECTED.json
//
// With --bamlc it first runs `BAMLC build --from DIR --emit-ir` into a temporary file. Prints one
// line per mismatch (and the two texts), the known differences as notes; exits 1 on a mismatch.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "output_format/output_format.h"
#include "value/types.h"

namespace {

using nlohmann::json;

baml::Value option_value(const json& j) {
  if (j.is_null()) return baml::Value::null();
  if (j.is_boolean()) return baml::Value::boolean(j.get<bool>());
  if (j.is_number_integer()) return baml::Value::integer(j.get<std::int64_t>());
  if (j.is_number()) return baml::Value::floating(j.get<double>());
  if (j.is_string()) return baml::Value::string(j.get<std::string>());
  if (j.is_array()) {
    baml::Value::Items items;
    for (const json& item : j) items.push_back(option_value(item));
    return baml::Value::list(std::move(items));
  }
  baml::Value::Entries entries;
  for (const auto& [k, v] : j.items()) entries.emplace_back(k, option_value(v));
  return baml::Value::map(std::move(entries));
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return json::parse(in);
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Where two texts part, for the report.
std::string first_difference(const std::string& got, const std::string& want) {
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  return "first difference at byte " + std::to_string(i);
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  if (!args.count("--expected") || !(args.count("--ir") || (args.count("--bamlc") && args.count("--project")))) {
    std::cerr << "usage: output_format_golden_driver (--ir IR.json | --bamlc BAMLC --project DIR) --expected FILE\n";
    return 2;
  }
  try {
    std::string ir_path = args.count("--ir") ? args["--ir"] : "";
    if (ir_path.empty()) {
      ir_path = (std::filesystem::temp_directory_path() /
                 ("output_format_golden_" + std::to_string(::getpid()) + ".ir.json")).string();
      std::string cmd = shell_quote(args["--bamlc"]) + " build --from " + shell_quote(args["--project"]) +
                        " --emit-ir " + shell_quote(ir_path);
      if (std::system(cmd.c_str()) != 0) {
        std::cerr << "bamlc could not build the golden project: " << cmd << "\n";
        return 1;
      }
    }
    const json ir = read_json(ir_path);
    if (!args.count("--ir")) std::filesystem::remove(ir_path);
    const json expected = read_json(args["--expected"]);
    const baml::ir::TypeSystem types = baml::ir::read_type_system(ir);
    std::map<std::string, const json*> functions;
    for (const json& f : ir.at("functions")) functions[f.at("name").get<std::string>()] = &f;

    int passed = 0, failed = 0, known = 0;
    for (const auto& [name, c] : expected.items()) {
      const bool is_known = c.contains("known_difference");
      std::string problem;
      auto it = functions.find(name);
      if (it == functions.end()) {
        problem = "no such function in the IR";
      } else {
        const baml::ir::Type type = baml::ir::read_type(it->second->at("return_type"), name + ".return_type");
        baml::Value::Entries options;
        for (const auto& [k, v] : c.at("options").items()) options.emplace_back(k, option_value(v));
        try {
          std::string got = baml::output_format::render(type, types, options);
          if (c.contains("error")) {
            problem = "rendered, but BAML fails: " + c.at("error").get<std::string>() + "\n--- got\n" + got;
          } else if (got != c.at("text").get<std::string>()) {
            const std::string want = c.at("text").get<std::string>();
            problem = first_difference(got, want) + "\n--- got\n" + got + "\n--- want\n" + want;
          }
        } catch (const baml::TemplateError& e) {
          if (!c.contains("error")) problem = std::string("TemplateError: ") + e.what();
        }
      }
      if (problem.empty()) {
        ++passed;
        if (is_known) std::cout << "note: " << name << " matches although marked as a known difference\n";
      } else if (is_known) {
        ++known;
        std::cout << "known difference: " << name << ": " << c.at("known_difference").get<std::string>() << "\n";
      } else {
        ++failed;
        std::cout << "MISMATCH " << name << ": " << problem << "\n\n";
      }
    }
    std::cout << passed << " match, " << failed << " differ, " << known << " known differences\n";
    return failed ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "output_format_golden_driver: " << e.what() << "\n";
    return 1;
  }
}
