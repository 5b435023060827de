// Holding back a possible secret at the end of a stream (see stream_scrubber.h).
#include "errors/stream_scrubber.h"

namespace baml {

std::string StreamScrubber::push(std::string_view piece) {
  std::string out;
  if (pending_.empty()) {
    const std::size_t used = redactor_->scrub_prefix(piece, /*at_end=*/false, out);
    pending_.assign(piece.substr(used));
  } else {
    pending_.append(piece);
    const std::size_t used = redactor_->scrub_prefix(pending_, /*at_end=*/false, out);
    pending_.erase(0, used);
  }
  return out;
}

std::string StreamScrubber::flush() {
  std::string out;
  redactor_->scrub_prefix(pending_, /*at_end=*/true, out);
  pending_.clear();
  return out;
}

}  // namespace baml
