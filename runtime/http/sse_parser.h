// An incremental parser for Server-Sent Events (the WHATWG "event stream" format). Bytes arrive in
// whatever pieces the network delivers; the parser keeps the unfinished line between calls, so an
// event split anywhere (inside a field name, between CR and LF, inside a UTF-8 sequence) comes out
// the same as if it had arrived whole. Comments (`:` lines, the usual keep-alive) are counted, not
// dispatched, so they never look like data to the phase limits.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "providers/sse_event.h"

namespace baml {

class SseParser {
 public:
  // Appends to `out` every event completed by `chunk`.
  void feed(std::string_view chunk, std::vector<SseEvent>& out);
  // End of stream. The standard drops an event that was not ended by a blank line; servers that
  // close right after `data: [DONE]\n` are common enough that this dispatches it instead.
  void finish(std::vector<SseEvent>& out);

  std::size_t comments() const { return comments_; }

 private:
  void process_line(std::string_view line, std::vector<SseEvent>& out);
  void dispatch(std::vector<SseEvent>& out);

  std::string line_;       // the incomplete line carried over from the previous chunk
  bool after_cr_ = false;  // the previous chunk ended with CR: a leading LF belongs to it
  bool at_stream_start_ = true;
  SseEvent pending_;
  bool has_data_ = false;
  std::size_t comments_ = 0;
};

}  // namespace baml
