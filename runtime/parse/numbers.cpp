// Number reading helpers shared by the int, float and duration coercions.
#include "parse/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace baml::parse {

std::optional<std::int64_t> rust_int(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '+') return std::nullopt;
  std::int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> rust_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t ed = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++ed;
    if (ed == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  std::string z(s);
  return std::strtod(z.c_str(), nullptr);
}

namespace {
std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::optional<double> fraction(std::string_view s) {
  auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto n = rust_float(trim(s.substr(0, slash)));
  auto d = rust_float(trim(s.substr(slash + 1)));
  if (!n || !d || *d == 0.0) return std::nullopt;
  return *n / *d;
}

// The regex ([-+]?)\$?(?:\d+(?:,\d+)*(?:\.\d+)?|\d+\.\d+|\d+|\.\d+)(?:e[-+]?\d+)?, matched
// leftmost-first; exactly one match in the text or none.
std::optional<double> number_in_text(std::string_view s) {
  std::vector<std::string_view> found;
  std::size_t p = 0;
  while (p < s.size() && found.size() < 2) {
    std::size_t i = p;
    if (s[i] == '+' || s[i] == '-') ++i;
    if (i < s.size() && s[i] == '$') ++i;
    std::size_t body = i;
    if (i < s.size() && digit(s[i])) {
      while (i < s.size() && digit(s[i])) ++i;
      while (i + 1 < s.size() && s[i] == ',' && digit(s[i + 1])) {
        ++i;
        while (i < s.size() && digit(s[i])) ++i;
      }
      if (i + 1 < s.size() && s[i] == '.' && digit(s[i + 1])) {
        ++i;
        while (i < s.size() && digit(s[i])) ++i;
      }
    } else if (i + 1 < s.size() && s[i] == '.' && digit(s[i + 1])) {
      ++i;
      while (i < s.size() && digit(s[i])) ++i;
    }
    if (i == body) {
      ++p;
      continue;
    }
    if (i < s.size() && s[i] == 'e') {
      std::size_t j = i + 1;
      if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
      if (j < s.size() && digit(s[j])) {
        while (j < s.size() && digit(s[j])) ++j;
        i = j;
      }
    }
    found.push_back(s.substr(p, i - p));
    p = i;
  }
  if (found.size() != 1) return std::nullopt;
  std::string clean;
  for (char c : found[0])
    if (c != ',' && c != '$') clean += c;
  return rust_float(clean);
}

std::int64_t round_to_int(double d) {
  if (std::isnan(d)) return 0;
  double r = std::round(d);
  if (r >= 9223372036854775807.0) return std::numeric_limits<std::int64_t>::max();
  if (r <= -9223372036854775808.0) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(r);
}

std::string serde_float_text(double d) {
  std::string out = std::signbit(d) ? "-" : "";
  d = std::fabs(d);
  if (d == 0) return out + "0.0";
  // The shortest round-trip digits and the decimal exponent, from the scientific form.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  const std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int length = static_cast<int>(digits.size());
  const int kk = exponent + 1;  // where the decimal point goes, counted from the first digit
  const int k = kk - length;
  if (k >= 0 && kk <= 16) return out + digits + std::string(static_cast<std::size_t>(k), '0') + ".0";
  if (kk > 0 && kk <= 16) return out + digits.substr(0, static_cast<std::size_t>(kk)) + "." + digits.substr(static_cast<std::size_t>(kk));
  if (kk > -5 && kk <= 0) return out + "0." + std::string(static_cast<std::size_t>(-kk), '0') + digits;
  if (length == 1) return out + digits + "e" + std::to_string(kk - 1);
  return out + digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(kk - 1);
}

std::string serde_number_text(std::string_view text) {
  if (auto i = rust_int(text)) return std::to_string(*i);
  // serde_json reads a whole number past i64 as a u64 when it fits (BAML keeps
  // 12345678901234567890 as written).
  std::uint64_t u = 0;
  std::string_view digits = !text.empty() && text.front() == '+' ? text.substr(1) : text;
  if (auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), u);
      ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
    return std::to_string(u);
  }
  if (auto d = rust_float(text); d && std::isfinite(*d)) return serde_float_text(*d);
  return std::string(text);
}

}  // namespace baml::parse
