#include "cli/dotenv.h"

#include <cstdlib>
#include <fstream>

namespace bamlc::cli {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool valid_name(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  }
  return true;
}

}  // namespace

bool load_dotenv(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read `" + path + "`";
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    if (text.rfind("export ", 0) == 0) text = trim(text.substr(7));
    const auto eq = text.find('=');
    const std::string name = eq == std::string::npos ? "" : trim(text.substr(0, eq));
    if (!valid_name(name)) {
      error = path + ":" + std::to_string(number) + ": not a `NAME=value` line";
      return false;
    }
    std::string value = trim(text.substr(eq + 1));
    if (!value.empty() && value[0] == '\'') {
      const auto end = value.find('\'', 1);
      value = value.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    } else if (!value.empty() && value[0] == '"') {
      std::string out;
      std::size_t i = 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          const char next = value[++i];
          out += next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next;
        } else {
          out += value[i];
        }
      }
      value = out;
    } else {
      const auto comment = value.find(" #");
      if (comment != std::string::npos) value = trim(value.substr(0, comment));
    }
    ::setenv(name.c_str(), value.c_str(), 0);  // the environment wins
  }
  return true;
}

}  // namespace bamlc::cli
