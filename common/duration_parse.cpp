// Parsing of duration literals. A literal is split into segments (a number and
// the unit after it); the structure is checked left to right, then each segment's value is
// computed exactly by multiplying its digit string, then the unit order is checked. Every error
// tries to offer a corrected literal, and offers it only if that literal parses.
#include <baml/duration.h>
#include <baml/spelling.h>

#include <algorithm>
#include <array>
#include <vector>

namespace baml {
namespace {

constexpr std::string_view kUnitsInWords = "durations use ms, s, m or h";
constexpr std::string_view kMicro = "\xC2\xB5";  // µ, MICRO SIGN: a letter to the lexer
constexpr int kMaxRepairDepth = 4;               // a repair re-parses; fixes converge fast

struct Unit {
  std::string_view name;
  std::uint64_t ms;
};
// Largest first: the order segments must follow.
constexpr std::array<Unit, 4> kUnits{{{"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

std::optional<std::size_t> unit_rank(std::string_view name) {
  for (std::size_t i = 0; i < kUnits.size(); ++i) {
    if (kUnits[i].name == name) return i;
  }
  return std::nullopt;
}

// What a unit spelling most likely means when it is not one of kUnits.
enum class Meaning { Unit, Days, Weeks, Microseconds, Nanoseconds };

struct Spelling {
  std::string_view text;  // lowercase
  Meaning meaning;
  std::string_view unit;  // for Meaning::Unit: the unit meant
};

constexpr Spelling kSpellings[] = {
    {"min", Meaning::Unit, "m"},
    {"mins", Meaning::Unit, "m"},
    {"minute", Meaning::Unit, "m"},
    {"minutes", Meaning::Unit, "m"},
    {"sec", Meaning::Unit, "s"},
    {"secs", Meaning::Unit, "s"},
    {"second", Meaning::Unit, "s"},
    {"seconds", Meaning::Unit, "s"},
    {"hr", Meaning::Unit, "h"},
    {"hrs", Meaning::Unit, "h"},
    {"hour", Meaning::Unit, "h"},
    {"hours", Meaning::Unit, "h"},
    {"msec", Meaning::Unit, "ms"},
    {"msecs", Meaning::Unit, "ms"},
    {"milli", Meaning::Unit, "ms"},
    {"millis", Meaning::Unit, "ms"},
    {"millisecond", Meaning::Unit, "ms"},
    {"milliseconds", Meaning::Unit, "ms"},

    {"d", Meaning::Days, ""},
    {"day", Meaning::Days, ""},
    {"days", Meaning::Days, ""},
    {"w", Meaning::Weeks, ""},
    {"wk", Meaning::Weeks, ""},
    {"week", Meaning::Weeks, ""},
    {"weeks", Meaning::Weeks, ""},

    // µs is spelled with MICRO SIGN (what the lexer accepts) or GREEK SMALL LETTER MU.
    {"us", Meaning::Microseconds, ""},
    {"\xC2\xB5s", Meaning::Microseconds, ""},
    {"\xCE\xBCs", Meaning::Microseconds, ""},
    {"usec", Meaning::Microseconds, ""},
    {"usecs", Meaning::Microseconds, ""},
    {"micros", Meaning::Microseconds, ""},
    {"microsecond", Meaning::Microseconds, ""},
    {"microseconds", Meaning::Microseconds, ""},
    {"ns", Meaning::Nanoseconds, ""},
    {"nsec", Meaning::Nanoseconds, ""},
    {"nsecs", Meaning::Nanoseconds, ""},
    {"nanos", Meaning::Nanoseconds, ""},
    {"nanosecond", Meaning::Nanoseconds, ""},
    {"nanoseconds", Meaning::Nanoseconds, ""},

    // The units themselves, so that a typo of one (`hh`) is matched too. Last, so that on a
    // tie an alias wins: `mn` reads as `min` (minutes), not as `ms`.
    {"h", Meaning::Unit, "h"},
    {"m", Meaning::Unit, "m"},
    {"s", Meaning::Unit, "s"},
    {"ms", Meaning::Unit, "ms"},
};

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct Reading {
  Meaning meaning;
  std::string_view unit;  // for Meaning::Unit
  bool case_only;         // the spelling differs from the unit only in case (`S`, `MS`)
};

// How an unknown unit spelling reads, if it reads as anything: a known alias, a canonical unit
// in the wrong case, or a typo of either (words of two letters or more; a single stray letter
// is one edit from every unit, which makes a guess worthless).
std::optional<Reading> read_unit(std::string_view spelling) {
  const std::string lower = lowercase(spelling);
  if (auto rank = unit_rank(lower)) return Reading{Meaning::Unit, kUnits[*rank].name, lower != spelling};
  std::string_view known = lower;
  if (std::ranges::none_of(kSpellings, [&](const Spelling& s) { return s.text == lower; })) {
    if (spelling.size() < 2) return std::nullopt;
    static const std::vector<std::string_view> texts = [] {
      std::vector<std::string_view> out;
      for (const Spelling& s : kSpellings) out.push_back(s.text);
      return out;
    }();
    const auto guess = closest_match(lower, texts);
    if (!guess) return std::nullopt;
    known = *std::ranges::find(texts, *guess);
  }
  const Spelling& s = *std::ranges::find(kSpellings, known, &Spelling::text);
  return Reading{s.meaning, s.unit, false};
}

// A literal's value is digits x multiplier / 10^decimals, in milliseconds.
struct Scale {
  std::uint64_t multiplier;
  std::size_t decimals;
};

Scale scale_of(const Reading& reading) {
  switch (reading.meaning) {
    case Meaning::Unit: return Scale{kUnits[*unit_rank(reading.unit)].ms, 0};
    case Meaning::Days: return Scale{86'400'000, 0};
    case Meaning::Weeks: return Scale{604'800'000, 0};
    case Meaning::Microseconds: return Scale{1, 3};
    case Meaning::Nanoseconds: return Scale{1, 6};
  }
  return Scale{1, 0};
}

struct Millis {
  bool too_large = false;
  bool whole = true;        // no fraction of a millisecond
  std::uint64_t floor = 0;  // meaningful unless too_large
};

// The exact value of `number` (digits with at most one decimal point, both sides non-empty)
// in the given scale, by schoolbook multiplication of the digit string: exact for any length.
Millis to_millis(std::string_view number, Scale scale) {
  std::string digits;
  std::size_t decimals = scale.decimals;
  if (const std::size_t dot = number.find('.'); dot != std::string_view::npos) {
    digits = std::string(number.substr(0, dot)) + std::string(number.substr(dot + 1));
    decimals += number.size() - dot - 1;
  } else {
    digits = number;
  }
  std::string product(digits.size(), '0');
  std::uint64_t carry = 0;
  for (std::size_t i = digits.size(); i-- > 0;) {
    const std::uint64_t step = static_cast<std::uint64_t>(digits[i] - '0') * scale.multiplier + carry;
    product[i] = static_cast<char>('0' + step % 10);
    carry = step / 10;
  }
  std::string head;
  for (; carry > 0; carry /= 10) head.insert(head.begin(), static_cast<char>('0' + carry % 10));
  product.insert(0, head);

  Millis out;
  const std::size_t split = product.size() > decimals ? product.size() - decimals : 0;
  const std::string_view whole_part = std::string_view(product).substr(0, split);
  const std::string_view fraction = std::string_view(product).substr(split);
  out.whole = fraction.find_first_not_of('0') == std::string_view::npos;
  const std::size_t first = whole_part.find_first_not_of('0');
  const std::string_view significant = first == std::string_view::npos ? "" : whole_part.substr(first);
  if (significant.size() > 16) {  // 2^53 has 16 digits
    out.too_large = true;
    return out;
  }
  for (char c : significant) out.floor = out.floor * 10 + static_cast<std::uint64_t>(c - '0');
  out.too_large = out.floor > static_cast<std::uint64_t>(kMaxDurationMs);
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_number_char(char c) {
  return is_digit(c) || c == '.' || c == '_';
}

// One number and the unit written after it. Either may be empty in a malformed literal.
struct Segment {
  std::string_view number;
  std::string_view unit;
  std::uint32_t begin = 0;       // of the number, in the literal
  std::uint32_t unit_begin = 0;  // of the unit, in the literal

  std::uint32_t end() const { return unit_begin + static_cast<std::uint32_t>(unit.size()); }
  std::uint32_t size() const { return end() - begin; }
};

std::vector<Segment> split_segments(std::string_view text) {
  std::vector<Segment> segments;
  std::size_t i = 0;
  while (i < text.size()) {
    Segment s;
    s.begin = static_cast<std::uint32_t>(i);
    while (i < text.size() && is_number_char(text[i])) ++i;
    s.number = text.substr(s.begin, i - s.begin);
    s.unit_begin = static_cast<std::uint32_t>(i);
    while (i < text.size() && !is_number_char(text[i])) ++i;
    s.unit = text.substr(s.unit_begin, i - s.unit_begin);
    segments.push_back(s);
  }
  return segments;
}

struct Failure {
  DurationError error;
  std::optional<std::string> fix;  // a literal that parses, to suggest instead
};

struct Outcome {
  std::optional<std::chrono::milliseconds> value;
  std::optional<Failure> failure;
};

Outcome parse(std::string_view text, int depth);

std::string quoted(std::string_view text) {
  return "`" + std::string(text) + "`";
}

// `candidate` if it parses, else the fix its own error offers; nothing when neither works.
std::optional<std::string> repair(std::string_view candidate, int depth) {
  if (depth >= kMaxRepairDepth) return std::nullopt;
  Outcome outcome = parse(candidate, depth + 1);
  if (outcome.value) return std::string(candidate);
  return outcome.failure->fix;
}

// `advice`, then "; write `fix`" when there is a fix.
std::string hint_with(std::string_view advice, const std::optional<std::string>& fix) {
  std::string out(advice);
  if (fix) out += (out.empty() ? "write " : "; write ") + quoted(*fix);
  return out;
}

Failure failure(DurationErrorKind kind, std::string message, std::string_view advice, std::optional<std::string> fix,
                std::uint32_t offset, std::uint32_t length) {
  std::string hint = hint_with(advice, fix);
  return Failure{DurationError{kind, std::move(message), std::move(hint), offset, length}, std::move(fix)};
}

std::string with_segment_replaced(std::string_view text, std::size_t begin, std::size_t length,
                                  std::string_view replacement) {
  std::string out(text);
  out.replace(begin, length, replacement);
  return out;
}

// A number that is not `digits` or `digits.digits`.
std::optional<Failure> check_number(std::string_view text, const Segment& s, int depth) {
  const std::string_view n = s.number;
  if (n.find_first_of("0123456789") == std::string_view::npos) {
    return failure(DurationErrorKind::Malformed, quoted(n) + " is not a number",
                   "write a number before each unit, such as `500ms`", std::nullopt, s.begin,
                   static_cast<std::uint32_t>(n.size()));
  }
  if (n.find('_') != std::string_view::npos) {
    std::string plain(n);
    std::erase(plain, '_');
    return failure(DurationErrorKind::Malformed, "the number " + quoted(n) + " contains a digit separator",
                   "remove the `_` separators", repair(with_segment_replaced(text, s.begin, n.size(), plain), depth),
                   s.begin, static_cast<std::uint32_t>(n.size()));
  }
  const auto dots = std::count(n.begin(), n.end(), '.');
  if (dots > 1) {
    // `1..5s` is a doubled key press; `1.2.3s` has no obvious meaning.
    std::string collapsed(n);
    collapsed.erase(
        std::unique(collapsed.begin(), collapsed.end(), [](char a, char b) { return a == '.' && b == '.'; }),
        collapsed.end());
    std::optional<std::string> fix;
    if (std::count(collapsed.begin(), collapsed.end(), '.') == 1) {
      fix = repair(with_segment_replaced(text, s.begin, n.size(), collapsed), depth);
    }
    return failure(DurationErrorKind::Malformed, "the number " + quoted(n) + " has more than one decimal point",
                   fix ? "" : "write a number with one decimal point at most", fix, s.begin,
                   static_cast<std::uint32_t>(n.size()));
  }
  if (n.front() == '.') {
    const auto fix = repair(with_segment_replaced(text, s.begin, 0, "0"), depth);
    return failure(DurationErrorKind::Malformed, "the number " + quoted(n) + " has no digit before its decimal point",
                   fix ? "" : "write a digit before the decimal point, such as `0.5s`", fix, s.begin,
                   static_cast<std::uint32_t>(n.size()));
  }
  if (n.back() == '.') {
    const auto fix = repair(with_segment_replaced(text, s.begin + n.size() - 1, 1, ""), depth);
    return failure(DurationErrorKind::Malformed, "the number " + quoted(n) + " has no digit after its decimal point",
                   fix ? "" : "remove the decimal point or write a digit after it", fix, s.begin,
                   static_cast<std::uint32_t>(n.size()));
  }
  return std::nullopt;
}

// A number with no unit after it: `1m30`. The obvious unit is the next one down.
Failure missing_unit(std::string_view text, const std::vector<Segment>& segments, std::size_t index, int depth) {
  const Segment& s = segments[index];
  std::optional<std::string> fix;
  if (index > 0) {
    const auto previous = unit_rank(segments[index - 1].unit);
    if (previous && *previous + 1 < kUnits.size()) {
      fix = repair(std::string(text) + std::string(kUnits[*previous + 1].name), depth);
    }
  } else {
    fix = repair(std::string(text) + "s", depth);
  }
  return failure(DurationErrorKind::Malformed, "the number " + quoted(s.number) + " has no unit",
                 fix ? "" : "add a unit: ms, s, m or h", fix, s.begin, static_cast<std::uint32_t>(s.number.size()));
}

// The literal with every unit read as what it most likely means, when every one reads as
// something: units and their aliases are substituted in place (`1hr30min` -> `1h30m`); days,
// weeks and sub-millisecond units change the numbers, so the total is formatted instead.
std::optional<std::string> rewrite_units(std::string_view text, const std::vector<Segment>& segments, int depth) {
  std::string substituted;
  bool by_value = false;
  std::uint64_t floor = 0;
  bool whole = true;
  for (const Segment& s : segments) {
    if (check_number(text, s, kMaxRepairDepth)) return std::nullopt;
    if (s.unit.empty() && !by_value) {
      substituted += s.number;  // a trailing number: the repair below adds its unit
      continue;
    }
    const auto reading = read_unit(s.unit);
    if (!reading) return std::nullopt;
    substituted += std::string(s.number) + std::string(reading->meaning == Meaning::Unit ? reading->unit : "");
    if (reading->meaning != Meaning::Unit) by_value = true;
    const Millis part = to_millis(s.number, scale_of(*reading));
    if (part.too_large) return std::nullopt;
    floor += part.floor;
    whole = whole && part.whole;
  }
  if (!by_value) return repair(substituted, depth);
  if (segments.back().unit.empty()) return std::nullopt;
  if (floor > static_cast<std::uint64_t>(kMaxDurationMs)) return std::nullopt;
  // A sub-millisecond value rounds up: for a timeout, less than asked is the surprise.
  if (!whole) ++floor;
  return format_duration(std::chrono::milliseconds(static_cast<std::int64_t>(floor)));
}

Failure unknown_unit(std::string_view text, const std::vector<Segment>& segments, std::size_t index, int depth) {
  const Segment& s = segments[index];
  const auto reading = read_unit(s.unit);
  const std::optional<std::string> fix = rewrite_units(text, segments, depth);
  std::string advice(kUnitsInWords);
  if (reading && reading->meaning == Meaning::Unit && reading->case_only) {
    advice = "duration units are written in lowercase";
  } else if (reading && reading->meaning == Meaning::Days) {
    advice = "days are not a duration unit (" + advice + ")";
  } else if (reading && reading->meaning == Meaning::Weeks) {
    advice = "weeks are not a duration unit (" + advice + ")";
  } else if (reading && (reading->meaning == Meaning::Microseconds || reading->meaning == Meaning::Nanoseconds)) {
    advice = "units below a millisecond do not exist (" + advice + ", to the millisecond)";
  }
  return failure(DurationErrorKind::UnknownUnit, "unknown duration unit " + quoted(s.unit), advice, fix, s.unit_begin,
                 static_cast<std::uint32_t>(s.unit.size()));
}

Failure sign(std::string_view text, int depth) {
  const std::optional<std::string> fix = repair(text.substr(1), depth);
  std::string message = text[0] == '-' ? "negative durations do not exist" : "a duration cannot have a sign";
  return failure(DurationErrorKind::Sign, std::move(message), "remove the sign", fix, 0, 1);
}

std::string overflow_advice() {
  return "the largest duration is 2^53 - 1 ms (`" + std::to_string(kMaxDurationMs) + "ms`, about 285,000 years)";
}

Outcome fail(Failure f) {
  return Outcome{std::nullopt, std::move(f)};
}

Outcome parse(std::string_view text, int depth) {
  if (text.empty()) {
    return fail(failure(DurationErrorKind::Malformed, "empty duration literal",
                        "write a number followed by a unit, such as `30s`", std::nullopt, 0, 0));
  }
  if (text[0] == '-' || text[0] == '+') return fail(sign(text, depth));

  // Structure, left to right: the first problem is the one reported.
  const std::vector<Segment> segments = split_segments(text);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (s.number.empty()) {
      return fail(failure(DurationErrorKind::Malformed, "the unit " + quoted(s.unit) + " has no number before it",
                          "write a number before each unit, such as `500ms`", std::nullopt, s.unit_begin,
                          static_cast<std::uint32_t>(s.unit.size())));
    }
    if (auto bad = check_number(text, s, depth)) return fail(std::move(*bad));
    if (s.unit.empty()) return fail(missing_unit(text, segments, i, depth));
    if (!unit_rank(s.unit)) return fail(unknown_unit(text, segments, i, depth));
  }

  // Values, exactly.
  std::uint64_t total = 0;
  for (const Segment& s : segments) {
    const Millis part = to_millis(s.number, Scale{kUnits[*unit_rank(s.unit)].ms, 0});
    if (part.too_large) {
      return fail(failure(DurationErrorKind::Overflow,
                          "duration " + quoted(text.substr(s.begin, s.size())) + " is too large", overflow_advice(),
                          std::nullopt, s.begin, s.size()));
    }
    total += part.floor;  // at most 4 x 2^53: no wrap-around
    if (!part.whole) {
      // Every other segment is whole so far, so the total lies between these two.
      std::optional<std::string> lower;
      if (total > 0) lower = format_duration(std::chrono::milliseconds(static_cast<std::int64_t>(total)));
      std::string advice = "durations have a resolution of 1ms";
      std::optional<std::string> upper;
      if (total + 1 <= static_cast<std::uint64_t>(kMaxDurationMs)) {
        upper = format_duration(std::chrono::milliseconds(static_cast<std::int64_t>(total + 1)));
      }
      if (lower && upper) {
        advice += "; write " + quoted(*lower) + " or " + quoted(*upper);
        upper.reset();
      } else if (lower) {
        upper = lower;
      }
      Failure f = failure(DurationErrorKind::SubMillisecond,
                          quoted(text.substr(s.begin, s.size())) + " is not a whole number of milliseconds", advice,
                          upper, s.begin, s.size());
      f.fix.reset();  // rounding changes the value: suggest it, never apply it in a repair
      return fail(std::move(f));
    }
  }
  if (total > static_cast<std::uint64_t>(kMaxDurationMs)) {
    return fail(failure(DurationErrorKind::Overflow, "duration " + quoted(text) + " is too large", overflow_advice(),
                        std::nullopt, 0, static_cast<std::uint32_t>(text.size())));
  }

  // Order: strictly decreasing units, so each appears at most once.
  const std::string normalized = format_duration(std::chrono::milliseconds(static_cast<std::int64_t>(total)));
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    const std::size_t rank = *unit_rank(s.unit);
    for (std::size_t j = 0; j < i; ++j) {
      const std::size_t earlier = *unit_rank(segments[j].unit);
      if (earlier == rank) {
        return fail(failure(DurationErrorKind::UnitOrder, "duration unit " + quoted(s.unit) + " is repeated",
                            "each unit appears at most once", normalized, s.begin, s.size()));
      }
    }
    const std::size_t previous = *unit_rank(segments[i - 1].unit);
    if (rank < previous) {
      return fail(
          failure(DurationErrorKind::UnitOrder,
                  "duration units are out of order: " + quoted(s.unit) + " comes after " + quoted(segments[i - 1].unit),
                  "units go from largest to smallest", normalized, s.begin, s.size()));
    }
  }
  return Outcome{std::chrono::milliseconds(static_cast<std::int64_t>(total)), std::nullopt};
}

bool is_suffix_char(std::string_view text, std::size_t i, std::size_t& width) {
  width = 1;
  const char c = text[i];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  if (text.substr(i, kMicro.size()) == kMicro) {
    width = kMicro.size();
    return true;
  }
  return false;
}

}  // namespace

DurationParse parse_duration(std::string_view text) {
  Outcome outcome = parse(text, 0);
  if (outcome.value) return DurationParse{outcome.value, std::nullopt};
  return DurationParse{std::nullopt, std::move(outcome.failure->error)};
}

bool is_duration_shaped(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (i >= text.size() || !is_digit(text[i])) return false;
  ++i;
  // The rest is [0-9_.] and letter-class characters with at least one of the latter (the
  // regex's [0-9_.]* part cannot hold a letter, so any such mix matches it).
  bool letter = false;
  while (i < text.size()) {
    std::size_t width = 1;
    if (is_suffix_char(text, i, width)) {
      letter = true;
    } else if (!is_digit(text[i]) && text[i] != '.') {
      return false;
    }
    i += width;
  }
  return letter;
}

}  // namespace baml
