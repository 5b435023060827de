// Canned answers, answer forms, base64 and answer files (see answers.h).
#include "answers.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mock_llm {
namespace {

// A person, the smallest object that exercises strings, an int and a list.
constexpr std::string_view kObject = R"({
  "name": "Ada Lovelace",
  "age": 36,
  "email": "ada@example.com",
  "skills": ["mathematics", "poetry", "engineering"]
})";

// examples/agent's Resume (resume.baml), with an alias ("Staff") and a duration.
constexpr std::string_view kResume = R"({
  "name": "Grace Hopper",
  "email": "grace@example.com",
  "skills": ["COBOL", "compilers", "leadership"],
  "seniority": "Staff",
  "experience": [
    {
      "company": "Remington Rand",
      "title": "Senior Mathematician",
      "start_date": "1949-06",
      "end_date": "1967-08",
      "highlights": ["Wrote the A-0 compiler", "Led the FLOW-MATIC team"]
    }
  ],
  "education": [
    {"school": "Yale University", "degree": "PhD, Mathematics", "year": 1934}
  ],
  "notice_period": "336h"
})";

// examples/agent's CandidateScore.
constexpr std::string_view kScore = R"({
  "score": 87,
  "strengths": ["Compiler design", "Team leadership"],
  "gaps": ["No cloud experience"],
  "recommendation": "interview"
})";

constexpr std::string_view kProse = "I'm sorry, but I can't find that information in the text you gave me.";

const std::vector<std::string_view> kAnswerNames = {"object", "fenced", "malformed", "truncated", "prose",
                                                    "empty",  "resume", "score"};
const std::vector<std::string_view> kFormNames = {"fenced",     "prose",         "trailing_comma",
                                                  "unquoted_keys", "single_quotes", "truncated"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) != 0) return false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

// The end (one past the closing quote) of the JSON string starting at `text[start] == '"'`; the
// text's end for an unclosed string.
std::size_t string_end(std::string_view text, std::size_t start) {
  std::size_t i = start + 1;
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
    } else if (text[i] == '"') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return text.size();
}

// Walks `text` as JSON tokens: strings go to `on_string(raw, next)` (raw with its quotes; `next`
// the first non-space byte after it, or 0), every other byte to `on_byte`.
template <typename OnString, typename OnByte>
void scan_json(std::string_view text, OnString on_string, OnByte on_byte) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      std::size_t end = string_end(text, i);
      std::size_t j = end;
      while (j < text.size() && is_space(text[j])) ++j;
      on_string(text.substr(i, end - i), j < text.size() ? text[j] : '\0');
      i = end;
    } else {
      on_byte(text[i]);
      ++i;
    }
  }
}

std::string trailing_commas(std::string_view text) {
  std::string out;
  scan_json(
      text, [&](std::string_view raw, char) { out += raw; },
      [&](char c) {
        if (c == '}' || c == ']') {
          std::size_t last = out.find_last_not_of(" \t\r\n");
          if (last != std::string::npos && out[last] != '{' && out[last] != '[' && out[last] != ',') {
            out.insert(last + 1, ",");
          }
        }
        out += c;
      });
  return out;
}

std::string unquoted_keys(std::string_view text) {
  std::string out;
  scan_json(
      text,
      [&](std::string_view raw, char next) {
        const bool closed = raw.size() >= 2 && raw.back() == '"';
        std::string_view inner = closed ? raw.substr(1, raw.size() - 2) : raw;
        out += closed && next == ':' && is_identifier(inner) ? inner : raw;
      },
      [&](char c) { out += c; });
  return out;
}

std::string single_quotes(std::string_view text) {
  std::string out;
  scan_json(
      text,
      [&](std::string_view raw, char) {
        const bool closed = raw.size() >= 2 && raw.back() == '"';
        std::string_view inner = closed ? raw.substr(1, raw.size() - 2) : raw;
        if (closed && inner.find('\'') == std::string_view::npos) {
          out += '\'';
          out += inner;
          out += '\'';
        } else {
          out += raw;
        }
      },
      [&](char c) { out += c; });
  return out;
}

// The first half of `text`, never ending inside a UTF-8 sequence.
std::string first_half(std::string_view text) {
  std::size_t cut = text.size() / 2;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> canned_answer(std::string_view name) {
  if (name == "object") return std::string(kObject);
  if (name == "fenced") return apply_form("fenced", kObject);
  if (name == "malformed") return apply_form("trailing_comma", apply_form("unquoted_keys", kObject));
  if (name == "truncated") return first_half(kObject);
  if (name == "prose") return std::string(kProse);
  if (name == "empty") return std::string();
  if (name == "resume") return std::string(kResume);
  if (name == "score") return std::string(kScore);
  return std::nullopt;
}

const std::vector<std::string_view>& canned_answer_names() {
  return kAnswerNames;
}

bool is_form(std::string_view name) {
  for (std::string_view known : kFormNames) {
    if (known == name) return true;
  }
  return false;
}

const std::vector<std::string_view>& form_names() {
  return kFormNames;
}

std::string apply_form(std::string_view name, std::string_view text) {
  if (name == "fenced") {
    return "Here is the data you asked for:\n\n```json\n" + std::string(text) +
           "\n```\n\nLet me know if you need anything else.";
  }
  if (name == "prose") {
    return "Sure! Based on the text, this is what I found:\n" + std::string(text) +
           "\nI hope this helps.";
  }
  if (name == "trailing_comma") return trailing_commas(text);
  if (name == "unquoted_keys") return unquoted_keys(text);
  if (name == "single_quotes") return single_quotes(text);
  if (name == "truncated") return first_half(text);
  return std::string(text);
}

std::optional<std::string> decode_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = base64_value(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> read_answer_file(std::string_view path, std::string_view dir, std::string& error) {
  std::string full(path);
  if (!path.empty() && path[0] != '/' && !dir.empty()) full = std::string(dir) + "/" + std::string(path);
  std::error_code ec;
  if (std::filesystem::is_directory(full, ec)) {
    error = "answer file '" + full + "' is a directory";
    return std::nullopt;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    error = "cannot read answer file '" + full + "': " + std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string contents = std::move(text).str();
  if (contents.size() > (std::size_t{1} << 24)) {
    error = "answer file '" + full + "' is over 16 MiB";
    return std::nullopt;
  }
  return contents;
}

}  // namespace mock_llm
