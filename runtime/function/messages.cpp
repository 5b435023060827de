#include "function/messages.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baml::fn {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A marker at `pos` (kMarker, 'r' or 'm', digits, ':', the render's nonce, kMarker) whose index
// is within its table: its letter, index and length; nullopt when the bytes only look like one.
struct Marker {
  char letter;
  std::size_t index;
  std::size_t length;
};

std::optional<Marker> marker_at(std::string_view text, std::size_t pos, const tmpl::RenderOutput& rendered) {
  if (pos + 3 > text.size() || text[pos] != tmpl::kMarker) return std::nullopt;
  const char letter = text[pos + 1];
  if (letter != 'r' && letter != 'm') return std::nullopt;
  std::size_t i = pos + 2;
  std::size_t index = 0;
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits_start < 18) {
    index = index * 10 + static_cast<std::size_t>(text[i] - '0');
    ++i;
  }
  if (i == digits_start || i >= text.size() || text[i] != ':') return std::nullopt;
  ++i;
  const std::string_view nonce = rendered.nonce;
  if (nonce.empty() || text.substr(i, nonce.size()) != nonce) return std::nullopt;
  i += nonce.size();
  if (i >= text.size() || text[i] != tmpl::kMarker) return std::nullopt;
  if (index >= (letter == 'r' ? rendered.roles.size() : rendered.media.size())) return std::nullopt;
  return Marker{letter, index, i + 1 - pos};
}

// One message being assembled: its text is gathered as pieces of the rendered text until a media
// item or the end, then copied once (a prompt holding a large argument is not copied piecewise).
struct Chunk {
  Message message;
  std::vector<std::string_view> pending;
  bool has_media = false;
};

void flush_text(Chunk& chunk, bool trim_it) {
  std::vector<std::string_view>& pieces = chunk.pending;
  std::size_t first = 0;
  std::size_t last = pieces.size();
  if (trim_it) {
    for (; first < last; ++first) {
      while (!pieces[first].empty() && is_space(pieces[first].front())) pieces[first].remove_prefix(1);
      if (!pieces[first].empty()) break;
    }
    for (; last > first; --last) {
      while (!pieces[last - 1].empty() && is_space(pieces[last - 1].back())) pieces[last - 1].remove_suffix(1);
      if (!pieces[last - 1].empty()) break;
    }
  }
  std::size_t size = 0;
  for (std::size_t i = first; i < last; ++i) size += pieces[i].size();
  if (size > 0) {
    std::string text;
    text.reserve(size);
    for (std::size_t i = first; i < last; ++i) text.append(pieces[i]);
    chunk.message.parts.push_back(ContentPart::of_text(std::move(text)));
  }
  pieces.clear();
}

}  // namespace

std::vector<Message> split_messages(const tmpl::RenderOutput& rendered, std::string_view default_role) {
  const std::string_view text = rendered.text;
  std::vector<Chunk> chunks(1);
  chunks.back().message.role = std::string(default_role);
  std::size_t start = 0;
  bool saw_role = false;
  for (std::size_t pos = text.find(tmpl::kMarker); pos != std::string_view::npos; pos = text.find(tmpl::kMarker, pos)) {
    const std::optional<Marker> m = marker_at(text, pos, rendered);
    if (!m) {
      ++pos;
      continue;
    }
    chunks.back().pending.push_back(text.substr(start, pos - start));
    if (m->letter == 'm') {
      Chunk& chunk = chunks.back();
      flush_text(chunk, true);  // text next to a media item is trimmed
      chunk.message.parts.push_back(ContentPart::of_media(rendered.media[m->index]));
      chunk.has_media = true;
    } else {
      saw_role = true;
      Chunk next;
      next.message.role = rendered.roles[m->index].role;
      next.message.metadata = rendered.roles[m->index].metadata;
      chunks.push_back(std::move(next));
    }
    pos += m->length;
    start = pos;
  }
  chunks.back().pending.push_back(text.substr(start));

  std::vector<Message> messages;
  for (Chunk& chunk : chunks) {
    // Without role markers the text goes out as rendered; with them (or next to media) trimmed.
    const bool trim_it = saw_role || chunk.has_media;
    flush_text(chunk, trim_it);
    if (saw_role && chunk.message.parts.empty()) continue;  // empty messages are dropped
    if (!saw_role && chunk.message.parts.empty()) chunk.message.parts.push_back(ContentPart::of_text(""));
    messages.push_back(std::move(chunk.message));
  }
  return messages;
}

}  // namespace baml::fn
