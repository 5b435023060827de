// Durations from a model's text, which BAML cannot do (it has no duration type): bamlc's own
// literal syntax through the one duration library ("90s", "1m30s", "500ms"), ISO 8601
// ("PT1H30M", "P1DT2H"), numbers with unit words ("1.5 minutes", "2 hours", "500 ms",
// "1 hour 30 minutes", "1h 30m"), and a bare number, which is read as seconds — what a model
// means when it drops the unit (docs/parsing.md).
#include <cctype>
#include <cmath>
#include <string>

#include <baml/duration.h>

#include "parse/coerce.h"
#include "parse/duration_text.h"
#include "parse/numbers.h"

namespace baml::parse {

namespace {

std::string lower_trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Milliseconds per unit word, or 0 when unknown.
double unit_ms(std::string_view u) {
  static const std::pair<const char*, double> units[] = {
      {"ms", 1}, {"msec", 1}, {"msecs", 1}, {"millisecond", 1}, {"milliseconds", 1},
      {"s", 1000}, {"sec", 1000}, {"secs", 1000}, {"second", 1000}, {"seconds", 1000},
      {"m", 60000}, {"min", 60000}, {"mins", 60000}, {"minute", 60000}, {"minutes", 60000},
      {"h", 3600000}, {"hr", 3600000}, {"hrs", 3600000}, {"hour", 3600000}, {"hours", 3600000},
      {"d", 86400000}, {"day", 86400000}, {"days", 86400000},
      {"w", 604800000}, {"wk", 604800000}, {"week", 604800000}, {"weeks", 604800000},
  };
  for (const auto& [n, ms] : units)
    if (u == n) return ms;
  return 0;
}

// "P[nD]T[nH][nM][nS]" (fractions allowed in the last part), or weeks "PnW".
std::optional<double> iso8601(std::string_view s) {
  if (s.empty() || s[0] != 'p') return std::nullopt;
  std::size_t i = 1;
  bool time = false, any = false;
  double total = 0;
  while (i < s.size()) {
    if (s[i] == 't') {
      if (time) return std::nullopt;
      time = true;
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ',')) ++i;
    if (i == b || i >= s.size()) return std::nullopt;
    std::string num(s.substr(b, i - b));
    for (auto& c : num)
      if (c == ',') c = '.';
    auto n = rust_float(num);
    if (!n) return std::nullopt;
    char u = s[i++];
    double ms = 0;
    if (!time && u == 'w') ms = 604800000;
    else if (!time && u == 'd') ms = 86400000;
    else if (time && u == 'h') ms = 3600000;
    else if (time && u == 'm') ms = 60000;
    else if (time && u == 's') ms = 1000;
    else return std::nullopt;
    total += *n * ms;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

// "1.5 minutes", "1h 30m", "2 hours and 5 minutes", "500 ms".
std::optional<double> unit_words(std::string_view s) {
  std::size_t i = 0;
  double total = 0;
  bool any = false;
  auto skip = [&] {
    for (;;) {
      while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
      if (s.substr(i, 4) == "and ") { i += 4; continue; }
      break;
    }
  };
  skip();
  while (i < s.size()) {
    std::size_t b = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == b) return std::nullopt;
    auto n = rust_float(s.substr(b, i - b));
    if (!n) return std::nullopt;
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t u = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    double ms = unit_ms(s.substr(u, i - u));
    if (ms == 0) return std::nullopt;
    total += *n * ms;
    any = true;
    skip();
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace

// The milliseconds a text names, or nullopt.
std::optional<std::int64_t> duration_from_text(std::string_view text) {
  std::string s = lower_trim(text);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = lower_trim(std::string_view(s).substr(1, s.size() - 2));
  if (s.empty()) return std::nullopt;
  DurationParse lit = parse_duration(s);
  if (lit.value) return lit.value->count();
  std::optional<double> ms = iso8601(s);
  if (!ms) ms = unit_words(s);
  if (!ms) {
    if (auto secs = rust_float(s)) ms = *secs * 1000;
  }
  if (!ms || !std::isfinite(*ms) || *ms < 0 || *ms > static_cast<double>(kMaxDurationMs)) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(*ms));
}

Outcome Coercer::coerce_duration(const JValue* v, const std::string& path) {
  if (!v) return Outcome::failure(path, expected("duration", v));
  std::optional<std::int64_t> ms;
  if (v->kind == JValue::Kind::String) {
    ms = duration_from_text(v->text);
  } else if (v->kind == JValue::Kind::Number) {
    if (auto d = rust_float(v->text); d && std::isfinite(*d) && *d >= 0 && *d * 1000 <= static_cast<double>(kMaxDurationMs))
      ms = static_cast<std::int64_t>(std::llround(*d * 1000));
  } else if (v->kind == JValue::Kind::Array) {
    return best_item(plain_type(ir::Type::Kind::Duration), v, path, false);
  }
  if (!ms) return Outcome::failure(path, expected("duration", v));
  Coerced c;
  c.value = Value::duration(std::chrono::milliseconds(*ms));
  return Outcome::success(std::move(c));
}

}  // namespace baml::parse
