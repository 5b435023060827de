// Checking and repairing UTF-8 (see utf8.h).
#include "call/utf8.h"

namespace baml {

bool is_utf8(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
    const std::size_t n = utf8_sequence_length(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

std::string to_utf8(std::string_view text) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    const std::size_t n = static_cast<unsigned char>(*p) < 0x80 ? 1 : utf8_sequence_length(p, end);
    if (n == 0) {
      out += kReplacement;
      ++p;
      continue;
    }
    out.append(p, n);
    p += n;
  }
  return out;
}

void make_utf8(nlohmann::json& value) {
  if (value.is_string()) {
    auto& text = value.get_ref<std::string&>();
    if (!is_utf8(text)) text = to_utf8(text);
    return;
  }
  if (value.is_array()) {
    for (nlohmann::json& item : value) make_utf8(item);
    return;
  }
  if (!value.is_object()) return;
  bool keys_changed = false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    make_utf8(it.value());
    if (!is_utf8(it.key())) keys_changed = true;
  }
  if (!keys_changed) return;
  nlohmann::json repaired = nlohmann::json::object();
  for (auto it = value.begin(); it != value.end(); ++it) repaired[to_utf8(it.key())] = std::move(it.value());
  value = std::move(repaired);
}

}  // namespace baml
