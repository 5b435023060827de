// Parsing of `mock:` model strings and cutting of reply text into chunks (see directives.h).
// Mistakes in a directive are reported, never guessed around: a test whose fault silently did
// not apply would pass for the wrong reason.
#include "directives.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace mock_llm {
namespace {

constexpr std::string_view kPrefix = "mock:";
// Sums beyond this are certainly typos, and keep the double → integer conversion defined.
constexpr double kMaxDurationMs = 1e12;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Non-negative decimal with an optional fraction: "2", "0.25". Returns the length matched.
std::size_t match_decimal(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return 0;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == i + 1) return 0;
    i = j;
  }
  return i;
}

std::optional<std::uint64_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

DirectiveError error(std::string_view directive, std::string message) {
  return DirectiveError{std::string(directive), std::move(message)};
}

// Applies one `key=value` (or bare `key`) to `d`; returns an error message or "".
std::string apply(Directives& d, std::string_view key, std::optional<std::string_view> value) {
  const bool is_flag = key == "reset" || key == "echo" || key == "invalid_utf8";
  if (is_flag) {
    if (value) return "directive '" + std::string(key) + "' takes no value";
    (key == "reset" ? d.reset : key == "echo" ? d.echo : d.invalid_utf8) = true;
    return "";
  }
  if (!value) return "directive '" + std::string(key) + "' needs a value (" + std::string(key) + "=...)";

  if (key == "ttfb" || key == "first" || key == "gap" || key == "drip" || key == "ping") {
    std::optional<Millis> parsed = parse_duration(*value);
    if (!parsed) return "directive '" + std::string(key) + "' needs a duration like 500ms, 2s or 1m30s";
    // A zero period would make the server spin writing pings or chunks.
    const bool periodic = key == "drip" || key == "ping";
    if (periodic && parsed->count() == 0) {
      return "directive '" + std::string(key) + "' needs a duration above zero";
    }
    if (key == "ttfb") d.ttfb = *parsed;
    if (key == "first") d.first = *parsed;
    if (key == "gap") d.gap = *parsed;
    if (key == "drip") d.drip = parsed;
    if (key == "ping") d.ping = parsed;
    return "";
  }
  if (key == "stall_after" || key == "chunks" || key == "fail_first" || key == "garbage") {
    std::optional<std::uint64_t> n = parse_count(*value);
    if (!n) return "directive '" + std::string(key) + "' needs a non-negative integer";
    if ((key == "chunks" || key == "garbage") && *n == 0) return "directive '" + std::string(key) + "' needs at least 1";
    // The body is held in memory whole.
    if (key == "garbage" && *n > (std::uint64_t{1} << 24)) return "directive 'garbage' takes at most 16777216 bytes";
    (key == "stall_after" ? d.stall_after : key == "chunks" ? d.chunks : key == "fail_first" ? d.fail_first : d.garbage) = n;
    return "";
  }
  if (key == "status") {
    std::optional<std::uint64_t> n = parse_count(*value);
    if (!n || *n < 400 || *n > 599) return "directive 'status' needs an HTTP error status 400-599";
    d.status = static_cast<int>(*n);
    return "";
  }
  if (key == "retry_after_date" || key == "retry_after_ms") {
    std::optional<std::uint64_t> n = parse_count(*value);
    if (!n) return "directive '" + std::string(key) + "' needs a whole number";
    (key == "retry_after_date" ? d.retry_after_date : d.retry_after_ms) = n;
    return "";
  }
  if (key == "retry_after") {
    if (value->empty() || match_decimal(*value) != value->size()) {
      return "directive 'retry_after' needs seconds like 2 or 0.5";
    }
    d.retry_after = std::string(*value);
    return "";
  }
  return "unknown directive '" + std::string(key) + "'";
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  if (text == "0") return Millis{0};
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  while (!text.empty()) {
    std::size_t n = match_decimal(text);
    if (n == 0) return std::nullopt;
    double amount = 0;
    std::from_chars(text.data(), text.data() + n, amount);  // cannot fail: n chars matched
    text.remove_prefix(n);
    double unit_ms = 0;
    // "ms" before "m": the longer unit name must win.
    if (text.substr(0, 2) == "ms") {
      unit_ms = 1;
      text.remove_prefix(2);
    } else if (!text.empty() && (text[0] == 'h' || text[0] == 'm' || text[0] == 's')) {
      unit_ms = text[0] == 'h' ? 3'600'000 : text[0] == 'm' ? 60'000 : 1'000;
      text.remove_prefix(1);
    } else {
      return std::nullopt;
    }
    total_ms += amount * unit_ms;
    if (total_ms > kMaxDurationMs) return std::nullopt;
  }
  return Millis{static_cast<Millis::rep>(std::llround(total_ms))};
}

std::variant<Directives, DirectiveError> parse_model(std::string_view model) {
  Directives d;
  if (model.substr(0, kPrefix.size()) != kPrefix) return d;
  std::string_view rest = model.substr(kPrefix.size());
  std::vector<std::string> seen;
  while (!rest.empty()) {
    // `reply=` swallows the rest of the string, commas included, so it must come last.
    if (rest.substr(0, 6) == "reply=") {
      d.reply = std::string(rest.substr(6));
      break;
    }
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item.empty()) continue;  // tolerate "mock:a=1,,b=2" and a trailing comma
    std::size_t eq = item.find('=');
    std::string_view key = item.substr(0, eq);
    std::optional<std::string_view> value;
    if (eq != std::string_view::npos) value = item.substr(eq + 1);
    for (const std::string& k : seen) {
      if (k == key) return error(item, "directive '" + std::string(key) + "' given twice");
    }
    seen.emplace_back(key);
    std::string message = apply(d, key, value);
    if (!message.empty()) return error(item, message + " (in '" + std::string(item) + "')");
  }
  if (d.echo && d.reply) {
    return error("echo", "directives 'echo' and 'reply' contradict each other");
  }
  if (d.drip && d.stall_after) {
    return error("drip", "directives 'drip' and 'stall_after' contradict each other");
  }
  return d;
}

std::vector<std::string> content_chunks(std::string_view content, std::optional<std::uint64_t> chunks) {
  std::vector<std::string> out;
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (!chunks) {
    std::size_t i = 0;
    std::size_t start = 0;
    while (i < content.size() && is_space(content[i])) ++i;
    while (i < content.size()) {
      while (i < content.size() && !is_space(content[i])) ++i;
      while (i < content.size() && is_space(content[i])) ++i;
      out.emplace_back(content.substr(start, i - start));
      start = i;
    }
  } else {
    // Cut points only at UTF-8 lead bytes, so each piece is valid text on its own.
    std::vector<std::size_t> boundaries;
    for (std::size_t i = 0; i < content.size(); ++i) {
      if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) boundaries.push_back(i);
    }
    std::uint64_t n = std::min<std::uint64_t>(*chunks, boundaries.size());
    for (std::uint64_t k = 0; k < n; ++k) {
      std::size_t begin = boundaries[k * boundaries.size() / n];
      std::size_t end = k + 1 == n ? content.size() : boundaries[(k + 1) * boundaries.size() / n];
      out.emplace_back(content.substr(begin, end - begin));
    }
  }
  if (out.empty()) out.emplace_back();
  return out;
}

}  // namespace mock_llm
