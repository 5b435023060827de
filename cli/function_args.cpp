#include "cli/function_args.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"

namespace bamlc::cli {

std::optional<nlohmann::ordered_json> read_function_args(const std::string& args, const std::string& args_file,
                                                         const std::string& command, int& exit_code) {
  std::string text = args;
  std::string source = "--args";
  exit_code = kExitUsage;
  if (!args_file.empty()) {
    if (!args.empty()) {
      std::cerr << "bamlc " << command << ": error: give the arguments with --args or --args-file, not both\n";
      return std::nullopt;
    }
    std::ifstream in(args_file, std::ios::binary);
    if (!in) {
      std::cerr << "bamlc " << command << ": error: cannot read --args-file `" << args_file << "`\n";
      return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    source = args_file;
  }
  if (text.empty()) text = "{}";
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    std::cerr << "bamlc " << command << ": error: " << source << " is not JSON\n"
              << "  help: write the arguments as a JSON object, e.g. --args '{\"text\": \"Ann, 30\"}'\n";
    return std::nullopt;
  }
  if (!parsed.is_object()) {
    std::cerr << "bamlc " << command << ": error: " << source << " must be a JSON object keyed by parameter name\n";
    return std::nullopt;
  }
  exit_code = kExitOk;
  return parsed;
}

std::string json_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_text(const nlohmann::ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace bamlc::cli
