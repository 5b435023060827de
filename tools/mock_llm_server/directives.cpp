// Parsing of `mock:` model strings and cutting of reply text into chunks (see directives.h).
// Mistakes in a directive are reported, never guessed around: a test whose fault silently did
// not apply would pass for the wrong reason.
#include "directives.h"

#include "answers.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

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

std::string joined(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += separator;
    out += name;
  }
  return out;
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
  if (key == "stall_after" || key == "chunks" || key == "fail_first" || key == "garbage" || key == "chunk_size" ||
      key == "truncate" || key == "close_after" || key == "stream_error") {
    std::optional<std::uint64_t> n = parse_count(*value);
    if (!n) return "directive '" + std::string(key) + "' needs a non-negative integer";
    if ((key == "chunks" || key == "garbage" || key == "chunk_size") && *n == 0) {
      return "directive '" + std::string(key) + "' needs at least 1";
    }
    // The body is held in memory whole.
    if (key == "garbage" && *n > (std::uint64_t{1} << 24)) return "directive 'garbage' takes at most 16777216 bytes";
    if (key == "stall_after") d.stall_after = n;
    if (key == "chunks") d.chunks = n;
    if (key == "fail_first") d.fail_first = n;
    if (key == "garbage") d.garbage = n;
    if (key == "chunk_size") d.chunk_size = n;
    if (key == "truncate") d.truncate = n;
    if (key == "close_after") d.close_after = n;
    if (key == "stream_error") d.stream_error = n;
    return "";
  }
  if (key == "reply") {
    d.reply = std::string(*value);
    return "";
  }
  if (key == "reply_b64") {
    std::optional<std::string> text = decode_base64(*value);
    if (!text) return "directive 'reply_b64' needs base64 text (standard or URL-safe alphabet)";
    d.reply = std::move(text);
    return "";
  }
  if (key == "reply_file") {
    if (value->empty()) return "directive 'reply_file' needs a file path";
    d.reply_file = std::string(*value);
    return "";
  }
  if (key == "answer") {
    if (!canned_answer(*value)) return "directive 'answer' needs one of " + joined(canned_answer_names(), ", ");
    d.answer = std::string(*value);
    return "";
  }
  if (key == "form") {
    std::string_view rest = *value;
    while (true) {
      std::size_t plus = rest.find('+');
      std::string_view name = rest.substr(0, plus);
      if (!is_form(name)) return "directive 'form' needs forms joined by '+', each one of " + joined(form_names(), ", ");
      d.forms.emplace_back(name);
      if (plus == std::string_view::npos) break;
      rest.remove_prefix(plus + 1);
    }
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

namespace {

struct Item {
  std::string key;
  std::optional<std::string> value;
  std::string text;  // as written, for messages
};

// Splits a directive list into items. `reply=` swallows the rest of the list, commas included.
std::vector<Item> split_items(std::string_view rest) {
  std::vector<Item> items;
  while (!rest.empty()) {
    if (rest.substr(0, 6) == "reply=") {
      items.push_back({"reply", std::string(rest.substr(6)), std::string(rest)});
      break;
    }
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item.empty()) continue;  // tolerate "mock:a=1,,b=2" and a trailing comma
    std::size_t eq = item.find('=');
    Item out{std::string(item.substr(0, eq)), std::nullopt, std::string(item)};
    if (eq != std::string_view::npos) out.value = std::string(item.substr(eq + 1));
    items.push_back(std::move(out));
  }
  return items;
}

// Directives that choose the same thing, so that a prompt's choice replaces the model's.
std::string_view group_of(std::string_view key) {
  if (key == "reply" || key == "reply_b64" || key == "reply_file" || key == "answer" || key == "echo") return "content";
  if (key == "chunks" || key == "chunk_size") return "chunking";
  return key;
}

std::variant<Directives, DirectiveError> build(const std::vector<Item>& items) {
  Directives d;
  for (const Item& item : items) {
    std::optional<std::string_view> value;
    if (item.value) value = *item.value;
    std::string message = apply(d, item.key, value);
    if (!message.empty()) return error(item.text, message + " (in '" + item.text + "')");
  }
  const int contents = (d.echo ? 1 : 0) + (d.reply ? 1 : 0) + (d.reply_file ? 1 : 0) + (d.answer ? 1 : 0);
  if (contents > 1) {
    if (d.echo && d.reply && contents == 2) return error("echo", "directives 'echo' and 'reply' contradict each other");
    return error("reply", "directives 'echo', 'reply', 'reply_b64', 'reply_file' and 'answer' exclude each other");
  }
  if (d.drip && d.stall_after) {
    return error("drip", "directives 'drip' and 'stall_after' contradict each other");
  }
  if (d.chunks && d.chunk_size) {
    return error("chunks", "directives 'chunks' and 'chunk_size' contradict each other");
  }
  const int cuts = (d.truncate ? 1 : 0) + (d.close_after ? 1 : 0) + (d.stream_error ? 1 : 0);
  if (cuts > 1 || (cuts == 1 && (d.drip || d.stall_after))) {
    return error("truncate",
                 "directives 'truncate', 'close_after', 'stream_error', 'drip' and 'stall_after' exclude each other");
  }
  return d;
}

std::optional<DirectiveError> repeated_key(const std::vector<Item>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (items[j].key == items[i].key) {
        return error(items[i].text, "directive '" + items[i].key + "' given twice");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<Directives, DirectiveError> parse_model(std::string_view model) {
  return parse_directives(model, {});
}

std::string find_prompt_tags(std::string_view text, std::vector<std::string>& tags) {
  constexpr std::string_view kOpen = "[mock:";
  for (std::size_t at = text.find(kOpen); at != std::string_view::npos; at = text.find(kOpen, at)) {
    std::size_t close = text.find(']', at + kOpen.size());
    if (close == std::string_view::npos) {
      return "a [mock:...] tag in the prompt has no closing ']' (at '" + std::string(text.substr(at, 40)) + "')";
    }
    tags.emplace_back(text.substr(at + kOpen.size(), close - at - kOpen.size()));
    at = close + 1;
  }
  return "";
}

std::variant<Directives, DirectiveError> parse_directives(std::string_view model, const std::vector<std::string>& tags) {
  std::vector<Item> items;
  if (model.substr(0, kPrefix.size()) == kPrefix) {
    items = split_items(model.substr(kPrefix.size()));
    if (std::optional<DirectiveError> twice = repeated_key(items)) return *twice;
  }
  std::vector<Item> from_prompt;
  for (const std::string& tag : tags) {
    for (Item& item : split_items(tag)) {
      bool same = false;
      for (const Item& earlier : from_prompt) {
        if (earlier.key != item.key) continue;
        // A prompt that shows an argument twice repeats its tag: harmless when it says the same.
        if (earlier.value != item.value) {
          return error(item.text, "directive '" + item.key + "' given twice in the prompt with different values");
        }
        same = true;
      }
      if (!same) from_prompt.push_back(std::move(item));
    }
  }
  if (!from_prompt.empty()) {
    std::erase_if(items, [&](const Item& item) {
      for (const Item& p : from_prompt) {
        if (group_of(p.key) == group_of(item.key)) return true;
      }
      return false;
    });
    for (Item& item : from_prompt) items.push_back(std::move(item));
  }
  return build(items);
}

std::vector<std::string> content_chunks(std::string_view content, std::optional<std::uint64_t> chunks,
                                        std::optional<std::uint64_t> chunk_size) {
  std::vector<std::string> out;
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (chunk_size) {
    std::size_t begin = 0;
    while (begin < content.size()) {
      std::size_t end = begin + std::min<std::uint64_t>(*chunk_size, content.size() - begin);
      while (end < content.size() && (static_cast<unsigned char>(content[end]) & 0xC0) == 0x80) ++end;
      out.emplace_back(content.substr(begin, end - begin));
      begin = end;
    }
  } else if (!chunks) {
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
