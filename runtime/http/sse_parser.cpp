// Line splitting and field handling of the SSE format (see sse_parser.h). Lines end with CRLF, LF
// or a lone CR; a blank line dispatches the event being built.
#include "http/sse_parser.h"

#include <algorithm>

namespace baml {

void SseParser::feed(std::string_view chunk, std::vector<SseEvent>& out) {
  if (at_stream_start_ && !chunk.empty()) {
    // A UTF-8 byte order mark may open the stream; it may itself arrive split.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    const std::size_t have = line_.size();
    const std::size_t take = std::min(chunk.size(), kBom.size() - have);
    if (kBom.substr(have, take) == chunk.substr(0, take)) {
      line_.append(chunk.substr(0, take));
      chunk.remove_prefix(take);
      if (line_.size() < kBom.size()) return;  // still could be a BOM
      line_.clear();
      at_stream_start_ = false;
    } else {
      at_stream_start_ = false;  // not a BOM after all: what we held is ordinary text
    }
  }
  std::size_t begin = 0;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c != '\n' && c != '\r') continue;
    if (c == '\n' && after_cr_ && i == 0 && line_.empty()) {
      // The LF of a CRLF whose CR ended the previous chunk.
      after_cr_ = false;
      begin = 1;
      continue;
    }
    line_.append(chunk.substr(begin, i - begin));
    process_line(line_, out);
    line_.clear();
    const bool crlf = c == '\r' && i + 1 < chunk.size() && chunk[i + 1] == '\n';
    if (crlf) ++i;
    after_cr_ = c == '\r' && !crlf && i + 1 == chunk.size();
    begin = i + 1;
  }
  if (begin < chunk.size()) {
    line_.append(chunk.substr(begin));
    after_cr_ = false;
  }
}

void SseParser::finish(std::vector<SseEvent>& out) {
  if (!line_.empty()) {
    process_line(line_, out);
    line_.clear();
  }
  dispatch(out);
}

void SseParser::process_line(std::string_view line, std::vector<SseEvent>& out) {
  if (line.empty()) {
    dispatch(out);
    return;
  }
  if (line.front() == ':') {
    ++comments_;
    return;
  }
  const std::size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) pending_.data += '\n';
    pending_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    pending_.event.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) pending_.id.assign(value);
  }
  // `retry` and unknown fields are ignored: reconnection is not how LLM streams recover.
}

void SseParser::dispatch(std::vector<SseEvent>& out) {
  if (has_data_) out.push_back(std::move(pending_));
  pending_ = SseEvent{};
  has_data_ = false;
}

}  // namespace baml
